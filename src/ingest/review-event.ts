// The normalized shape of every PR, review, review comment and PR conversation comment event (docs/architecture.md, "The flow", step 2).

export type EventKind = "pull_request" | "review" | "review_comment" | "issue_comment";

export interface ReviewEvent {
  /**
   * Stable identity, so a redelivery or a backfill of the same fact maps to the same row:
   * `review:<id>`, `review_comment:<id>`, `issue_comment:<id>` for GitHub objects (edits update the row),
   * `pull_request:<prId>:<action>:<occurredAt>[:<requested reviewer>]` for lifecycle events.
   */
  key: string;
  installationId: number | null;
  repoId: number;
  /** "owner/name" */
  repoFullName: string;
  prId: number | null;
  prNumber: number;
  prAuthor: string;
  kind: EventKind;
  /**
   * pull_request: opened | ready_for_review | converted_to_draft | reopened | closed | review_requested | review_request_removed
   * review: always "submitted"; review_comment / issue_comment: always "created".
   * An object row is the object's current state: edits change body/updatedAt, a dismissal or deletion sets
   * deletedAt (and reviewState "dismissed"); the delivery's own action is kept in the deliveries table.
   */
  action: string;
  actorLogin: string;
  /** GitHub's `user.type`: User, Bot, Organization, Mannequin. */
  actorType: string;
  /** GitHub type Bot, or a login ending in "[bot]". */
  isBot: boolean;
  /** Written by this app itself (its own nudges and digests). */
  isApp: boolean;
  /** GitHub object id (review, comment); null for lifecycle events. */
  githubId: number | null;
  /** For review comments: the review they belong to. */
  reviewId: number | null;
  inReplyToId: number | null;
  body: string | null;
  /** Review state: approved | changes_requested | commented | dismissed. */
  reviewState: string | null;
  path: string | null;
  htmlUrl: string | null;
  /** Draft state of the PR as the payload reports it at the time of the event (null when unknown). */
  draft: boolean | null;
  /** Logins (users) and `team:<slug>` (teams) requested at the time of the event. */
  requestedReviewers: string[];
  /** For review_requested / review_request_removed: who was (un)requested. */
  subject: string | null;
  /** When it happened, ISO 8601 UTC, from the payload (submitted_at, created_at, or the PR's updated_at). */
  occurredAt: string;
  /** Last edit, ISO 8601 UTC. */
  updatedAt: string | null;
  /** Set when the comment was deleted or the review dismissed. */
  deletedAt: string | null;
}
