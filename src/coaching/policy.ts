// Decides whether one submitted review gets a coaching nudge: kind, rare, useful (issue #4). Pure: data in, data out.
import type { CoachingConfig } from "../config/schema.js";
import { teamDay } from "./policy-day.js";
import { considerComments, type ReviewTally } from "./policy-tally.js";
import type { CoachComment, ReviewFacts } from "./review-facts.js";

/** The state of this review's nudge: none yet, showing, saying thanks, or removed (never posted again). */
export type ExistingNudge = "none" | "showing" | "resolved" | "removed";

/**
 * A stored nudge's state as the policy sees it, for review and description nudges alike: `showing` is whether a
 * comment (or reply) of it is on GitHub when its status says neither posted, resolved nor removed.
 */
export function existingNudge(status: string | undefined, showing: boolean): ExistingNudge {
  switch (status) {
    case undefined:
      return "none";
    case "posted":
      return "showing";
    case "resolved":
      return "resolved";
    case "deleted":
    case "gone":
      return "removed";
    default:
      return showing ? "showing" : "none";
  }
}

export interface PolicyInput {
  review: ReviewFacts;
  config: CoachingConfig;
  /** review_windows.timezone: the day activated_at refers to. */
  timezone: string;
  /** resolveRepoConfig's verdict: false for a repository without a (valid) config file (docs/architecture.md, "Configuration"). */
  coach: boolean;
  optedOut: boolean;
  /** Nudges this reviewer already got in this repository today (team day), for other reviews. */
  nudgesToday: number;
  existing: ExistingNudge;
}

/** Why a review is not coached at all, whatever its comments say. */
export type GateReason =
  | "not-configured"
  | "disabled"
  | "bot"
  | "ignored-user"
  | "pr-author"
  | "before-activation"
  | "draft"
  | "ignored-label";
/** Why the comments need no nudge (once they need none, a nudge that is showing says thanks). */
export type ContentReason = "below-min-comments" | "ratio-ok" | "only-nits" | "nothing-to-suggest";
export type SkipReason =
  | GateReason
  | ContentReason
  | "nudge-removed"
  | "opted-out"
  | "rate-limited"
  | "mode-off";
export type NudgeReason = "harsh-tone" | "low-teaching-ratio";

export interface NudgeContent {
  couldTeachMore: CoachComment[];
  harsh: CoachComment[];
  teaching: CoachComment[];
}

export type NudgeDecision =
  | { action: "nudge"; reason: NudgeReason; tally: ReviewTally; content: NudgeContent }
  | {
      action: "resolve";
      reason: ContentReason;
      tally: ReviewTally;
      /** Comments that still read as corrections (or harsh): an inline reply under one of them stays as it is. */
      stillFlagged: CoachComment[];
    }
  | { action: "skip"; reason: SkipReason; tally: ReviewTally };

const GATE_REASONS: ReadonlySet<string> = new Set<GateReason>([
  "not-configured",
  "disabled",
  "bot",
  "ignored-user",
  "pr-author",
  "before-activation",
  "draft",
  "ignored-label",
]);

/** A gate closed: nothing about the comments matters (so no LLM is asked either). */
export const isGateReason = (reason: string): reason is GateReason => GATE_REASONS.has(reason);

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function decideNudge(input: PolicyInput): NudgeDecision {
  const { review, config } = input;
  const considered = considerComments(review.comments, config);
  const { tally } = considered;
  const skip = (reason: SkipReason): NudgeDecision => ({ action: "skip", reason, tally });

  // 1. Gates: who and where, before anything about the comments.
  const gate = closedGate(input);
  if (gate) return skip(gate);

  // 2. What the comments need. A harsh comment needs a word even when the ratio is fine.
  const harsh = config.flag_harsh_tone ? considered.harsh : [];
  let reason: NudgeReason | ContentReason;
  if (harsh.length > 0) reason = "harsh-tone";
  else if (tally.feedback < config.min_comments) reason = "below-min-comments";
  else if (tally.correcting === 0) reason = tally.nits > 0 ? "only-nits" : "ratio-ok";
  else if ((tally.ratio ?? 1) >= config.teaching_ratio_threshold) reason = "ratio-ok";
  else if (considered.couldTeachMore.length === 0) reason = "nothing-to-suggest";
  else reason = "low-teaching-ratio";

  if (reason !== "harsh-tone" && reason !== "low-teaching-ratio") {
    const showing = input.existing === "showing" || input.existing === "resolved";
    if (!showing) return skip(reason);
    return { action: "resolve", reason, tally, stillFlagged: [...considered.couldTeachMore, ...harsh] };
  }

  // 3. Whether this reviewer may get it now: once per review, at most N a day, never after opting out.
  if (input.existing === "removed") return skip("nudge-removed");
  if (input.optedOut) return skip("opted-out");
  if (input.existing === "none" && input.nudgesToday >= config.max_nudges_per_reviewer_per_day)
    return skip("rate-limited");
  if (config.mode === "off") return skip("mode-off");

  const content: NudgeContent = {
    // A harsh review whose ratio is fine names only the harsh comment(s); nits and harsh ones are never listed.
    couldTeachMore: belowThreshold(tally, config) ? considered.couldTeachMore : [],
    harsh,
    // Credit never goes to a comment the same nudge flags for its wording.
    teaching: considered.teaching.filter((c) => c.assessment.tone !== "harsh"),
  };
  return { action: "nudge", reason, tally, content };
}

function belowThreshold(tally: ReviewTally, config: CoachingConfig): boolean {
  return (
    tally.feedback >= config.min_comments &&
    tally.correcting > 0 &&
    (tally.ratio ?? 1) < config.teaching_ratio_threshold
  );
}

function closedGate(input: PolicyInput): GateReason | undefined {
  const { review, config } = input;
  if (!input.coach) return "not-configured";
  if (!config.enabled) return "disabled";
  if (review.reviewerIsBot) return "bot";
  if (config.ignore_users.some((u) => sameLogin(u, review.reviewer))) return "ignored-user";
  // The PR author's own comments and replies are not feedback (docs/architecture.md, "The rubric"), and never nudged.
  if (sameLogin(review.reviewer, review.prAuthor)) return "pr-author";
  if (config.activated_at) {
    if (!review.prCreatedAt || teamDay(review.prCreatedAt, input.timezone) < config.activated_at)
      return "before-activation";
  }
  if (config.skip_drafts && review.prDraft) return "draft";
  const labels = new Set(review.prLabels.map((l) => l.toLowerCase()));
  if (config.ignore_labels.some((l) => labels.has(l.toLowerCase()))) return "ignored-label";
  return undefined;
}
