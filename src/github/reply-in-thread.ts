// Inline-mode nudges: a reply in a review comment's thread, updated in place or deleted later.
import type { ProbotOctokit } from "probot";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface ThreadTarget {
  owner: string;
  repo: string;
  prNumber: number;
}

/** `threadId` must be the thread's top-level comment: GitHub does not accept replies to replies. */
export async function replyInThread(
  octokit: Octokit,
  target: ThreadTarget,
  threadId: number,
  body: string,
): Promise<number> {
  const { data } = await octokit.rest.pulls.createReplyForReviewComment({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.prNumber,
    comment_id: threadId,
    body,
    // Never retried by the client: GitHub may have created it before failing; the job retry finds it by its marker.
    request: { retries: 0 },
  });
  return data.id;
}

export async function updateThreadReply(
  octokit: Octokit,
  target: ThreadTarget,
  replyId: number,
  body: string,
): Promise<void> {
  await octokit.rest.pulls.updateReviewComment({
    owner: target.owner,
    repo: target.repo,
    comment_id: replyId,
    body,
  });
}

export async function deleteThreadReply(
  octokit: Octokit,
  target: ThreadTarget,
  replyId: number,
): Promise<void> {
  await octokit.rest.pulls.deleteReviewComment({
    owner: target.owner,
    repo: target.repo,
    comment_id: replyId,
  });
}
