// The batching bound (docs/metrics.md): the longest business-hours wait the configured windows imply.
import type { ReviewWindowsConfig, Weekday } from "../config/schema.js";
import { parseTimeRange } from "./time-range.js";

export type BatchingBoundRules = Pick<ReviewWindowsConfig, "windows" | "workdays" | "working_hours">;

export interface BatchingBound {
  /** Business hours from a window's close to the next window's opening, the longest over the week. */
  hours: number;
  /** The window after which that wait starts, e.g. "15:00-16:00". */
  after: string;
}

const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const DAY = 1440;
const WEEK = 7 * DAY;

/**
 * A property of the config, read on a generic week (no holidays, no DST change: a holiday or a DST night adds no
 * working time between two windows, so neither can make the bound longer). A PR that becomes ready the minute a
 * window closes waits, in business time, until the next window opens (the earliest a review inside the windows can
 * come); the bound is the longest such wait over every window of every workday. Windows and working hours that
 * span midnight belong to the day they start on, as everywhere else. Null when no window ever opens.
 */
export function batchingBound(rules: BatchingBoundRules): BatchingBound | null {
  const workdays = new Set(rules.workdays.map((day) => WEEKDAYS.indexOf(day)));
  const business = new Uint8Array(WEEK);
  const inWindow = new Uint8Array(WEEK);
  const mark = (into: Uint8Array, day: number, text: string): void => {
    const range = parseTimeRange(text);
    const length = range.overnight
      ? range.endMinute + DAY - range.startMinute
      : range.endMinute - range.startMinute;
    for (let minute = 0; minute < length; minute += 1)
      into[(day * DAY + range.startMinute + minute) % WEEK] = 1;
  };
  for (const day of workdays) {
    mark(business, day, rules.working_hours);
    for (const window of rules.windows) mark(inWindow, day, window);
  }
  if (!inWindow.includes(1)) return null;

  let best: BatchingBound | null = null;
  for (const day of workdays) {
    for (const window of rules.windows) {
      const range = parseTimeRange(window);
      const close = day * DAY + range.endMinute + (range.overnight ? DAY : 0);
      // A window that runs into another one does not close there.
      if (inWindow[close % WEEK] === 1) continue;
      let waited = 0;
      for (let minute = close; minute < close + WEEK; minute += 1) {
        if (inWindow[minute % WEEK] === 1) break;
        waited += business[minute % WEEK] as number;
      }
      const hours = waited / 60;
      if (best === null || hours > best.hours) best = { hours, after: window };
    }
  }
  return best;
}
