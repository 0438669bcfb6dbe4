// What-if of other review windows on the team's own history (docs/metrics.md, "What if the windows were
// different"): replays real ready times and review activity under alternative window sets.
//
// The assumption, stated wherever the results are shown: review work done outside a candidate's windows moves to
// that candidate's next window opening (in the reviewer's timezone); work inside a window stays where it was.
// Nothing ever moves earlier, so a candidate is never credited with reviews nobody made.
//
// Speed: a year of a 50-person organisation is ~200,000 activities and a few thousand candidate sets, so each
// activity is reduced once to its local day and grid slot, and what a set's figures depend on is tabulated once per
// range by grid column: interruptions are a sum of table cells per window, pickups the union of a few sorted groups
// of waits (percentiles and breaches by binary search). A set costs microseconds, not a pass over the history.
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

const EMPTY = new Float64Array(0);
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
  const prepared = prepareActivity(input, { sessions: false });

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
  // (reviewer, day) pairs with activity, in all and per sub-range: one pass, each day's sub-range looked up once.
  const rangeOfDay = new Map<number, number>();
  const dayRangeOnce = (day: number): number => {
    let index = rangeOfDay.get(day);
    if (index === undefined) {
      index = dayRange(day);
      rangeOfDay.set(day, index);
    }
    return index;
  };
  const realReviewerDays = new Array<number>(ranges.length + 1).fill(0);
  for (const days of byReviewer.values()) {
    for (const day of days.keys()) {
      realReviewerDays[0] = (realReviewerDays[0] as number) + 1;
      const index = dayRangeOnce(day);
      if (index >= 0) realReviewerDays[index + 1] = (realReviewerDays[index + 1] as number) + 1;
    }
  }

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
      const index = dayRangeOnce(day);
      if (index >= 0) (signature.count[index + 1] as number)++;
    }
  }
  const sigOwn = Float64Array.from([...signatures.values()].map((sig) => sig.own));
  const sigBefore = Float64Array.from([...signatures.values()].map((sig) => sig.before));
  const sigCarried = Uint8Array.from([...signatures.values()].map((sig) => (sig.carried ? 1 : 0)));
  const sigCounts = Array.from({ length: rangesCount + 1 }, (_, index) =>
    Float64Array.from([...signatures.values()].map((sig) => sig.count[index] as number)),
  );
  const reviewerDaysByRange = realReviewerDays;

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

  // Each pickup's wait when it stays (inside a window) and the business time of every grid instant a moved pickup
  // can land on (its own day's slots and the next workday's), filled once here so a set costs plain array reads.
  const pStays = new Float64Array(pickupCount);
  const pNext = new Int32Array(pickupCount);
  const pWorkday = new Uint8Array(pickupCount);
  const filled = new Uint8Array(totalDays);
  for (let index = 0; index < pickupCount; index += 1) {
    const day = pDay[index] as number;
    pStays[index] = (pActual[index] as number) - (pReady[index] as number);
    pWorkday[index] = workday[day] as number;
    pNext[index] = nextWorkday[day] as number;
    filled[day] = 1;
    if ((pNext[index] as number) >= 0) filled[pNext[index] as number] = 1;
  }
  for (let day = 0; day < totalDays; day += 1) {
    if (filled[day] === 1) for (let slot = 0; slot < slots; slot += 1) elapsedOf(day, slot);
  }

  const inWindow = new Uint8Array(slots);
  const nextIn = new Int32Array(slots);
  const waits = new Float64Array(pickupCount);

  // Interruptions without a pass over the signatures per set: a set uses, per signature, one window per region (the
  // columns from the previous window's end to its own end) that holds work, plus the first window when work is
  // carried into the day (from after the last window the workday before, or from non-workdays in between) and none
  // fell in the first region. So per range, once: `region[a][b]`, the reviewer-days holding work in columns [a, b),
  // and `windowCarry[x][y]`, those with work carried from columns [x, end) (or non-workdays) and none in [0, y).
  const bitsOf = (mask: number): number[] => {
    const set: number[] = [];
    for (let column = 0; column < columns; column += 1) {
      if (Math.floor(mask / (POW[column] as number)) % 2 === 1) set.push(column);
    }
    return set;
  };
  const sigOwnColumns = Array.from(sigOwn, bitsOf);
  const sigLastBefore = Array.from(sigBefore, (mask) => bitsOf(mask).pop() ?? -1);
  const tables = new Map<number, { region: Float64Array; windowCarry: Float64Array }>();
  const interruptionTables = (rangeIndex: number) => {
    let table = tables.get(rangeIndex);
    if (table !== undefined) return table;
    const side = columns + 1;
    const counts = sigCounts[rangeIndex + 1] as Float64Array;
    // region[a][b] = Σ count over signatures whose first column at or after a is below b: a difference per (a,
    // first column at or after a), summed over b.
    const region = new Float64Array(side * side);
    const windowCarry = new Float64Array(side * side);
    for (let index = 0; index < sigOwn.length; index += 1) {
      const count = counts[index] as number;
      if (count === 0) continue;
      const own = sigOwnColumns[index] as number[];
      let next = 0;
      for (let a = 0; a < columns; a += 1) {
        while (next < own.length && (own[next] as number) < a) next += 1;
        if (next < own.length) {
          const cell = a * side + (own[next] as number) + 1;
          region[cell] = (region[cell] as number) + count;
        }
      }
      // Carried from [x, end) for every x up to the last column worked the workday before (every x when carried
      // from non-workdays); none in [0, y) for every y up to the first column worked.
      const lastX = sigCarried[index] === 1 ? columns : (sigLastBefore[index] as number);
      if (lastX >= 0) {
        const cell = lastX * side + (own[0] ?? columns);
        windowCarry[cell] = (windowCarry[cell] as number) + count;
      }
    }
    for (let a = 0; a < side; a += 1) {
      for (let b = 1; b < side; b += 1) {
        region[a * side + b] = (region[a * side + b] as number) + (region[a * side + b - 1] as number);
      }
    }
    // Suffix sums in both directions: windowCarry[x][y] = Σ over X ≥ x, Y ≥ y.
    for (let x = side - 1; x >= 0; x -= 1) {
      for (let y = side - 2; y >= 0; y -= 1) {
        const cell = x * side + y;
        windowCarry[cell] = (windowCarry[cell] as number) + (windowCarry[cell + 1] as number);
      }
    }
    for (let x = side - 2; x >= 0; x -= 1) {
      for (let y = 0; y < side; y += 1) {
        const cell = x * side + y;
        windowCarry[cell] = (windowCarry[cell] as number) + (windowCarry[cell + side] as number);
      }
    }
    table = { region, windowCarry };
    tables.set(rangeIndex, table);
    return table;
  };

  // Pickups without a pass over them per set, when the set's windows lie inside the columns: the waits are the union
  // of a few groups, each fixed by two columns: those picked up inside a window (their real wait), those on a
  // workday between the previous window's end and a window's start (moved to that start, same day), and those
  // after the last window or on a non-workday (moved to the next workday's first window). Each group is sorted once
  // per range; a set then needs binary searches only.
  const slotOfColumn = (column: number): number => loSlot + column - 1;
  const pColumn = Int32Array.from(pSlot, columnOf);
  const groupCaches = new Map<number, { byColumn: Int32Array[]; groups: Map<number, Float64Array> }>();
  const groupOf = (rangeIndex: number, kind: 0 | 1 | 2, a: number, b: number): Float64Array => {
    let cache = groupCaches.get(rangeIndex);
    if (cache === undefined) {
      // The range's pickups by column on workdays; those on non-workdays under `columns`.
      const byColumn: number[][] = Array.from({ length: columns + 1 }, () => []);
      for (let index = 0; index < pickupCount; index += 1) {
        if (rangeIndex >= 0 && pRange[index] !== rangeIndex) continue;
        (byColumn[pWorkday[index] === 1 ? (pColumn[index] as number) : columns] as number[]).push(index);
      }
      cache = { byColumn: byColumn.map((members) => Int32Array.from(members)), groups: new Map() };
      groupCaches.set(rangeIndex, cache);
    }
    const byColumn = cache.byColumn;
    const key = (kind * (columns + 1) + a) * (columns + 1) + b;
    let group = cache.groups.get(key);
    if (group !== undefined) return group;
    // Built one column at a time from the group one column narrower, by merging sorted arrays.
    if (kind === 0) {
      group = b <= a ? EMPTY : merged(groupOf(rangeIndex, 0, a, b - 1), columnGroup(byColumn, 0, b - 1, b));
    } else if (kind === 1) {
      group = a >= b ? EMPTY : merged(groupOf(rangeIndex, 1, a + 1, b), columnGroup(byColumn, 1, a, b));
    } else {
      group =
        a >= columns
          ? columnGroup(byColumn, 2, columns, b)
          : merged(groupOf(rangeIndex, 2, a + 1, b), columnGroup(byColumn, 2, a, b));
    }
    cache.groups.set(key, group);
    return group;
  };
  /**
   * The sorted waits of one column's pickups: kind 0 inside a window, 1 moved to the window opening at column b the
   * same day, 2 moved to the next workday's first window at column b (column `columns` stands for non-workdays).
   */
  const columnGroup = (byColumn: Int32Array[], kind: 0 | 1 | 2, column: number, b: number): Float64Array => {
    const values: number[] = [];
    const target = slotOfColumn(b);
    for (const index of byColumn[column] as Int32Array) {
      if (kind === 0) values.push(pStays[index] as number);
      else if (kind === 1) {
        values.push(
          (gridElapsed[(pDay[index] as number) * slots + target] as number) - (pReady[index] as number),
        );
      } else {
        const day = pNext[index] as number;
        if (day >= 0) values.push((gridElapsed[day * slots + target] as number) - (pReady[index] as number));
      }
    }
    return Float64Array.from(values).sort();
  };
  const merged = (x: Float64Array, y: Float64Array): Float64Array => {
    if (y.length === 0) return x;
    if (x.length === 0) return y;
    const out = new Float64Array(x.length + y.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < x.length && j < y.length) {
      const u = x[i] as number;
      const v = y[j] as number;
      if (u <= v) {
        out[k] = u;
        i += 1;
      } else {
        out[k] = v;
        j += 1;
      }
      k += 1;
    }
    while (i < x.length) out[k++] = x[i++] as number;
    while (j < y.length) out[k++] = y[j++] as number;
    return out;
  };
  /**
   * Where `value` falls in sorted[from, to): the first position whose value is not below it (or, with `orEqual`,
   * above it).
   */
  const rankOf = (
    sorted: Float64Array,
    value: number,
    orEqual: boolean,
    from = 0,
    to = sorted.length,
  ): number => {
    let lo = from;
    let hi = to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = sorted[mid] as number;
      if (at < value || (orEqual && at === value)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /**
   * The value at a 0-based rank in the union of sorted arrays. Each array keeps a candidate range [lo, hi): a pivot
   * from the widest range either has the rank, or cuts every range to the values below it or above it. Values left of
   * a range are below every remaining candidate and values right of it above, so positions are searched inside it.
   */
  const valueAtRank = (groups: readonly Float64Array[], rank: number): number => {
    const n = groups.length;
    const lo = new Int32Array(n);
    const hi = Int32Array.from(groups, (group) => group.length);
    const belows = new Int32Array(n);
    const atMosts = new Int32Array(n);
    for (;;) {
      let widest = 0;
      for (let g = 1; g < n; g += 1) {
        if ((hi[g] as number) - (lo[g] as number) > (hi[widest] as number) - (lo[widest] as number))
          widest = g;
      }
      const value = (groups[widest] as Float64Array)[
        ((lo[widest] as number) + (hi[widest] as number)) >>> 1
      ] as number;
      let below = 0;
      let atMost = 0;
      for (let g = 0; g < n; g += 1) {
        const group = groups[g] as Float64Array;
        belows[g] = rankOf(group, value, false, lo[g] as number, hi[g] as number);
        atMosts[g] = rankOf(group, value, true, belows[g] as number, hi[g] as number);
        below += belows[g] as number;
        atMost += atMosts[g] as number;
      }
      if (rank >= below && rank < atMost) return value;
      for (let g = 0; g < n; g += 1) {
        if (rank < below) hi[g] = belows[g] as number;
        else lo[g] = atMosts[g] as number;
      }
    }
  };
  /** The pickup figures of the set in inWindow, from the groups; null when a window lies outside the columns. */
  const pickupsFromGroups = (rangeIndex: number) => {
    const groups: Float64Array[] = [];
    let previousEnd = 0;
    let firstStart = -1;
    for (let slot = 0; slot < slots; slot += 1) {
      if (inWindow[slot] !== 1 || (slot > 0 && inWindow[slot - 1] === 1)) continue;
      let end = slot;
      while (end < slots && inWindow[end] === 1) end += 1;
      if (slot < loSlot || end > hiSlot) return null;
      const start = columnOf(slot);
      const stop = columnOf(end - 1) + 1;
      if (firstStart < 0) firstStart = start;
      groups.push(groupOf(rangeIndex, 0, start, stop), groupOf(rangeIndex, 1, previousEnd, start));
      previousEnd = stop;
    }
    if (firstStart >= 0) groups.push(groupOf(rangeIndex, 2, previousEnd, firstStart));
    let count = 0;
    let breaches = 0;
    for (const group of groups) {
      count += group.length;
      breaches += group.length - rankOf(group, targetMs, true);
    }
    if (count === 0) return { count, breaches, p50: null, p90: null };
    const nonEmpty = groups.filter((group) => group.length > 0);
    // Nearest rank (percentile.ts): the value at rank ⌈p/100 × n⌉.
    const p50 = valueAtRank(nonEmpty, Math.max(Math.ceil((50 * count) / 100), 1) - 1);
    const p90 = valueAtRank(nonEmpty, Math.max(Math.ceil((90 * count) / 100), 1) - 1);
    return { count, breaches, p50: p50 / HOUR_MS, p90: p90 / HOUR_MS };
  };

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
    const table = interruptionTables(rangeIndex);
    let used = table.windowCarry[afterStart * (columns + 1) + firstEnd] as number;
    for (let j = 0; j < starts.length; j += 1) {
      used += table.region[(starts[j] as number) * (columns + 1) + (ends[j] as number)] as number;
    }
    const reviewerDays = reviewerDaysByRange[rangeIndex + 1] as number;

    const { count, breaches, p50, p90 } = pickupsFromGroups(rangeIndex) ?? pickupWaits(firstIn, rangeIndex);
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
      const slot = pSlot[index] as number;
      let wait: number;
      if (pWorkday[index] === 1 && inWindow[slot] === 1) {
        wait = pStays[index] as number;
      } else {
        let day = pDay[index] as number;
        let target = pWorkday[index] === 1 ? (nextIn[slot] as number) : -1;
        if (target < 0) {
          day = pNext[index] as number;
          target = firstIn;
        }
        if (day < 0 || target < 0) continue;
        // Filled above for every slot of the pickup's day and the next workday.
        wait = (gridElapsed[day * slots + target] as number) - (pReady[index] as number);
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
  return ranks.map((rank) => {
    let below = 0;
    let bucket = 0;
    while (below + (histogram[bucket] as number) <= rank) {
      below += histogram[bucket] as number;
      bucket += 1;
    }
    // Only this bucket's values are sorted.
    const inBucket = new Float64Array(histogram[bucket] as number);
    let filled = 0;
    for (let i = 0; i < count; i += 1) {
      const value = values[i] as number;
      const minute = Math.floor(value / BUCKET_MS);
      if ((minute < BUCKETS ? minute : BUCKETS - 1) === bucket) {
        inBucket[filled] = value;
        filled += 1;
      }
    }
    inBucket.sort();
    return inBucket[rank - below] as number;
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
