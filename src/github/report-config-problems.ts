// Posts a config problem report: a neutral check run on the PR's head commit, else a PR comment.
import type { ProbotOctokit } from "probot";
import { httpStatusOf } from "./github-error.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface ReportTarget {
  owner: string;
  repo: string;
  prNumber: number;
  headSha: string | null;
}

export const CONFIG_CHECK_NAME = "review-coach config";

/** Returns how it was reported. Throws the GitHub error when neither way is allowed. */
export async function reportConfigProblems(
  octokit: Octokit,
  target: ReportTarget,
  report: { title: string; markdown: string },
): Promise<"check_run" | "comment"> {
  if (target.headSha) {
    try {
      await octokit.rest.checks.create({
        owner: target.owner,
        repo: target.repo,
        name: CONFIG_CHECK_NAME,
        head_sha: target.headSha,
        status: "completed",
        // Neutral, not failure: a config mistake must not block merging unrelated work.
        conclusion: "neutral",
        output: { title: report.title, summary: report.markdown },
      });
      return "check_run";
    } catch (error) {
      // 403: the installation has not granted checks:write; fall back to a comment.
      if (httpStatusOf(error) !== 403) throw error;
    }
  }
  await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.prNumber,
    body: report.markdown,
  });
  return "comment";
}
