// What-if of other review windows on the team's own history (docs/metrics.md, "What if the windows were
// different"): replays real ready times and review activity under alternative window sets.
//
// The assumption, stated wherever the results are shown: review work done outside a candidate's windows moves to
// that candidate's next window opening (in the reviewer's timezone); work inside a window stays where it was.
// Nothing ever moves earlier, so a candidate is never credited with reviews nobody made.
//
// Speed: a year of a 50-person organisation is ~100,000 activities and a few thousand candidate sets, so each
// activity is reduced once to its local day and grid slot, and a candidate costs one pass over typed arrays.
// Consecutive activities of a reviewer in the same slot that are within the session gap of each other move
// together and never split a session under any candidate, so they are one unit.
import { DateTime } from "luxon";
import type { ReviewWindowsConfig } from "../config/schema.js";
import { createBusinessCalendar } from "./business-calendar.js";
import { weekBounds } from "./iso-week.js";
import { prepareActivity } from "./prepare-activity.js";
import { parseTimeRange } from "./time-range.js";
import type { MetricsInput } from "./week-metrics.js";
import { createWorkdayCheck } from "./workday.js";
import { createZoneClock, type ZoneClock } from "./zone-clock.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Candidate windows start and end on this grid, counted from the start of working hours. */
export const GRID_MINUTES = 30;
/** How many days ahead of the last activity the day tables reach (moved work lands on a later workday). */
const DAYS_AHEAD = 40;
/** How many days before the first activity they start. */
const DAYS_BEFORE = 14;

export interface WhatIfRange {
  /** [startMs, endMs): activities and pickups whose real instant falls inside count. */
  startMs: number;
  endMs: number;
}

export interface WindowSetResult {
  /** "HH:MM-HH:MM" ranges, by start. */
  windows: string[];
  /** Total window time per workday. */
  minutes: number;
  /** (reviewer, window occurrence) pairs that receive review work: each is one break in focus. */
  windowsUsed: number;
  /** (reviewer, day) pairs with review activity, as they happened (the same for every set). */
  reviewerDays: number;
  /** windowsUsed / reviewerDays. */
  interruptionsPerWorkday: number | null;
  pickups: number;
  pickupP50Hours: number | null;
  pickupP90Hours: number | null;
  /** Simulated waits over first_review_target_hours. */
  breaches: number;
}

export interface WhatIf {
  /** Evaluates window sets ("HH:MM-HH:MM" lists, inside one day) over the whole range, or over one of `ranges`. */
  evaluate(windows: readonly string[], rangeIndex?: number): WindowSetResult;
  /** Activities and pickups in the range (the population). */
  activities: number;
  pickups: number;
}

/** Powers of two up to 2^52, for column masks held in doubles. */
const POW = Array.from({ length: 54 }, (_, power) => 2 ** power);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const clock = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** The local minute of the day at an instant (wall clock in the zone). */
const minuteOfDay = (zone: ZoneClock, ms: number): number => {
  const local = ms + zone.offsetMinutes(ms) * MINUTE_MS;
  return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS);
};

/**
 * Prepares the replay once; `ranges` are the sub-ranges (weeks) `evaluate` can be asked about, inside `range`.
 * Throws a RangeError when working hours or a window span midnight (the grid is one local day).
 */
export function createWhatIf(
  input: MetricsInput,
  range: WhatIfRange,
  ranges: readonly WhatIfRange[] = [],
): WhatIf {
  const config = input.config;
  const work = parseTimeRange(config.working_hours);
  const today = config.windows.map(parseTimeRange);
  if (work.overnight || today.some((window) => window.overnight)) {
    throw new RangeError(
      "review-coach windows: the what-if needs working hours and windows inside one day (none spanning midnight)",
    );
  }
  let grid = GRID_MINUTES;
  for (const minute of [
    work.startMinute,
    work.endMinute,
    ...today.flatMap((w) => [w.startMinute, w.endMinute]),
  ]) {
    grid = gcd(grid, minute);
  }
  grid = Math.max(grid, 1);
  const slots = 1440 / grid;
  const targetMs = config.first_review_target_hours * HOUR_MS;
  const calendar = createBusinessCalendar(config);
  const prepared = prepareActivity(input);

  // Zones: the team's and each reviewer's own.
  const reviewerZones = new Map(
    Object.entries(config.reviewers).map(([login, settings]) => [login.toLowerCase(), settings.timezone]),
  );
  const zoneNames = [config.timezone, ...new Set(reviewerZones.values())].filter(
    (zone, index, all) => all.indexOf(zone) === index,
  );
  const clocks = zoneNames.map(createZoneClock);
  const zoneIndexOf = (reviewerKey: string): number => {
    const zone = reviewerZones.get(reviewerKey);
    return zone === undefined ? 0 : zoneNames.indexOf(zone);
  };
  const inRange = (ms: number): boolean => ms >= range.startMs && ms < range.endMs;
  const rangeOf = (ms: number): number => ranges.findIndex((r) => ms >= r.startMs && ms < r.endMs);

  // Day tables, one block per zone: days from the first activity's local day to DAYS_AHEAD past the last one.
  const activities = prepared.activities.filter((activity) => inRange(activity.ms));
  const spans = prepared.spans.filter((span) => span.pickup !== null && inRange(span.endMs));
  const firstDay = clocks.map(() => Number.POSITIVE_INFINITY);
  const lastDay = clocks.map(() => Number.NEGATIVE_INFINITY);
  const note = (zone: number, ms: number): void => {
    const day = (clocks[zone] as ZoneClock).dayNumber(ms);
    if (day < (firstDay[zone] as number)) firstDay[zone] = day;
    if (day > (lastDay[zone] as number)) lastDay[zone] = day;
  };
  for (const activity of activities) note(zoneIndexOf(activity.reviewerKey), activity.ms);
  // Start the tables a fortnight early, so the workday before the first active day is in them (weekend work carried
  // to a Monday is found from the Friday before it).
  for (let zone = 0; zone < clocks.length; zone += 1)
    firstDay[zone] = (firstDay[zone] as number) - DAYS_BEFORE;
  const base: number[] = [];
  let totalDays = 0;
  for (let zone = 0; zone < clocks.length; zone += 1) {
    base.push(totalDays);
    if (Number.isFinite(firstDay[zone] as number)) {
      totalDays += (lastDay[zone] as number) - (firstDay[zone] as number) + 1 + DAYS_AHEAD;
    }
  }
  const dayZone = new Int32Array(totalDays);
  const workday = new Uint8Array(totalDays);
  const nextWorkday = new Int32Array(totalDays).fill(-1);
  const previousWorkday = new Int32Array(totalDays).fill(-1);
  const isWorkday = createWorkdayCheck(config);
  for (let zone = 0; zone < clocks.length; zone += 1) {
    if (!Number.isFinite(firstDay[zone] as number)) continue;
    const end = zone + 1 < clocks.length ? (base[zone + 1] as number) : totalDays;
    for (let index = base[zone] as number; index < end; index += 1) {
      const date = new Date(((firstDay[zone] as number) + index - (base[zone] as number)) * DAY_MS);
      const local = DateTime.fromObject(
        { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
        { zone: zoneNames[zone] as string },
      );
      dayZone[index] = zone;
      workday[index] = isWorkday(local) ? 1 : 0;
    }
    let next = -1;
    for (let index = end - 1; index >= (base[zone] as number); index -= 1) {
      nextWorkday[index] = next;
      if (workday[index] === 1) next = index;
    }
    let previous = -1;
    for (let index = base[zone] as number; index < end; index += 1) {
      previousWorkday[index] = previous;
      if (workday[index] === 1) previous = index;
    }
  }
  const globalDay = (zone: number, ms: number): number =>
    (base[zone] as number) + (clocks[zone] as ZoneClock).dayNumber(ms) - (firstDay[zone] as number);

  // Grid instants (a slot's start on a day, in that day's zone) and their business time, computed on demand.
  const gridMs = new Float64Array(totalDays * slots).fill(Number.NaN);
  const gridElapsed = new Float64Array(totalDays * slots).fill(Number.NaN);
  const origin = range.startMs - 400 * DAY_MS;
  const elapsed = (ms: number): number => calendar.hoursBetween(origin, ms) * HOUR_MS;
  const instantOf = (day: number, slot: number): number => {
    const cell = day * slots + slot;
    let value = gridMs[cell] as number;
    if (Number.isNaN(value)) {
      const zone = dayZone[day] as number;
      const zoneClock = clocks[zone] as ZoneClock;
      const wall =
        ((firstDay[zone] as number) + day - (base[zone] as number)) * DAY_MS + slot * grid * MINUTE_MS;
      value = wall - zoneClock.offsetMinutes(wall) * MINUTE_MS;
      const corrected = wall - zoneClock.offsetMinutes(value) * MINUTE_MS;
      if (corrected !== value) value = corrected;
      gridMs[cell] = value;
    }
    return value;
  };
  const elapsedOf = (day: number, slot: number): number => {
    const cell = day * slots + slot;
    let value = gridElapsed[cell] as number;
    if (Number.isNaN(value)) {
      value = elapsed(instantOf(day, slot));
      gridElapsed[cell] = value;
    }
    return value;
  };

  /** The sub-range a day falls in, by its local midnight; -1 for none. */
  const dayRange = (day: number): number => rangeOf(instantOf(day, 0));

  // Columns of a day: 0 before the first slot any window or working hours touch, one per slot up to the last, then
  // one after it. Candidate windows lie inside working hours, so work outside them always moves as a block.
  const loSlot = Math.min(work.startMinute, ...today.map((w) => w.startMinute)) / grid;
  const hiSlot = Math.max(work.endMinute, ...today.map((w) => w.endMinute)) / grid;
  const columns = hiSlot - loSlot + 2;
  if (columns > 52) {
    throw new RangeError(
      `review-coach windows: ${columns} grid slots a day is more than the what-if handles; put the windows on a 30-minute grid`,
    );
  }
  const columnOf = (slot: number): number =>
    slot < loSlot ? 0 : slot >= hiSlot ? columns - 1 : slot - loSlot + 1;

  // Each reviewer's active days (their timezone) with the columns they had activity in.
  const byReviewer = new Map<string, Map<number, number>>();
  for (const activity of activities) {
    const zone = zoneIndexOf(activity.reviewerKey);
    const day = globalDay(zone, activity.ms);
    const bit = POW[
      columnOf(Math.floor(minuteOfDay(clocks[zone] as ZoneClock, activity.ms) / grid))
    ] as number;
    let days = byReviewer.get(activity.reviewerKey);
    if (days === undefined) {
      days = new Map();
      byReviewer.set(activity.reviewerKey, days);
    }
    const mask = days.get(day) ?? 0;
    if (Math.floor(mask / bit) % 2 === 0) days.set(day, mask + bit);
  }
  const realReviewerDays = (rangeIndex: number): number => {
    let count = 0;
    for (const days of byReviewer.values()) {
      for (const day of days.keys()) if (rangeIndex < 0 || dayRange(day) === rangeIndex) count += 1;
    }
    return count;
  };

  // Signatures: a workday that can receive work (active, or the first workday after an active day), with its own
  // columns, the columns of the workday before it (its work after the last window comes here) and whether work on
  // non-workdays in between comes here. Identical signatures are counted once, with their number.
  const signatures = new Map<string, { own: number; before: number; carried: boolean; count: number[] }>();
  const rangesCount = Math.max(ranges.length, 0);
  for (const days of byReviewer.values()) {
    const targets = new Set<number>();
    for (const day of days.keys()) {
      if (workday[day] === 1) targets.add(day);
      const next = nextWorkday[day] as number;
      if (next >= 0) targets.add(next);
    }
    for (const day of targets) {
      const previous = previousWorkday[day] as number;
      let carried = false;
      const zoneStart = base[dayZone[day] as number] as number;
      for (let between = previous < 0 ? zoneStart : previous + 1; between < day; between += 1) {
        if (between >= 0 && dayZone[between] === dayZone[day] && days.has(between)) carried = true;
      }
      const own = days.get(day) ?? 0;
      const before = previous >= 0 ? (days.get(previous) ?? 0) : 0;
      const key = `${own} ${before} ${carried ? 1 : 0}`;
      let signature = signatures.get(key);
      if (signature === undefined) {
        signature = { own, before, carried, count: new Array(rangesCount + 1).fill(0) };
        signatures.set(key, signature);
      }
      (signature.count[0] as number)++;
      const index = dayRange(day);
      if (index >= 0) (signature.count[index + 1] as number)++;
    }
  }
  const sigOwn = Float64Array.from([...signatures.values()].map((sig) => sig.own));
  const sigBefore = Float64Array.from([...signatures.values()].map((sig) => sig.before));
  const sigOwnBits = Int32Array.from(sigOwn);
  const sigBeforeBits = Int32Array.from(sigBefore);
  const sigCarried = Uint8Array.from([...signatures.values()].map((sig) => (sig.carried ? 1 : 0)));
  const sigCounts = Array.from({ length: rangesCount + 1 }, (_, index) =>
    Float64Array.from([...signatures.values()].map((sig) => sig.count[index] as number)),
  );
  const reviewerDaysByRange = Array.from({ length: rangesCount + 1 }, (_, index) =>
    realReviewerDays(index - 1),
  );

  // Pickups: ready and real pickup in business time, and where the pickup sits on the grid.
  const pickupCount = spans.length;
  const pReady = new Float64Array(pickupCount);
  const pActual = new Float64Array(pickupCount);
  const pDay = new Int32Array(pickupCount);
  const pSlot = new Int32Array(pickupCount);
  const pRange = new Int32Array(pickupCount);
  for (const [index, span] of spans.entries()) {
    const zone = zoneIndexOf(span.pickup?.reviewerKey ?? "");
    pReady[index] = elapsed(span.readyMs);
    pActual[index] = elapsed(span.endMs);
    pDay[index] = globalDay(zone, span.endMs);
    pSlot[index] = Math.floor(minuteOfDay(clocks[zone] as ZoneClock, span.endMs) / grid);
    pRange[index] = rangeOf(span.endMs);
  }

  const inWindow = new Uint8Array(slots);
  const nextIn = new Int32Array(slots);
  const waits = new Float64Array(pickupCount);

  const evaluate = (windows: readonly string[], rangeIndex = -1): WindowSetResult => {
    const parsed = windows.map(parseTimeRange).sort((a, b) => a.startMinute - b.startMinute);
    inWindow.fill(0);
    let minutes = 0;
    for (const window of parsed) {
      if (window.overnight || window.startMinute % grid !== 0 || window.endMinute % grid !== 0) {
        throw new RangeError(
          `review-coach windows: ${clock(window.startMinute)} is not on the ${grid}-minute grid`,
        );
      }
      minutes += window.endMinute - window.startMinute;
      for (let slot = window.startMinute / grid; slot < window.endMinute / grid; slot += 1)
        inWindow[slot] = 1;
    }
    let firstIn = -1;
    for (let slot = slots - 1; slot >= 0; slot -= 1) {
      nextIn[slot] = firstIn;
      if (inWindow[slot] === 1) firstIn = slot;
    }

    // Windows used: one interruption per window that receives work, per reviewer and day.
    const starts: number[] = [];
    const ends: number[] = [];
    let regionStart = 0;
    for (const window of parsed) {
      starts.push(regionStart);
      regionStart = columnOf(window.endMinute / grid - 1) + 1;
      ends.push(regionStart);
    }
    const afterStart = regionStart;
    const firstEnd = ends[0] ?? 0;
    const counts = sigCounts[rangeIndex + 1] as Float64Array;
    let used = 0;
    if (columns <= 31) {
      // Masks fit in 32-bit integers: one AND per window.
      const bits = (from: number, to: number): number =>
        to > from ? ((1 << to) - 1) ^ ((1 << from) - 1) : 0;
      const regions = starts.map((start, j) => bits(start, ends[j] as number));
      const after = bits(afterStart, columns);
      const first = bits(0, firstEnd);
      const windowCount = regions.length;
      const r0 = regions[0] ?? 0;
      const r1 = regions[1] ?? 0;
      const r2 = regions[2] ?? 0;
      for (let index = 0; index < sigOwn.length; index += 1) {
        const count = counts[index] as number;
        if (count === 0) continue;
        const own = sigOwnBits[index] as number;
        let windowsUsed =
          windowCount <= 3
            ? ((own & r0) !== 0 ? 1 : 0) + ((own & r1) !== 0 ? 1 : 0) + ((own & r2) !== 0 ? 1 : 0)
            : regions.reduce((sum, region) => sum + ((own & region) !== 0 ? 1 : 0), 0);
        if (
          (sigCarried[index] === 1 || ((sigBeforeBits[index] as number) & after) !== 0) &&
          (own & first) === 0
        ) {
          windowsUsed += 1;
        }
        used += windowsUsed * count;
      }
    } else {
      const hits = (mask: number, from: number, to: number): boolean =>
        to > from && Math.floor(mask / (POW[from] as number)) % (POW[to - from] as number) !== 0;
      for (let index = 0; index < sigOwn.length; index += 1) {
        const count = counts[index] as number;
        if (count === 0) continue;
        const own = sigOwn[index] as number;
        let windowsUsed = 0;
        for (let j = 0; j < starts.length; j += 1)
          if (hits(own, starts[j] as number, ends[j] as number)) windowsUsed += 1;
        const carried = sigCarried[index] === 1 || hits(sigBefore[index] as number, afterStart, columns);
        if (carried && !hits(own, 0, firstEnd)) windowsUsed += 1;
        used += windowsUsed * count;
      }
    }
    const reviewerDays = reviewerDaysByRange[rangeIndex + 1] as number;

    const { count, breaches, p50, p90 } = pickupWaits(firstIn, rangeIndex);
    return {
      windows: parsed.map((window) => `${clock(window.startMinute)}-${clock(window.endMinute)}`),
      minutes,
      windowsUsed: used,
      reviewerDays,
      interruptionsPerWorkday: reviewerDays > 0 && parsed.length > 0 ? used / reviewerDays : null,
      pickups: count,
      pickupP50Hours: p50,
      pickupP90Hours: p90,
      breaches,
    };
  };

  /** Pickups under the set in inWindow/nextIn: at the real time when inside a window, else at the next opening. */
  const pickupWaits = (firstIn: number, rangeIndex: number) => {
    let count = 0;
    let breaches = 0;
    for (let index = 0; index < pickupCount; index += 1) {
      if (rangeIndex >= 0 && pRange[index] !== rangeIndex) continue;
      let day = pDay[index] as number;
      const slot = pSlot[index] as number;
      let wait: number;
      if (workday[day] === 1 && inWindow[slot] === 1) {
        wait = (pActual[index] as number) - (pReady[index] as number);
      } else {
        let target = workday[day] === 1 ? (nextIn[slot] as number) : -1;
        if (target < 0) {
          day = nextWorkday[day] as number;
          target = firstIn;
        }
        if (day < 0 || target < 0) continue;
        wait = elapsedOf(day, target) - (pReady[index] as number);
      }
      if (wait > targetMs) breaches += 1;
      waits[count] = wait;
      count += 1;
    }
    // Nearest rank (percentile.ts): the value at rank ⌈p/100 × n⌉.
    if (count === 0) return { count, breaches, p50: null, p90: null };
    const [p50, p90] = valuesAtRanks(waits, count, [
      Math.max(Math.ceil((50 * count) / 100), 1) - 1,
      Math.max(Math.ceil((90 * count) / 100), 1) - 1,
    ]) as [number, number];
    return { count, breaches, p50: p50 / HOUR_MS, p90: p90 / HOUR_MS };
  };

  return {
    evaluate,
    activities: activities.length,
    pickups: pickupCount,
    signatures: sigOwn.length,
  } as WhatIf;
}

/** Histogram buckets of one minute for valuesAtRanks; longer waits share the last bucket. */
const BUCKET_MS = 60_000;
const BUCKETS = 8192;
const histogram = new Int32Array(BUCKETS);

/**
 * The values at the given 0-based ranks among the first `count` values (all ≥ 0), without sorting them all: one
 * histogram by minute finds the bucket holding each rank, and only those buckets' values are sorted.
 */
export function valuesAtRanks(values: Float64Array, count: number, ranks: readonly number[]): number[] {
  histogram.fill(0);
  for (let i = 0; i < count; i += 1) {
    const minute = Math.floor((values[i] as number) / BUCKET_MS);
    const bucket = minute < BUCKETS ? minute : BUCKETS - 1;
    histogram[bucket] = (histogram[bucket] as number) + 1;
  }
  const wanted = ranks.map((rank) => {
    let below = 0;
    let bucket = 0;
    while (below + (histogram[bucket] as number) <= rank) {
      below += histogram[bucket] as number;
      bucket += 1;
    }
    return { rank, bucket, below, values: [] as number[] };
  });
  for (let i = 0; i < count; i += 1) {
    const value = values[i] as number;
    const minute = Math.floor(value / BUCKET_MS);
    const bucket = minute < BUCKETS ? minute : BUCKETS - 1;
    for (const entry of wanted) if (entry.bucket === bucket) entry.values.push(value);
  }
  return wanted.map((entry) => {
    entry.values.sort((x, y) => x - y);
    return entry.values[entry.rank - entry.below] as number;
  });
}

/**
 * The alternative window sets: 1 to 3 windows a workday, starting and ending on the 30-minute grid counted from the
 * start of working hours, inside working hours, not touching one another, with the same total window time as
 * today's (rounded to the grid) or 30 minutes less or more. Today's own set is not among them unless it fits.
 */
export function candidateWindowSets(
  config: Pick<ReviewWindowsConfig, "windows" | "working_hours">,
): string[][] {
  const work = parseTimeRange(config.working_hours);
  if (work.overnight) return [];
  const cells = Math.floor((work.endMinute - work.startMinute) / GRID_MINUTES);
  const todayMinutes = config.windows
    .map(parseTimeRange)
    .reduce(
      (sum, w) => sum + (w.overnight ? w.endMinute + 1440 - w.startMinute : w.endMinute - w.startMinute),
      0,
    );
  const todayCells = Math.max(Math.round(todayMinutes / GRID_MINUTES), 1);
  const totals = [todayCells - 1, todayCells, todayCells + 1].filter((total) => total >= 1 && total <= cells);
  const sets: string[][] = [];
  const at = (cell: number): string => clock(work.startMinute + cell * GRID_MINUTES);
  const place = (from: number, left: number, windowsLeft: number, chosen: string[]): void => {
    if (left === 0) {
      sets.push([...chosen]);
      return;
    }
    if (windowsLeft === 0) return;
    for (let start = from; start < cells; start += 1) {
      for (let length = 1; length <= left && start + length <= cells; length += 1) {
        chosen.push(`${at(start)}-${at(start + length)}`);
        // The next window starts at least one cell later: windows that touch are one window.
        place(start + length + 1, left - length, windowsLeft - 1, chosen);
        chosen.pop();
      }
    }
  };
  for (const total of totals) place(0, total, 3, []);
  return sets;
}

/** Lower is better on both axes: interruptions per workday, pickup p90. */
const axes = (result: WindowSetResult): [number, number] => [
  result.interruptionsPerWorkday ?? Number.POSITIVE_INFINITY,
  result.pickupP90Hours ?? Number.POSITIVE_INFINITY,
];

/** The sets no other set beats on both axes (fewer interruptions, shorter p90), by interruptions. */
export function paretoFront(results: readonly WindowSetResult[]): WindowSetResult[] {
  const sorted = [...results].sort((a, b) => {
    const [ai, ap] = axes(a);
    const [bi, bp] = axes(b);
    return ai - bi || ap - bp || (a.pickupP50Hours ?? 0) - (b.pickupP50Hours ?? 0) || a.breaches - b.breaches;
  });
  const front: WindowSetResult[] = [];
  let bestP90 = Number.POSITIVE_INFINITY;
  for (const result of sorted) {
    const [, p90] = axes(result);
    if (p90 < bestP90) {
      front.push(result);
      bestP90 = p90;
    }
  }
  return front;
}

/** The set with the fewest interruptions among those whose p90 is within the target (then shorter p90). */
export function bestWithinTarget(
  results: readonly WindowSetResult[],
  targetHours: number,
): WindowSetResult | null {
  const within = results.filter((r) => r.pickupP90Hours !== null && r.pickupP90Hours <= targetHours);
  return paretoFront(within)[0] ?? null;
}

export interface WhatIfReport {
  /** The ISO weeks replayed, oldest first. */
  weeks: string[];
  activities: number;
  pickups: number;
  /** Alternative sets simulated (today's comes on top). */
  candidates: number;
  /** Today's windows under the same assumption, so every set compares like for like. */
  today: WindowSetResult;
  /** By interruptions, fewest first; today's set is on it when nothing beats it. */
  front: WindowSetResult[];
  /** The set with the fewest interruptions whose p90 is within the target; null when none. */
  bestWithinTarget: WindowSetResult | null;
  targetHours: number;
}

/** Replays `weeks` (ISO weeks in the team timezone) under today's windows and every candidate set. */
export function windowsWhatIf(
  input: MetricsInput,
  weeks: readonly string[],
): { report: WhatIfReport; whatIf: WhatIf } {
  const zone = input.config.timezone;
  const bounds = weeks.map((week) => weekBounds(week, zone));
  const ranges = bounds.map((b) => ({ startMs: b.start.getTime(), endMs: b.end.getTime() }));
  const range = {
    startMs: Math.min(...ranges.map((r) => r.startMs)),
    endMs: Math.max(...ranges.map((r) => r.endMs)),
  };
  const whatIf = createWhatIf(input, range, ranges);
  const today = whatIf.evaluate(input.config.windows);
  const todayKey = today.windows.join(",");
  // Closest to today's first (fewest windows added or removed), so that among sets with the same figures the front
  // keeps the smallest change.
  const distance = (result: WindowSetResult): number =>
    result.windows.filter((w) => !today.windows.includes(w)).length +
    today.windows.filter((w) => !result.windows.includes(w)).length;
  const results = candidateWindowSets(input.config)
    .map((windows) => whatIf.evaluate(windows))
    .filter((result) => result.windows.join(",") !== todayKey)
    .map((result) => ({ result, distance: distance(result) }))
    .sort((a, b) => a.distance - b.distance)
    .map(({ result }) => result);
  const targetHours = input.config.first_review_target_hours;
  return {
    report: {
      weeks: [...weeks],
      activities: whatIf.activities,
      pickups: whatIf.pickups,
      candidates: results.length,
      today,
      front: paretoFront([today, ...results]),
      bestWithinTarget: bestWithinTarget([today, ...results], targetHours),
      targetHours,
    },
    whatIf,
  };
}

/** The assumption behind every simulated figure, for the output of `review-coach windows` and the digest. */
export const WHAT_IF_ASSUMPTION =
  "Assumes review work done outside a set's windows moves to that set's next window opening (in the reviewer's " +
  "timezone) and work inside a window stays where it was; nothing moves earlier. Interruptions: windows a " +
  "reviewer reviews in, per reviewer and day with review activity. Pickup in business hours from ready to the " +
  "(moved) first review.";
