// What the nudge policy and the renderers know about one submitted review: data only, read from the store.
import type { Assessment } from "../analysis/assessment.js";

export interface CoachComment {
  /** Event key: `review:<id>` for the review body, `review_comment:<id>` for a comment on a line. */
  key: string;
  kind: "review" | "review_comment";
  githubId: number;
  /** The top-level comment of the thread (GitHub only accepts replies to it); null for the review body. */
  threadId: number | null;
  path: string | null;
  htmlUrl: string | null;
  body: string;
  assessment: Assessment;
}

export interface ReviewFacts {
  repoFullName: string;
  reviewId: number;
  prNumber: number;
  reviewer: string;
  /** GitHub type Bot, a login ending in [bot], or this app itself. */
  reviewerIsBot: boolean;
  prAuthor: string;
  prDraft: boolean;
  prLabels: readonly string[];
  /** When the PR was opened (ISO); null when the store has not seen the PR itself. */
  prCreatedAt: string | null;
  reviewHtmlUrl: string | null;
  /** The review body (when non-empty) and the review's line comments, in the order they were written. */
  comments: readonly CoachComment[];
}
