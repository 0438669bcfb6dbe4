// Check-mode nudges: a neutral check run on the PR's head commit, with annotations; it notifies no one.
import type { ProbotOctokit } from "probot";
import type { CheckOutput } from "../coaching/render-check.js";
import { COACHING_CHECK_NAME } from "../coaching/render-check.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface CheckTarget {
  owner: string;
  repo: string;
}

export async function createCoachingCheck(
  octokit: Octokit,
  target: CheckTarget & { headSha: string; reviewId: number },
  output: CheckOutput,
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: COACHING_CHECK_NAME,
    head_sha: target.headSha,
    external_id: `review:${target.reviewId}`,
    // Never retried by the client: GitHub may have created it before failing; the job retry finds it by its marker.
    request: { retries: 0 },
    status: "completed",
    // Neutral: coaching is advice, never a merge blocker.
    conclusion: "neutral",
    output,
  });
  return data.id;
}

/** GitHub appends annotations on update: pass only new ones. */
export async function updateCoachingCheck(
  octokit: Octokit,
  target: CheckTarget,
  checkRunId: number,
  output: CheckOutput,
): Promise<void> {
  await octokit.rest.checks.update({
    owner: target.owner,
    repo: target.repo,
    check_run_id: checkRunId,
    output: output.annotations.length > 0 ? output : { title: output.title, summary: output.summary },
  });
}

/** The line each comment of a review sits on (its current line, else the line it was written on). */
export async function listReviewCommentLines(
  octokit: Octokit,
  target: CheckTarget & { prNumber: number; reviewId: number },
): Promise<Map<number, number>> {
  const comments = await octokit.paginate(octokit.rest.pulls.listCommentsForReview, {
    owner: target.owner,
    repo: target.repo,
    pull_number: target.prNumber,
    review_id: target.reviewId,
    per_page: 100,
  });
  const lines = new Map<number, number>();
  for (const c of comments) {
    const line = c.line ?? c.original_line;
    if (typeof line === "number") lines.set(Number(c.id), line);
  }
  return lines;
}
