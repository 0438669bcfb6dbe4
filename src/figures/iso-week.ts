// ISO weeks ("2026-W47") in the team timezone: metrics are per week, Monday 00:00 to Monday 00:00 local (docs/architecture.md, "Metrics").
import { DateTime } from "luxon";

const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

function parseIsoWeek(week: string, timezone: string): DateTime {
  const match = ISO_WEEK.exec(week);
  const monday =
    match === null
      ? null
      : DateTime.fromObject(
          { weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 },
          { zone: timezone },
        );
  if (monday === null || !monday.isValid) {
    throw new RangeError(
      `review-coach metrics: "${week}" is not an ISO week in ${timezone}; expected "YYYY-Www" such as "2026-W47"`,
    );
  }
  return monday;
}

const format = (date: DateTime): string => `${date.weekYear}-W${String(date.weekNumber).padStart(2, "0")}`;

/** The week's first instant (Monday 00:00 local) and the next week's first instant (exclusive end). */
export function weekBounds(week: string, timezone: string): { start: Date; end: Date } {
  const start = parseIsoWeek(week, timezone);
  // Calendar arithmetic in the zone: a week with a DST change lasts 167 or 169 hours.
  return { start: start.toJSDate(), end: start.plus({ weeks: 1 }).toJSDate() };
}

/** The ISO week an instant falls in, read in `timezone` (Sunday 23:30 in Berlin is still that week). */
export function isoWeekOf(at: Date, timezone: string): string {
  return format(DateTime.fromJSDate(at, { zone: timezone }));
}

/** `count` consecutive ISO weeks ending with `lastWeek`, oldest first (the digest charts 8). */
export function consecutiveWeeks(lastWeek: string, count: number): string[] {
  const last = parseIsoWeek(lastWeek, "UTC");
  return Array.from({ length: count }, (_, i) => format(last.minus({ weeks: count - 1 - i })));
}
