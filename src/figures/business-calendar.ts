// Business time in the team timezone (docs/architecture.md, "Metrics"): time inside working_hours on workdays that are not holidays.
import { DateTime } from "luxon";
import type { ReviewWindowsConfig } from "../config/schema.js";
import { parseTimeRange } from "./time-range.js";
import { createWorkdayCheck } from "./workday.js";
import { createZoneClock } from "./zone-clock.js";

export type BusinessHoursRules = Pick<
  ReviewWindowsConfig,
  "timezone" | "workdays" | "working_hours" | "holidays"
>;

export interface BusinessCalendar {
  /** Business hours in [startMs, endMs); 0 when end is not after start. */
  hoursBetween(startMs: number, endMs: number): number;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

interface Day {
  /** Business intervals inside this local day, [start, end) in epoch ms. */
  intervals: Array<readonly [number, number]>;
  total: number;
  /** Business ms from the first day the calendar built to the start of this day (negative before it). */
  before: number;
}

/**
 * Local days are built lazily and kept with a running total, so any interval costs two lookups however long it
 * is (a PR that waited months is measured as fast as one that waited minutes). Working hours that span midnight
 * ("22:00-06:00") belong to the day they start on, like review windows. Interval ends are wall-clock times
 * resolved by luxon, so a DST change inside working hours lengthens or shortens that day.
 */
export function createBusinessCalendar(rules: BusinessHoursRules): BusinessCalendar {
  const clock = createZoneClock(rules.timezone);
  const hours = parseTimeRange(rules.working_hours);
  const isWorkday = createWorkdayCheck(rules);
  const startTime = { hour: Math.floor(hours.startMinute / 60), minute: hours.startMinute % 60 };
  const endTime = { hour: Math.floor(hours.endMinute / 60), minute: hours.endMinute % 60 };

  const midnights = new Map<number, DateTime>();
  const midnight = (day: number): DateTime => {
    let value = midnights.get(day);
    if (value === undefined) {
      const date = new Date(day * DAY_MS);
      value = DateTime.fromObject(
        { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
        { zone: rules.timezone },
      );
      midnights.set(day, value);
    }
    return value;
  };

  /** The business span that opens on `day`, possibly running into the next day; null on non-workdays. */
  const spans = new Map<number, readonly [number, number] | null>();
  const spanOpenedOn = (day: number): readonly [number, number] | null => {
    let span = spans.get(day);
    if (span === undefined) {
      const date = midnight(day);
      span = null;
      if (isWorkday(date)) {
        const start = date.set(startTime).toMillis();
        const end = (hours.overnight ? midnight(day + 1) : date).set(endTime).toMillis();
        if (end > start) span = [start, end];
      }
      spans.set(day, span);
    }
    return span;
  };

  const buildDay = (day: number): Omit<Day, "before"> => {
    const dayStart = midnight(day).toMillis();
    const dayEnd = midnight(day + 1).toMillis();
    const intervals: Array<readonly [number, number]> = [];
    let total = 0;
    for (const span of [spanOpenedOn(day - 1), spanOpenedOn(day)]) {
      if (span === null) continue;
      const start = Math.max(span[0], dayStart);
      const end = Math.min(span[1], dayEnd);
      if (end > start) {
        intervals.push([start, end]);
        total += end - start;
      }
    }
    return { intervals, total };
  };

  const days = new Map<number, Day>();
  let firstDay = 0;
  let lastDay = -1;
  const dayAt = (day: number): Day => {
    if (lastDay < firstDay) {
      days.set(day, { ...buildDay(day), before: 0 });
      firstDay = day;
      lastDay = day;
    }
    while (lastDay < day) {
      const previous = days.get(lastDay) as Day;
      lastDay += 1;
      days.set(lastDay, { ...buildDay(lastDay), before: previous.before + previous.total });
    }
    while (firstDay > day) {
      const next = days.get(firstDay) as Day;
      firstDay -= 1;
      const built = buildDay(firstDay);
      days.set(firstDay, { ...built, before: next.before - built.total });
    }
    return days.get(day) as Day;
  };

  /** Business ms from the calendar's origin to the instant. */
  const elapsedAt = (ms: number): number => {
    const day = dayAt(clock.dayNumber(ms));
    let elapsed = day.before;
    for (const [start, end] of day.intervals) elapsed += Math.min(Math.max(ms - start, 0), end - start);
    return elapsed;
  };

  return {
    hoursBetween: (startMs, endMs) =>
      endMs > startMs ? (elapsedAt(endMs) - elapsedAt(startMs)) / HOUR_MS : 0,
  };
}

/**
 * One-off business hours between two instants in the team timezone (docs/architecture.md, "Metrics"); bulk callers
 * keep one createBusinessCalendar and reuse it. Example: ready Friday 16:00, first review Monday 10:00, working
 * hours 09:00-17:00 → 2.
 */
export function businessHoursBetween(start: Date, end: Date, rules: BusinessHoursRules): number {
  return createBusinessCalendar(rules).hoursBetween(start.getTime(), end.getTime());
}
