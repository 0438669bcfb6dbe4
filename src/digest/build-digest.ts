// Builds a weekly digest from stored data: metrics for the last 8 weeks, standouts, waits, advice. Pure.
//
// Steps:
// 1. computeWeeks over the 8 weeks ending with the reported one (one pass over the events).
// 2. Decide quiet or full, and whether an earlier week exists to compare with.
// 3. Headline figures with last week's value beside them; the trend from the first week with activity.
// 4. Load as a distribution; per-reviewer rows only when digest.per_reviewer is on (names are opt-in: docs/architecture.md, "The weekly digest").
// 5. Standout teaching comments, the longest waits, PRs still waiting, advice, and every definition for the footer.
// 6. "Worth a look": the PRs over the first-review target at the week's end that nobody has reviewed, closed or
//    made a draft since (as far as the stored events reach), with links.

import { computeWeeks } from "../figures/compute-weeks.js";
import { consecutiveWeeks } from "../figures/iso-week.js";
import { nearestRank } from "../figures/percentile.js";
import type { OpenEndedPr, WeekMetrics } from "../figures/week-metrics.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import { buildAdvice } from "./build-advice.js";
import { buildDescriptionFigures } from "./build-descriptions.js";
import { buildStandouts } from "./build-standouts.js";
import { buildWindowAdvice } from "./build-window-advice.js";
import type {
  DigestInput,
  DigestModel,
  HeadlineFigure,
  LoadDistribution,
  ReviewerRow,
  TrendPoint,
  WaitingPr,
} from "./digest-model.js";

/** Weeks charted, the reported one included. */
export const TREND_WEEKS = 8;
/** Fewer sessions than this, and nothing left waiting, make a quiet week: a short digest. */
export const QUIET_SESSIONS = 3;
/** Rows in the waits lists. */
export const LIST_LIMIT = 5;

export function hasActivity(week: WeekMetrics): boolean {
  return (
    (week.team.reviewSessions ?? 0) > 0 ||
    week.teamExtras.pickups > 0 ||
    (week.team.feedbackComments ?? 0) > 0 ||
    week.openEnded.length > 0
  );
}

export function buildDigest(input: DigestInput): DigestModel {
  const { config } = input;
  const weeks = computeWeeks(
    {
      events: input.events,
      assessments: input.verdicts,
      config: config.review_windows,
      ignoreUsers: config.coaching.ignore_users,
      now: input.now,
    },
    consecutiveWeeks(input.week, TREND_WEEKS),
  );
  const current = weeks[weeks.length - 1] as WeekMetrics;
  const earlier = weeks.slice(0, -1);
  const firstActive = weeks.findIndex(hasActivity);
  const first = firstActive === -1 || firstActive === weeks.length - 1;
  const previousWeek = earlier[earlier.length - 1];
  const previous = previousWeek !== undefined && hasActivity(previousWeek) ? previousWeek : null;

  const quiet = (current.team.reviewSessions ?? 0) < QUIET_SESSIONS && current.openEnded.length === 0;
  const perReviewer = config.digest.per_reviewer;
  const startMs = Date.parse(current.start);
  const endMs = Date.parse(current.end);
  const waiting = worthALook(current.openEnded, input.events, config.coaching.ignore_users, input.now);

  return {
    target: input.target,
    repos: [...input.repos],
    week: input.week,
    kind: quiet ? "quiet" : "full",
    first,
    current,
    headline: headline(current, previous, config.review_windows.first_review_target_hours),
    trend: firstActive === -1 ? [] : weeks.slice(firstActive).map(trendPoint),
    load: loadDistribution(current),
    reviewers: perReviewer
      ? Object.entries(current.reviewers)
          .sort(([a], [b]) => a.toLowerCase().localeCompare(b.toLowerCase()))
          .map(([login, figures]): ReviewerRow => ({ login, figures }))
      : null,
    standouts: buildStandouts({
      events: input.events,
      verdicts: input.verdicts,
      assessments: input.assessments,
      startMs,
      endMs,
      ignoreUsers: config.coaching.ignore_users,
      perReviewer,
    }),
    waits: current.waits.slice(0, LIST_LIMIT),
    openEnded: current.openEnded.slice(0, LIST_LIMIT),
    openEndedTotal: current.openEnded.length,
    worthALook: waiting.slice(0, LIST_LIMIT),
    worthALookTotal: waiting.length,
    advice: quiet
      ? []
      : buildAdvice(
          current,
          config,
          buildWindowAdvice({
            events: input.events,
            verdicts: input.verdicts,
            config,
            week: input.week,
            now: input.now,
          }),
        ),
    definitions: {
      timezone: config.review_windows.timezone,
      reviewerZones: Object.entries(config.review_windows.reviewers).map(([login, settings]) =>
        perReviewer ? `${login}: ${settings.timezone}` : settings.timezone,
      ),
      windows: config.review_windows.windows,
      workdays: config.review_windows.workdays,
      workingHours: config.review_windows.working_hours,
      holidays: config.review_windows.holidays.length,
      sessionGapMinutes: config.review_windows.session_gap_minutes,
      targetHours: config.review_windows.first_review_target_hours,
      teachingThreshold: config.coaching.teaching_ratio_threshold,
      llm: config.llm.enabled,
      ignoreUsers: config.coaching.ignore_users,
      excluded: current.excluded,
      loadedFrom: input.loadedFrom,
      start: current.start,
      end: current.end,
    },
    mention: config.digest.mention,
    perReviewer,
    descriptions: input.descriptions
      ? buildDescriptionFigures({
          records: input.descriptions,
          weeks: consecutiveWeeks(input.week, TREND_WEEKS),
          timezone: config.review_windows.timezone,
        })
      : null,
  };
}

function headline(current: WeekMetrics, previous: WeekMetrics | null, target: number): HeadlineFigure[] {
  const team = current.team;
  const last = previous?.team ?? null;
  const extras = current.teamExtras;
  const figure = (
    key: HeadlineFigure["key"],
    rest: Omit<HeadlineFigure, "key" | "value" | "previous">,
  ): HeadlineFigure => ({ key, value: team[key], previous: last === null ? null : last[key], ...rest });
  const sessions = team.reviewSessions ?? 0;
  return [
    figure("teachingRatio", {
      label: "Teaching ratio",
      unit: "percent",
      good: "up",
      words: ["more comments teach", "fewer comments teach"],
      context: `of ${team.feedbackComments ?? 0} feedback comment${team.feedbackComments === 1 ? "" : "s"}`,
    }),
    figure("pickupP50Hours", {
      label: "Time to first review, median",
      unit: "hours",
      good: "down",
      words: ["slower", "faster"],
      wallClock: extras.pickupP50WallClockHours,
      context: `over ${extras.pickups} PR${extras.pickups === 1 ? "" : "s"}`,
    }),
    figure("pickupP90Hours", {
      label: "Time to first review, p90",
      unit: "hours",
      good: "down",
      words: ["slower", "faster"],
      wallClock: extras.pickupP90WallClockHours,
    }),
    figure("targetBreaches", {
      label: `Waits over the ${target} h target`,
      unit: "count",
      good: "down",
      words: ["more", "fewer"],
    }),
    figure("inWindowShare", {
      label: "Sessions started in a window",
      unit: "percent",
      good: "up",
      context: `of ${sessions} session${sessions === 1 ? "" : "s"}`,
    }),
    figure("interruptionsPerWorkday", {
      label: "Interruptions per workday",
      unit: "decimal",
      good: "down",
      words: ["more", "fewer"],
    }),
    figure("prsPerSession", { label: "PRs per session", unit: "decimal", good: "neutral" }),
    figure("harshComments", {
      label: "Harsh comments",
      unit: "count",
      good: "down",
      words: ["more", "fewer"],
    }),
  ];
}

function trendPoint(week: WeekMetrics): TrendPoint {
  return {
    week: week.week,
    teachingRatio: week.team.teachingRatio,
    pickupP50Hours: week.team.pickupP50Hours,
    pickupP90Hours: week.team.pickupP90Hours,
    inWindowShare: week.team.inWindowShare,
    reviewSessions: week.team.reviewSessions ?? 0,
    feedbackComments: week.team.feedbackComments ?? 0,
    targetBreaches: week.team.targetBreaches ?? 0,
  };
}

const LOAD_BUCKETS: ReadonlyArray<{ label: string; min: number; max: number }> = [
  { label: "1", min: 1, max: 1 },
  { label: "2–3", min: 2, max: 3 },
  { label: "4–6", min: 4, max: 6 },
  { label: "7–10", min: 7, max: 10 },
  { label: "11+", min: 11, max: Number.POSITIVE_INFINITY },
];

function loadDistribution(week: WeekMetrics): LoadDistribution | null {
  const sessions = Object.values(week.reviewers)
    .map((figures) => figures.reviewSessions ?? 0)
    .filter((count) => count > 0);
  if (sessions.length === 0) return null;
  const total = sessions.reduce((sum, count) => sum + count, 0);
  return {
    activeReviewers: sessions.length,
    buckets: LOAD_BUCKETS.map((bucket) => ({
      label: bucket.label,
      reviewers: sessions.filter((count) => count >= bucket.min && count <= bucket.max).length,
    })),
    medianSessions: nearestRank(sessions, 50) ?? 0,
    busiestShare: Math.max(...sessions) / total,
  };
}

const REVIEW_KINDS = new Set(["review", "review_comment", "issue_comment"]);

/**
 * The open-ended PRs over the target, longest wait first, less those that no longer wait: a stored event after the
 * week's end (up to `now`) closed the PR, made it a draft, or is review activity by a human who is not its author.
 */
function worthALook(
  openEnded: readonly OpenEndedPr[],
  events: readonly ReviewEvent[],
  ignoreUsers: readonly string[],
  now: Date,
): WaitingPr[] {
  const ignored = new Set(ignoreUsers.map((login) => login.toLowerCase()));
  const nowMs = now.getTime();
  const onPr = (pr: OpenEndedPr) => (e: ReviewEvent) =>
    e.repoFullName === pr.repoFullName && e.prNumber === pr.prNumber;
  const endsWait = (pr: OpenEndedPr, e: ReviewEvent): boolean => {
    const ms = Date.parse(e.occurredAt);
    if (!(ms >= Date.parse(pr.asOf) && ms <= nowMs)) return false;
    if (e.kind === "pull_request") return e.action === "closed" || e.action === "converted_to_draft";
    return (
      REVIEW_KINDS.has(e.kind) &&
      !e.isBot &&
      !e.isApp &&
      e.actorLogin.toLowerCase() !== e.prAuthor.toLowerCase() &&
      !ignored.has(e.actorLogin.toLowerCase())
    );
  };
  return openEnded
    .filter((pr) => pr.overTarget)
    .flatMap((pr): WaitingPr[] => {
      const its = events.filter(onPr(pr));
      if (its.some((e) => endsWait(pr, e))) return [];
      return [
        {
          pr: `${pr.repoFullName}#${pr.prNumber}`,
          url: prUrl(its, pr.prNumber),
          readyAt: pr.readyAt,
          waitedBusinessHours: pr.waitedBusinessHours,
          waitedWallClockHours: pr.waitedWallClockHours,
        },
      ];
    });
}

/** The PR's page: a lifecycle event's URL, else a comment's URL up to `/pull/N` (GitHub Enterprise hosts too). */
function prUrl(events: readonly ReviewEvent[], prNumber: number): string | null {
  // Only characters a Markdown link target needs no escaping for.
  const page = new RegExp(
    `^(https://[A-Za-z0-9.-]+(?::\\d+)?/[A-Za-z0-9._~%/-]+/pull/${prNumber})(?:[#?/].*)?$`,
  );
  const urls = [
    ...events.filter((e) => e.kind === "pull_request").map((e) => e.htmlUrl),
    ...events.filter((e) => e.kind !== "pull_request").map((e) => e.htmlUrl),
  ];
  for (const url of urls) {
    const match = url === null ? null : page.exec(url);
    if (match?.[1]) return match[1];
  }
  return null;
}
