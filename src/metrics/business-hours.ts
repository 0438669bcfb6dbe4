// One-off business-hours measurement; bulk callers keep one createBusinessCalendar and reuse it.
import { type BusinessHoursRules, createBusinessCalendar } from "./business-calendar.js";

/**
 * Business hours between two instants in the team timezone (docs/architecture.md, "Metrics"). Example: ready Friday 16:00, first review
 * Monday 10:00, working hours 09:00-17:00 → 2.
 */
export function businessHoursBetween(start: Date, end: Date, rules: BusinessHoursRules): number {
  return createBusinessCalendar(rules).hoursBetween(start.getTime(), end.getTime());
}
