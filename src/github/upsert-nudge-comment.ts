// The summary-mode nudge as a PR conversation comment: create it once, then update it in place (or delete it).
import type { ProbotOctokit } from "probot";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface NudgeCommentTarget {
  owner: string;
  repo: string;
  prNumber: number;
}

/** Creates the comment when `commentId` is null, else replaces its body. Returns the comment id. */
export async function upsertNudgeComment(
  octokit: Octokit,
  target: NudgeCommentTarget,
  commentId: number | null,
  body: string,
): Promise<number> {
  if (commentId != null) {
    await octokit.rest.issues.updateComment({
      owner: target.owner,
      repo: target.repo,
      comment_id: commentId,
      body,
    });
    return commentId;
  }
  const { data } = await octokit.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: target.prNumber,
    body,
    // Never retried by the client: GitHub may have created it before failing; the job retry finds it by its marker.
    request: { retries: 0 },
  });
  return data.id;
}

export async function deleteNudgeComment(
  octokit: Octokit,
  target: NudgeCommentTarget,
  commentId: number,
): Promise<void> {
  await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: commentId });
}

/**
 * Finds a nudge the app posted but never recorded (it crashed, or GitHub answered 5xx after creating it) by its
 * hidden marker, so a retry updates that comment instead of posting a second one.
 */
export async function findNudgeComment(
  octokit: Octokit,
  target: NudgeCommentTarget,
  marker: string,
): Promise<number | undefined> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.prNumber,
    per_page: 100,
  });
  return comments.find((c) => c.user?.type === "Bot" && c.body?.includes(marker))?.id;
}
