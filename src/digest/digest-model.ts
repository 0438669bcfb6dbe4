// The data a weekly digest shows (docs/architecture.md, "The weekly digest"): built by buildDigest, rendered by renderDigest; no I/O on either side.
import type { Assessment } from "../analysis/assessment.js";
import type { RepoConfig } from "../config/schema.js";
import type {
  CommentAssessment,
  ExcludedCounts,
  MetricSet,
  OpenEndedPr,
  PrWait,
  WeekMetrics,
} from "../figures/week-metrics.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import type { DescriptionFigures, DescriptionRecord } from "./build-descriptions.js";

export interface DigestInput {
  /** OWNER/NAME the digest is posted to. */
  target: string;
  /** The repositories it covers; `events` holds theirs. */
  repos: readonly string[];
  /** The ISO week reported, in the team timezone. */
  week: string;
  /** Stored events from `loadedFrom` to a little after the week's end (see load-metrics-input.ts). */
  events: readonly ReviewEvent[];
  /** Verdict and tone by event key (what the metrics read). */
  verdicts: ReadonlyMap<string, CommentAssessment>;
  /** Full assessments of at least the week's teaching comments, for choosing standouts by their signals. */
  assessments: ReadonlyMap<string, Assessment>;
  config: RepoConfig;
  now: Date;
  /** ISO 8601: the earliest instant loaded; a PR ready before it has no measured pickup (said in the footer). */
  loadedFrom: string;
  /** Description assessments of PRs ready in the charted weeks (issue #18); absent: no description section. */
  descriptions?: readonly DescriptionRecord[];
}

/** Which way is good for a figure; neutral figures get an arrow and no judgement. */
export type Direction = "up" | "down" | "neutral";

export type FigureUnit = "percent" | "hours" | "count" | "decimal";

export interface HeadlineFigure {
  key: keyof MetricSet;
  label: string;
  unit: FigureUnit;
  value: number | null;
  /** Last week's value; null when last week had no data for it. */
  previous: number | null;
  good: Direction;
  /** Words for a rise and a fall, e.g. ["slower", "faster"]; generic "better"/"worse" otherwise. */
  words?: readonly [up: string, down: string];
  /** Wall-clock hours beside business hours (business hours first, wall-clock beside: docs/architecture.md, "The weekly digest"). */
  wallClock?: number | null;
  /** A short context, e.g. "of 26 feedback comments". */
  context?: string;
}

/** One week in the charts; null where that week had nothing to measure. */
export interface TrendPoint {
  week: string;
  teachingRatio: number | null;
  pickupP50Hours: number | null;
  pickupP90Hours: number | null;
  inWindowShare: number | null;
  reviewSessions: number;
  feedbackComments: number;
  targetBreaches: number;
}

/** Sessions per active reviewer as counts per bucket: the load's shape, never who carries it. */
export interface LoadDistribution {
  activeReviewers: number;
  buckets: Array<{ label: string; reviewers: number }>;
  medianSessions: number;
  /** Share of all sessions run by the busiest reviewer (unnamed). */
  busiestShare: number;
}

export interface ReviewerRow {
  login: string;
  figures: MetricSet;
}

export interface Standout {
  /** The comment, one line, escaped for Markdown and truncated. */
  quote: string;
  url: string;
  /** "acme/app#12" */
  pr: string;
  /** Only when per_reviewer is on (names are opt-in). */
  reviewer: string | null;
  /** What makes it teach, in words: "gives the reason", "links a reference". */
  because: string[];
}

/** A PR over the first-review target at the week's end and not reviewed, closed or made a draft since. */
export interface WaitingPr {
  /** "acme/app#12" */
  pr: string;
  /** The PR's page, from its stored events; null when none carries it. */
  url: string | null;
  readyAt: string;
  waitedBusinessHours: number;
  waitedWallClockHours: number;
}

export interface Advice {
  id:
    | "sparse-windows"
    | "slow-pickup"
    | "interruptions"
    | "off-window"
    | "low-teaching"
    | "harsh"
    | "better-windows";
  text: string;
}

export interface Definitions {
  timezone: string;
  /** e.g. ["alice: America/New_York"], or a count when names are not shown. */
  reviewerZones: string[];
  windows: string[];
  workdays: string[];
  workingHours: string;
  holidays: number;
  sessionGapMinutes: number;
  targetHours: number;
  teachingThreshold: number;
  llm: boolean;
  ignoreUsers: string[];
  excluded: ExcludedCounts;
  loadedFrom: string;
  /** ISO with the team's offset. */
  start: string;
  end: string;
}

export interface DigestModel {
  target: string;
  repos: string[];
  week: string;
  /** "quiet": a short digest (noise kills trust: docs/architecture.md, "The weekly digest"). */
  kind: "full" | "quiet";
  /** No earlier week with activity in the charted range: nothing to compare with. */
  first: boolean;
  current: WeekMetrics;
  headline: HeadlineFigure[];
  /** From the first week with activity to this one, oldest first (at most 8). */
  trend: TrendPoint[];
  load: LoadDistribution | null;
  /** Alphabetical, only when digest.per_reviewer is on. */
  reviewers: ReviewerRow[] | null;
  standouts: Standout[];
  /** Longest first. */
  waits: PrWait[];
  /** Longest first. */
  openEnded: OpenEndedPr[];
  openEndedTotal: number;
  /** Over the target and still waiting, longest first: they lead "Worth a look". */
  worthALook: WaitingPr[];
  worthALookTotal: number;
  advice: Advice[];
  definitions: Definitions;
  mention: string[];
  perReviewer: boolean;
  /** The description figures (issue #18); null when no PR became ready in the charted weeks. */
  descriptions?: DescriptionFigures | null;
}

export type { WeekMetrics };
