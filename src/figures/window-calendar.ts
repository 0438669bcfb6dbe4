// Review-window occurrences as instants, for the next-window figures (docs/metrics.md, "Next-window figures").
import { DateTime } from "luxon";
import { parseTimeRange, type TimeRange } from "./time-range.js";
import type { WindowRules } from "./windows.js";
import { createWorkdayCheck } from "./workday.js";
import { createZoneClock } from "./zone-clock.js";

/** One window on one workday: [openMs, closeMs). */
export interface WindowOccurrence {
  openMs: number;
  closeMs: number;
  /** The configured range, e.g. "15:00-16:00". */
  range: string;
}

export interface WindowCalendar {
  /** The first window that opens strictly after the instant (a PR ready inside a window is due in the next one). */
  nextOpeningAfter(ms: number): WindowOccurrence | null;
  /** The window the instant lies in, if any. */
  containing(ms: number): WindowOccurrence | null;
}

const DAY_MS = 86_400_000;
/** How far nextOpeningAfter looks: a year of holidays would be a config error in all but name. */
const SEARCH_DAYS = 400;

/**
 * Windows in `timezone` (the team's, or a reviewer's own). As in windows.ts, a window belongs to the workday it
 * opens on (holidays read in that zone) and is wall-clock time: luxon resolves each opening and closing on its own
 * day, so a DST change moves the instants with the clock; a window whose local times collapse (the skipped hour)
 * does not occur that day.
 */
export function createWindowCalendar(rules: WindowRules, timezone: string): WindowCalendar {
  const clock = createZoneClock(timezone);
  const ranges = rules.windows
    .map((text) => ({ text, range: parseTimeRange(text) }))
    .sort((a, b) => a.range.startMinute - b.range.startMinute);
  const isWorkday = createWorkdayCheck(rules);
  const days = new Map<number, WindowOccurrence[]>();

  const midnight = (day: number): DateTime => {
    const date = new Date(day * DAY_MS);
    return DateTime.fromObject(
      { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() },
      { zone: timezone },
    );
  };
  const endDay = (date: DateTime, range: TimeRange): DateTime =>
    range.overnight ? date.plus({ days: 1 }).startOf("day") : date;
  const instant = (day: DateTime, minute: number): number =>
    day.set({ hour: Math.floor(minute / 60), minute: minute % 60 }).toMillis();

  /** Windows opening on local day `day` (days since 1970-01-01), by opening. */
  const openingOn = (day: number): WindowOccurrence[] => {
    let list = days.get(day);
    if (list === undefined) {
      list = [];
      const date = midnight(day);
      if (ranges.length > 0 && isWorkday(date)) {
        for (const { text, range } of ranges) {
          const openMs = instant(date, range.startMinute);
          const closeMs = instant(endDay(date, range), range.endMinute);
          if (closeMs > openMs) list.push({ openMs, closeMs, range: text });
        }
      }
      days.set(day, list);
    }
    return list;
  };
  return {
    nextOpeningAfter(ms) {
      if (ranges.length === 0) return null;
      const first = clock.dayNumber(ms) - 1;
      for (let day = first; day <= first + SEARCH_DAYS; day += 1) {
        for (const occurrence of openingOn(day)) if (occurrence.openMs > ms) return occurrence;
      }
      return null;
    },
    containing(ms) {
      const today = clock.dayNumber(ms);
      for (const day of [today - 1, today]) {
        for (const occurrence of openingOn(day)) {
          if (occurrence.openMs <= ms && ms < occurrence.closeMs) return occurrence;
        }
      }
      return null;
    },
  };
}
