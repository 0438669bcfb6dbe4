// Weekly review metrics (docs/architecture.md, "Metrics") for any set of ISO weeks from one pass over the events.
//
// Steps:
// 1. prepareActivity: dedupe and order events, replay each PR (review activities, exclusions, waits), sessions.
// 2. Bucket sessions, feedback, exclusions and pickups into the requested weeks by binary search on their instant.
// 3. Measure open-ended waits at each week's cutoff, min(week end, now).
// 4. Turn counters into MetricSets, per reviewer and for the team.
//
// Decisions behind the definitions in docs/architecture.md, "Metrics" (print them in the digest footer):
// - Deleted comments are still review activity (the interruption happened) but no longer feedback. A dismissed
//   review stays activity and feedback (it was read; dismissal is about the code that followed).
// - A session belongs to the week of its start; sessions run across week ends.
// - In-window: the session start, read in the reviewer's timezone (config.reviewers, else the team's), lies in a
//   window on a workday; a window spanning midnight belongs to the day it starts on; holidays are not workdays.
//   An interruption is a session that is not in-window, so in-window + interruptions = sessions.
// - Interruptions per workday divides by the (reviewer, local day) pairs on which the week's sessions had activity,
//   weekends included: a day someone reviewed on is a day they were interrupted on.
// - Pickup: per open/reopen cycle, from ready to the first review activity by a non-author human, in business
//   hours (team timezone); counted in the week of that first review, for the reviewer who made it. See
//   walkPrTimeline for the clock's rules (drafts, re-requests, bot-authored PRs).
// - Open-ended: ready, open and unreviewed at the cutoff; its wait is measured to the cutoff.
// - Target breach: a wait above first_review_target_hours, counted once, in the week it went over: at its pickup
//   if that comes first, else at the first cutoff it is still waiting at (open-ended PRs past the target count).
//   A PR stuck for three weeks is one breach, not three. Team breaches include open-ended ones; a reviewer's are
//   the pickups they made. A wait that goes over and ends without review (closed, back to draft) before a cutoff
//   is no breach: it had no pickup and was never seen waiting.
import { DateTime } from "luxon";
import { createBusinessCalendar } from "./business-calendar.js";
import { nearestRank } from "./percentile.js";
import type { WaitingSpan } from "./pr-timeline.js";
import { prepareActivity } from "./prepare-activity.js";
import type {
  ExcludedCounts,
  MetricSet,
  MetricsInput,
  OpenEndedPr,
  PrWait,
  WeekMetrics,
  WeekMetricsInput,
} from "./week-metrics.js";
import { createWeekSlots, findWeekSlot, firstSlotCutAfter, type WeekSlot } from "./week-slots.js";
import { addTally, emptyTally, toMetricSet, type WeekTally } from "./week-tally.js";
import { computeWindowFigures, type WeekWindowFigures } from "./window-figures.js";
import { createWindowMatcher } from "./windows.js";
import { createZoneClock, type ZoneClock } from "./zone-clock.js";

const HOUR_MS = 3_600_000;

interface ReviewerTally extends WeekTally {
  login: string;
  days: Set<number>;
}

interface WeekBucket extends WeekSlot {
  reviewers: Map<string, ReviewerTally>;
  waits: PrWait[];
  openEnded: OpenEndedPr[];
  openEndedBreaches: number;
  excluded: ExcludedCounts;
}

const EXCLUSION_FIELD = {
  bot: "botEvents",
  ignored: "ignoredUsers",
  self: "selfReviews",
  draft: "draftActivities",
} as const satisfies Record<string, keyof ExcludedCounts>;

/** Metrics for each of `weeks` (ISO weeks in the team timezone), in the order given. */
export function computeWeeks(input: MetricsInput, weeks: readonly string[]): WeekMetrics[] {
  const { config } = input;
  const nowMs = input.now.getTime();
  const prepared = prepareActivity(input);
  const buckets: WeekBucket[] = createWeekSlots(weeks, config.timezone, nowMs).map((slot) => ({
    ...slot,
    reviewers: new Map(),
    waits: [],
    openEnded: [],
    openEndedBreaches: 0,
    excluded: { botEvents: 0, selfReviews: 0, draftActivities: 0, ignoredUsers: 0 },
  }));

  const tallyFor = (bucket: WeekBucket, reviewerKey: string, login: string): ReviewerTally => {
    let tally = bucket.reviewers.get(reviewerKey);
    if (tally === undefined) {
      tally = { ...emptyTally(), login, days: new Set() };
      bucket.reviewers.set(reviewerKey, tally);
    }
    return tally;
  };

  // Sessions: window and days read in the reviewer's timezone.
  const clocks = new Map<string, ZoneClock>();
  const clockOf = (timezone: string): ZoneClock => {
    let clock = clocks.get(timezone);
    if (clock === undefined) {
      clock = createZoneClock(timezone);
      clocks.set(timezone, clock);
    }
    return clock;
  };
  const reviewerZones = new Map(
    Object.entries(config.reviewers).map(([login, settings]) => [login.toLowerCase(), settings.timezone]),
  );
  const inWindow = createWindowMatcher(config);
  for (const session of prepared.sessions) {
    const bucket = findWeekSlot(buckets, session.startMs);
    if (bucket === undefined) continue;
    const clock = clockOf(reviewerZones.get(session.reviewerKey) ?? config.timezone);
    const tally = tallyFor(bucket, session.reviewerKey, session.login);
    tally.sessions += 1;
    tally.prTouches += session.prCount;
    if (inWindow(clock.local(session.startMs))) tally.inWindow += 1;
    for (const ms of session.activityMs) tally.days.add(clock.dayNumber(ms));
  }

  for (const item of prepared.feedback) {
    const bucket = findWeekSlot(buckets, item.ms);
    if (bucket === undefined) continue;
    const tally = tallyFor(bucket, item.reviewerKey, item.login);
    if (item.verdict === "teaching") tally.teaching += 1;
    else if (item.verdict === "correcting") tally.correcting += 1;
    if (item.tone === "harsh") tally.harsh += 1;
  }

  for (const exclusion of prepared.excluded) {
    const bucket = findWeekSlot(buckets, exclusion.ms);
    if (bucket !== undefined) bucket.excluded[EXCLUSION_FIELD[exclusion.reason]] += 1;
  }

  // Waits: pickups in the week of the first review, open-ended at each cutoff they were still waiting at.
  const calendar = createBusinessCalendar(config);
  const target = config.first_review_target_hours;
  const overTargetBefore = (span: WaitingSpan, bucket: WeekBucket): boolean =>
    span.readyMs < bucket.startMs && calendar.hoursBetween(span.readyMs, bucket.startMs) > target;
  const iso = (ms: number): string => new Date(ms).toISOString();
  for (const span of prepared.spans) {
    if (span.pickup !== null) {
      const bucket = findWeekSlot(buckets, span.endMs);
      if (bucket !== undefined) {
        const businessHours = calendar.hoursBetween(span.readyMs, span.endMs);
        const wallClockHours = (span.endMs - span.readyMs) / HOUR_MS;
        const overTarget = businessHours > target;
        const tally = tallyFor(bucket, span.pickup.reviewerKey, span.pickup.login);
        tally.pickupHours.push(businessHours);
        tally.pickupWallClockHours.push(wallClockHours);
        if (overTarget && !overTargetBefore(span, bucket)) tally.breaches += 1;
        bucket.waits.push({
          ...span.pr,
          readyAt: iso(span.readyMs),
          firstReviewAt: iso(span.endMs),
          reviewer: span.pickup.login,
          businessHours,
          wallClockHours,
          overTarget,
        });
      }
    }
    for (let i = firstSlotCutAfter(buckets, span.readyMs); i < buckets.length; i += 1) {
      const bucket = buckets[i] as WeekBucket;
      const cutoff = bucket.cutoffMs;
      // A week that has not begun has no end-of-week state yet; cutoffs only grow, so neither has any later one.
      if (bucket.startMs >= nowMs || cutoff > span.endMs) break;
      // Ended exactly at the cutoff: still waiting at a week's end (the end belongs to the next week), not at now.
      if (cutoff === span.endMs && cutoff !== bucket.endMs) break;
      const waitedBusinessHours = calendar.hoursBetween(span.readyMs, cutoff);
      const overTarget = waitedBusinessHours > target;
      if (overTarget && !overTargetBefore(span, bucket)) bucket.openEndedBreaches += 1;
      bucket.openEnded.push({
        ...span.pr,
        readyAt: iso(span.readyMs),
        asOf: iso(cutoff),
        waitedBusinessHours,
        waitedWallClockHours: (cutoff - span.readyMs) / HOUR_MS,
        overTarget,
      });
    }
  }

  // The next-window figures (docs/metrics.md), from the same prepared activity.
  const windowFigures = computeWindowFigures(prepared, config, buckets, nowMs, calendar);
  const results = new Map(
    buckets.map((bucket) => [
      bucket.week,
      finishWeek(bucket, config.timezone, windowFigures.get(bucket.week)),
    ]),
  );
  return weeks.map((week) => results.get(week) as WeekMetrics);
}

function finishWeek(
  bucket: WeekBucket,
  timezone: string,
  windowFigures: WeekWindowFigures | undefined,
): WeekMetrics {
  const team = emptyTally();
  const reviewers: Record<string, MetricSet> = {};
  let activeReviewers = 0;
  const ordered = [...bucket.reviewers.values()].sort((a, b) =>
    a.login < b.login ? -1 : a.login > b.login ? 1 : 0,
  );
  for (const tally of ordered) {
    tally.reviewerDays = tally.days.size;
    if (tally.sessions > 0) activeReviewers += 1;
    reviewers[tally.login] = toMetricSet(tally);
    addTally(team, tally);
  }
  team.breaches += bucket.openEndedBreaches;
  const local = (ms: number): string =>
    DateTime.fromMillis(ms, { zone: timezone }).toISO() ?? new Date(ms).toISOString();
  return {
    week: bucket.week,
    start: local(bucket.startMs),
    end: local(bucket.endMs),
    team: toMetricSet(team),
    teamExtras: {
      pickups: team.pickupHours.length,
      pickupP50WallClockHours: nearestRank(team.pickupWallClockHours, 50),
      pickupP90WallClockHours: nearestRank(team.pickupWallClockHours, 90),
      activeReviewers,
      reviewerDays: team.reviewerDays,
      interruptions: team.sessions - team.inWindow,
    },
    reviewers,
    openEnded: bucket.openEnded.sort((a, b) => b.waitedBusinessHours - a.waitedBusinessHours),
    waits: bucket.waits.sort((a, b) => b.businessHours - a.businessHours),
    excluded: bucket.excluded,
    ...(windowFigures === undefined
      ? {}
      : {
          windowFigures: {
            team: windowFigures.team,
            // Keyed by the login the week's other figures use for the reviewer.
            reviewers: Object.fromEntries(
              [...windowFigures.reviewers]
                .map(
                  ([key, entry]) => [bucket.reviewers.get(key)?.login ?? entry.login, entry.figures] as const,
                )
                .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
            ),
          },
        }),
  };
}

/** The figures for one ISO week: computeWeeks for that week alone. */
export function computeWeekMetrics(input: WeekMetricsInput): WeekMetrics {
  const [metrics] = computeWeeks(input, [input.week]);
  if (metrics === undefined) throw new Error(`review-coach metrics: no result for week ${input.week}`);
  return metrics;
}
