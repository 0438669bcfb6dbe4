// The next-window figures per week (docs/metrics.md, "Next-window figures"), from the prepared activity.
//
// Decisions (each also in docs/metrics.md):
// - The window a wait is due in is the first window of the team's windows, in the team timezone, that opens after
//   the PR became ready: the author's schedule, whoever ends up reviewing. A PR ready inside a window is due in the
//   next one. The wait counts once, in the week that window opens, for the team and, when it was reviewed, for the
//   reviewer who made the first review.
// - Hit: the first review came before the due window closed (earlier, between windows, counts too). Miss: it came
//   later or never. A wait that ended without a review (closed, back to draft) before the due window opened is not
//   counted: nobody could have reviewed it there. Decided as soon as it is known: a hit when the review comes, a
//   miss when the window closes (a window still to close at `now` is not counted yet).
// - Slip: windows read in each reviewer's timezone (as for in-window share); for each window occurrence, the first
//   session starting inside it. Team: per (timezone, occurrence), the earliest such session of anyone reading their
//   windows there; reviewer: their own. Occurrences with no session starting in them have no slip (the hit rate
//   shows what they cost). Counted in the week the window opens.
// - Batching-attributable wait: a pickup whose first review lies inside a window of the reviewer (their timezone);
//   the business hours from ready to the opening of the window it was due in, read in that same timezone (0 when it
//   was ready inside the window it was picked up in). Windows it then waited through are not counted: that part of
//   the wait is the windows left unused, not batching. Counted in the week of the pickup, like the pickup itself.
// - Batching bound: the team's only (a reviewer's would mix their windows with the team's business hours).
import type { ReviewWindowsConfig } from "../config/schema.js";
import { batchingBound } from "./batching-bound.js";
import type { BusinessCalendar } from "./business-calendar.js";
import { nearestRank } from "./percentile.js";
import type { PreparedActivity } from "./prepare-activity.js";
import type { WindowFigures } from "./week-metrics.js";
import { findWeekSlot, type WeekSlot } from "./week-slots.js";
import { createWindowCalendar, type WindowCalendar } from "./window-calendar.js";

const MINUTE_MS = 60_000;

interface WindowTally {
  login: string;
  due: number;
  hits: number;
  slips: number[];
  batchingWaits: number[];
}

const emptyWindowTally = (login: string): WindowTally => ({
  login,
  due: 0,
  hits: 0,
  slips: [],
  batchingWaits: [],
});

export interface WeekWindowFigures {
  team: WindowFigures;
  /** By lower-cased login (the reviewer key). */
  reviewers: Map<string, { login: string; figures: WindowFigures }>;
}

/** The figures for each slot's week, by week. */
export function computeWindowFigures(
  prepared: Pick<PreparedActivity, "sessions" | "spans">,
  config: ReviewWindowsConfig,
  slots: readonly WeekSlot[],
  nowMs: number,
  calendar: BusinessCalendar,
): Map<string, WeekWindowFigures> {
  const teamWindows = createWindowCalendar(config, config.timezone);
  const zoneCalendars = new Map<string, WindowCalendar>([[config.timezone, teamWindows]]);
  const reviewerZones = new Map(
    Object.entries(config.reviewers).map(([login, settings]) => [login.toLowerCase(), settings.timezone]),
  );
  const zoneOf = (reviewerKey: string): string => reviewerZones.get(reviewerKey) ?? config.timezone;
  const windowsIn = (zone: string): WindowCalendar => {
    let windows = zoneCalendars.get(zone);
    if (windows === undefined) {
      windows = createWindowCalendar(config, zone);
      zoneCalendars.set(zone, windows);
    }
    return windows;
  };

  const weeks = new Map<string, { team: WindowTally; reviewers: Map<string, WindowTally> }>(
    slots.map((slot) => [slot.week, { team: emptyWindowTally(""), reviewers: new Map() }]),
  );
  const tallies = (ms: number) => {
    const slot = findWeekSlot(slots, ms);
    return slot === undefined ? undefined : weeks.get(slot.week);
  };
  const reviewerTally = (
    week: { reviewers: Map<string, WindowTally> },
    key: string,
    login: string,
  ): WindowTally => {
    let tally = week.reviewers.get(key);
    if (tally === undefined) {
      tally = emptyWindowTally(login);
      week.reviewers.set(key, tally);
    }
    return tally;
  };

  for (const span of prepared.spans) {
    // Next-window hit rate.
    const due = teamWindows.nextOpeningAfter(span.readyMs);
    if (due !== null && !(span.pickup === null && span.endMs <= due.openMs)) {
      const hit = span.pickup !== null && span.endMs < due.closeMs;
      const decided = hit ? span.endMs <= nowMs : due.closeMs <= nowMs;
      const week = decided ? tallies(due.openMs) : undefined;
      if (week !== undefined) {
        week.team.due += 1;
        if (hit) week.team.hits += 1;
        if (span.pickup !== null) {
          const tally = reviewerTally(week, span.pickup.reviewerKey, span.pickup.login);
          tally.due += 1;
          if (hit) tally.hits += 1;
        }
      }
    }
    // Batching-attributable wait.
    if (span.pickup !== null) {
      const week = tallies(span.endMs);
      if (week === undefined) continue;
      const windows = windowsIn(zoneOf(span.pickup.reviewerKey));
      const pickedIn = windows.containing(span.endMs);
      if (pickedIn === null) continue;
      const dueThere = windows.nextOpeningAfter(span.readyMs);
      const hours =
        pickedIn.openMs <= span.readyMs || dueThere === null
          ? 0
          : calendar.hoursBetween(span.readyMs, Math.min(dueThere.openMs, span.endMs));
      week.team.batchingWaits.push(hours);
      reviewerTally(week, span.pickup.reviewerKey, span.pickup.login).batchingWaits.push(hours);
    }
  }

  // Window slip: the first session starting in each occurrence, per timezone (team) and per reviewer.
  const teamFirst = new Map<string, { openMs: number; startMs: number }>();
  const reviewerSeen = new Set<string>();
  for (const session of prepared.sessions) {
    const zone = zoneOf(session.reviewerKey);
    const occurrence = windowsIn(zone).containing(session.startMs);
    if (occurrence === null) continue;
    const week = tallies(occurrence.openMs);
    if (week === undefined) continue;
    const key = `${zone} ${occurrence.openMs}`;
    const first = teamFirst.get(key);
    if (first === undefined || session.startMs < first.startMs) {
      teamFirst.set(key, { openMs: occurrence.openMs, startMs: session.startMs });
    }
    // Sessions come ordered by start, so a reviewer's first session in an occurrence is the first one seen.
    const own = `${session.reviewerKey} ${occurrence.openMs}`;
    if (!reviewerSeen.has(own)) {
      reviewerSeen.add(own);
      reviewerTally(week, session.reviewerKey, session.login).slips.push(
        (session.startMs - occurrence.openMs) / MINUTE_MS,
      );
    }
  }
  for (const first of teamFirst.values()) {
    tallies(first.openMs)?.team.slips.push((first.startMs - first.openMs) / MINUTE_MS);
  }

  const bound = batchingBound(config)?.hours ?? null;
  const result = new Map<string, WeekWindowFigures>();
  for (const [week, tally] of weeks) {
    const reviewers = new Map<string, { login: string; figures: WindowFigures }>();
    for (const [key, reviewer] of tally.reviewers) {
      reviewers.set(key, { login: reviewer.login, figures: toWindowFigures(reviewer, null) });
    }
    result.set(week, { team: toWindowFigures(tally.team, bound), reviewers });
  }
  return result;
}

function toWindowFigures(tally: WindowTally, bound: number | null): WindowFigures {
  return {
    nextWindowHitRate: tally.due > 0 ? tally.hits / tally.due : null,
    windowSlipMinutes: nearestRank(tally.slips, 50),
    batchingBoundHours: bound,
    batchingWaitP50Hours: nearestRank(tally.batchingWaits, 50),
  };
}
