// Whether a local calendar day is a workday: its weekday is in `workdays` and its date is not in `holidays`.
import type { DateTime } from "luxon";
import type { ReviewWindowsConfig, Weekday } from "../config/schema.js";

export type WorkdayRules = Pick<ReviewWindowsConfig, "workdays" | "holidays">;

/** Luxon weekdays are 1 (Monday) to 7 (Sunday). */
const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** The returned check reads the day's weekday and date in whatever zone `day` is expressed in. */
export function createWorkdayCheck(rules: WorkdayRules): (day: DateTime) => boolean {
  const workdays = new Set<number>(rules.workdays.map((weekday) => WEEKDAYS.indexOf(weekday) + 1));
  const holidays = new Set(rules.holidays);
  return (day) => workdays.has(day.weekday) && (holidays.size === 0 || !holidays.has(day.toISODate() ?? ""));
}
