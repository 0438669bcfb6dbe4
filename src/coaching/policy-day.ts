// The team's calendar day of an instant: the unit of max_nudges_per_reviewer_per_day and of activated_at.
import { DateTime } from "luxon";

/**
 * YYYY-MM-DD in `timezone` (review_windows.timezone). A reviewer's "day" is the team's working day, the same
 * day the review windows and the digest use; UTC would reset the cap mid-afternoon for a team in the Americas.
 */
export function teamDay(iso: string, timezone: string): string {
  const local = DateTime.fromISO(iso, { zone: "utc" }).setZone(timezone);
  return (local.isValid ? local : DateTime.fromISO(iso, { zone: "utc" })).toISODate() ?? iso.slice(0, 10);
}
