// The contract of the metrics step (docs/architecture.md, "Metrics"): what computeWeekMetrics takes and what the digest and CLI read.
import type { Tone, Verdict } from "../analysis/assessment.js";
import type { ReviewWindowsConfig } from "../config/schema.js";
import type { ReviewEvent } from "../ingest/review-event.js";

/** The part of an Assessment the metrics read; a full `Assessment` fits. */
export interface CommentAssessment {
  verdict: Verdict;
  tone: Tone;
}

export interface MetricsInput {
  /** Stored events; any order, duplicates by `key` are ignored. Include PR lifecycle events from before the weeks asked for. */
  events: readonly ReviewEvent[];
  /** By event key (`review:<id>`, `review_comment:<id>`, `issue_comment:<id>`). */
  assessments: ReadonlyMap<string, CommentAssessment>;
  config: ReviewWindowsConfig;
  /** Logins never counted as reviewers (config `coaching.ignore_users`); compared case-insensitively. */
  ignoreUsers?: readonly string[] | undefined;
  /** The clock: open-ended waits are measured up to min(week end, now). */
  now: Date;
}

export interface WeekMetricsInput extends MetricsInput {
  /** ISO week in the team timezone, e.g. "2026-W47". */
  week: string;
}

/**
 * One set of figures, for the team or for one reviewer. Rates and percentiles are null when there is nothing to
 * divide or rank (never NaN); counts are 0 when nothing happened.
 */
export interface MetricSet {
  /** Sessions that started this week. */
  reviewSessions: number | null;
  /** Sessions starting inside a window on a workday / all sessions. */
  inWindowShare: number | null;
  /** Sessions starting outside every window / (reviewer, day) pairs with activity in those sessions. */
  interruptionsPerWorkday: number | null;
  /** Mean distinct PRs touched per session. */
  prsPerSession: number | null;
  /** Pickup in business hours, nearest-rank p50, over first reviews made this week. */
  pickupP50Hours: number | null;
  /** Pickup in business hours, nearest-rank p90. */
  pickupP90Hours: number | null;
  /** Waits that went over `first_review_target_hours` this week, each wait counted once (see compute-weeks.ts). */
  targetBreaches: number | null;
  /** teaching / (teaching + correcting). */
  teachingRatio: number | null;
  /** Assessed comments with tone harsh. */
  harshComments: number | null;
  /** teaching + correcting. */
  feedbackComments: number | null;
}

/** The keys of MetricSet in display order, for tables and charts. */
export const METRIC_KEYS = [
  "reviewSessions",
  "inWindowShare",
  "interruptionsPerWorkday",
  "prsPerSession",
  "pickupP50Hours",
  "pickupP90Hours",
  "targetBreaches",
  "teachingRatio",
  "harshComments",
  "feedbackComments",
] as const satisfies readonly (keyof MetricSet)[];

/**
 * The next-window figures (docs/metrics.md, "Next-window figures"): what the review windows cost authors. Null where
 * there is nothing to measure. Kept apart from MetricSet so tables and charts of today's figures stay as they are.
 */
export interface WindowFigures {
  /** Waits due in a window this week (ready before it opened) reviewed by its end / all such waits. */
  nextWindowHitRate: number | null;
  /** Median minutes from a window's opening to the first session starting in it. */
  windowSlipMinutes: number | null;
  /** The longest business-hours wait the windows imply (a property of the config; the team's only). */
  batchingBoundHours: number | null;
  /** Median business hours that PRs picked up in a window spent waiting for the window they were due in. */
  batchingWaitP50Hours: number | null;
}

export const WINDOW_FIGURE_KEYS = [
  "nextWindowHitRate",
  "windowSlipMinutes",
  "batchingBoundHours",
  "batchingWaitP50Hours",
] as const satisfies readonly (keyof WindowFigures)[];

export interface PrRef {
  repoFullName: string;
  prNumber: number;
  prAuthor: string;
}

/** A PR picked up this week: for "PRs that waited longest". */
export interface PrWait extends PrRef {
  /** ISO 8601 UTC: when the clock started (opened non-draft, ready_for_review, reopened). */
  readyAt: string;
  /** ISO 8601 UTC: the first review activity by a non-author human. */
  firstReviewAt: string;
  /** Who made that first review activity. */
  reviewer: string;
  businessHours: number;
  wallClockHours: number;
  /** businessHours > first_review_target_hours. */
  overTarget: boolean;
}

/** A PR ready for review, open and not yet reviewed at the end of the week (or now, for the running week). */
export interface OpenEndedPr extends PrRef {
  readyAt: string;
  /** ISO 8601 UTC: min(week end, now), the moment the wait is measured to. */
  asOf: string;
  waitedBusinessHours: number;
  waitedWallClockHours: number;
  overTarget: boolean;
}

/** Activity left out of every figure, by reason, for the digest footer. Each activity counts under one reason. */
export interface ExcludedCounts {
  /** By bots (GitHub type Bot or a login ending in [bot]) and by this app. */
  botEvents: number;
  /** By the PR author on their own PR. */
  selfReviews: number;
  /** While the PR was a draft. */
  draftActivities: number;
  /** By logins in ignore_users. */
  ignoredUsers: number;
}

/** Team figures that sit beside the MetricSet in the digest. */
export interface TeamExtras {
  /** First reviews made this week (the population of the pickup percentiles). */
  pickups: number;
  pickupP50WallClockHours: number | null;
  pickupP90WallClockHours: number | null;
  /** Reviewers with at least one session this week. */
  activeReviewers: number;
  /** (reviewer, day) pairs with activity: the denominator of interruptionsPerWorkday. */
  reviewerDays: number;
  /** Sessions that started outside every window. */
  interruptions: number;
}

export interface WeekMetrics {
  week: string;
  /** ISO 8601 with the team's offset: Monday 00:00 of the week. */
  start: string;
  /** ISO 8601 with the team's offset: the next Monday 00:00 (exclusive). */
  end: string;
  team: MetricSet;
  teamExtras: TeamExtras;
  /** By login, in login order; reviewers with any session, feedback or pickup this week. */
  reviewers: Record<string, MetricSet>;
  /** Longest wait first. */
  openEnded: OpenEndedPr[];
  /** Longest pickup first. */
  waits: PrWait[];
  excluded: ExcludedCounts;
  /** The next-window figures, for the team and by login; computeWeeks always sets them. */
  windowFigures?: { team: WindowFigures; reviewers: Record<string, WindowFigures> };
}
