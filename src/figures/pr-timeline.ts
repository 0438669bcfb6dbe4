// Replays one PR's events in time order: which activities are reviews, and when the PR waited for its first review.
import type { ReviewEvent } from "../ingest/review-event.js";
import type { PrRef } from "./week-metrics.js";

/** A review activity (docs/architecture.md, "Metrics"): by a human who is not the PR author, while the PR was not a draft. */
export interface ReviewActivity {
  ms: number;
  /** Lower-cased login: GitHub logins are case-insensitive. */
  reviewerKey: string;
  login: string;
  prKey: string;
  eventKey: string;
  /** False for deleted comments: still an interruption, no longer feedback anyone reads. */
  feedbackEligible: boolean;
}

export type ExclusionReason = "bot" | "ignored" | "self" | "draft";

export interface ExcludedActivity {
  ms: number;
  reason: ExclusionReason;
}

/** A stretch during which a PR was ready, open and unreviewed. */
export interface WaitingSpan {
  pr: PrRef;
  readyMs: number;
  /** When the wait ended (first review, close, back to draft); +Infinity while still waiting. */
  endMs: number;
  /** The first review activity, when that is what ended the wait. */
  pickup: { reviewerKey: string; login: string } | null;
}

export interface TimedEvent {
  ms: number;
  event: ReviewEvent;
}

export interface PrTimeline {
  activities: ReviewActivity[];
  excluded: ExcludedActivity[];
  spans: WaitingSpan[];
}

const ACTIVITY_KINDS = new Set(["review", "review_comment", "issue_comment"]);

/**
 * Same-instant order: a PR is opened, reopened or made ready before anyone can review it, and a comment posted in
 * the same second as the close or the conversion to draft was written before it.
 */
function phase(event: ReviewEvent): number {
  if (event.kind !== "pull_request") return 1;
  return event.action === "opened" || event.action === "reopened" || event.action === "ready_for_review"
    ? 0
    : 2;
}

function isActivityEvent(event: ReviewEvent): boolean {
  // A pending review is not submitted yet: nobody has seen it.
  return ACTIVITY_KINDS.has(event.kind) && !(event.kind === "review" && event.reviewState === "pending");
}

/**
 * Decisions behind the definitions (docs/architecture.md, "Metrics", "Edge cases"):
 * - Draft state is replayed from opened (its `draft`), ready_for_review, converted_to_draft and reopened (its
 *   `draft`, else unchanged). Before the first of these the activity's own `draft` flag is used, except that a first
 *   lifecycle event ready_for_review proves the PR was a draft until then.
 * - The clock starts when the PR is opened non-draft, made ready, or reopened non-draft. Going back to draft or
 *   closing stops it (no pickup; the wait ends); ready again starts it afresh. Re-requesting a review does not
 *   restart it (the wait for a first review is what is measured; a re-request is a later round).
 * - One pickup per open/reopen cycle: after the first review, draft → ready does not start another wait.
 * - A PR opened by a bot or an ignored user has no waits: nobody waits on it the way an author does, and unattended
 *   dependency PRs would crowd the open-ended list. Reviews on it are still review activity.
 * - A PR whose ready moment is unknown (no lifecycle events stored) has no measurable pickup.
 */
export function walkPrTimeline(
  prKey: string,
  pr: PrRef,
  events: readonly TimedEvent[],
  options: {
    /** Lower-cased logins never counted as reviewers. */
    ignored: ReadonlySet<string>;
    authorIsBot: boolean;
    /** Lower-cases a login (callers memoize it: logins repeat across hundreds of thousands of events). */
    lowerCase?: (login: string) => string;
  },
): PrTimeline {
  const { ignored, authorIsBot } = options;
  const lowerCase = options.lowerCase ?? ((login: string) => login.toLowerCase());
  const ordered = [...events].sort(
    (a, b) =>
      a.ms - b.ms ||
      phase(a.event) - phase(b.event) ||
      (a.event.key < b.event.key ? -1 : a.event.key > b.event.key ? 1 : 0),
  );
  const authorKey = lowerCase(pr.prAuthor);
  const activities: ReviewActivity[] = [];
  const excluded: ExcludedActivity[] = [];
  const spans: WaitingSpan[] = [];

  const firstTransition = ordered.find(
    ({ event }) =>
      event.kind === "pull_request" &&
      (event.action === "opened" ||
        event.action === "ready_for_review" ||
        event.action === "converted_to_draft"),
  );
  let draft: boolean | null =
    firstTransition?.event.action === "ready_for_review"
      ? true
      : firstTransition?.event.action === "converted_to_draft"
        ? false
        : null;
  let waitingSince: number | null = null;
  let pickedUp = false;

  const endWait = (ms: number, pickup: WaitingSpan["pickup"]): void => {
    if (waitingSince !== null) spans.push({ pr, readyMs: waitingSince, endMs: ms, pickup });
    waitingSince = null;
  };
  const startWait = (ms: number): void => {
    if (!authorIsBot && !pickedUp && waitingSince === null) waitingSince = ms;
  };

  for (const { ms, event } of ordered) {
    if (event.kind === "pull_request") {
      switch (event.action) {
        case "opened":
          draft = event.draft ?? false;
          pickedUp = false;
          if (!draft) startWait(ms);
          break;
        case "reopened":
          draft = event.draft ?? draft ?? false;
          pickedUp = false;
          if (!draft) startWait(ms);
          break;
        case "ready_for_review":
          draft = false;
          startWait(ms);
          break;
        case "converted_to_draft":
          draft = true;
          endWait(ms, null);
          break;
        case "closed":
          endWait(ms, null);
          break;
        default:
          break;
      }
      continue;
    }
    if (!isActivityEvent(event)) continue;
    const actorKey = lowerCase(event.actorLogin);
    const reason: ExclusionReason | null =
      event.isBot || event.isApp
        ? "bot"
        : ignored.has(actorKey)
          ? "ignored"
          : actorKey === authorKey
            ? "self"
            : (draft ?? event.draft ?? false)
              ? "draft"
              : null;
    if (reason !== null) {
      excluded.push({ ms, reason });
      continue;
    }
    activities.push({
      ms,
      reviewerKey: actorKey,
      login: event.actorLogin,
      prKey,
      eventKey: event.key,
      feedbackEligible: event.kind === "review" || event.deletedAt === null,
    });
    if (!pickedUp) {
      endWait(ms, { reviewerKey: actorKey, login: event.actorLogin });
      pickedUp = true;
    }
  }
  endWait(Number.POSITIVE_INFINITY, null);
  return { activities, excluded, spans };
}
