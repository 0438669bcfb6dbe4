// Review windows: whether a session start lies inside a configured window on a workday (docs/architecture.md, "Metrics": in-window share).
import type { DateTime } from "luxon";
import type { ReviewWindowsConfig } from "../config/schema.js";
import { parseTimeRange } from "./time-range.js";
import { createWorkdayCheck } from "./workday.js";
import { createZoneClock } from "./zone-clock.js";

export type WindowRules = Pick<ReviewWindowsConfig, "windows" | "workdays" | "holidays">;

/**
 * Builds a check over a wall-clock reading (a luxon DateTime in the reviewer's zone). Windows are wall-clock times,
 * so across DST changes they move with the clock: a window in an hour that is skipped is shorter, one in an hour
 * that repeats matches both times. A window that spans midnight ("22:00-01:00") belongs to the day it starts on:
 * 00:30 on Saturday is inside Friday's window, 00:30 on Monday is inside Sunday's, so only the start day must be a
 * workday. Holidays are not workdays (the date is read in the reviewer's zone).
 */
export function createWindowMatcher(rules: WindowRules): (local: DateTime) => boolean {
  const ranges = rules.windows.map(parseTimeRange);
  const isWorkday = createWorkdayCheck(rules);
  return (local) => {
    const minute = local.hour * 60 + local.minute;
    for (const range of ranges) {
      if (!range.overnight) {
        if (minute >= range.startMinute && minute < range.endMinute && isWorkday(local)) return true;
      } else if (minute >= range.startMinute) {
        if (isWorkday(local)) return true;
      } else if (minute < range.endMinute && isWorkday(local.minus({ days: 1 }))) {
        return true;
      }
    }
    return false;
  };
}

/** Whether `at` lies inside a review window on a workday, read in `timezone` (the reviewer's, else the team's). */
export function isInWindow(at: Date, timezone: string, rules: WindowRules): boolean {
  return createWindowMatcher(rules)(createZoneClock(timezone).local(at.getTime()));
}
