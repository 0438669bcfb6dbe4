// Confirms a command with a reaction on the comment that gave it (quieter than a reply).
import type { ProbotOctokit } from "probot";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface ReactionTarget {
  owner: string;
  repo: string;
  commentId: number;
  /** A PR conversation comment (issues API) or a review comment on a line (pulls API). */
  on: "issue_comment" | "review_comment";
}

export async function addReaction(
  octokit: Octokit,
  target: ReactionTarget,
  content: "+1" | "eyes",
): Promise<void> {
  const params = { owner: target.owner, repo: target.repo, comment_id: target.commentId, content };
  if (target.on === "issue_comment") await octokit.rest.reactions.createForIssueComment(params);
  else await octokit.rest.reactions.createForPullRequestReviewComment(params);
}
