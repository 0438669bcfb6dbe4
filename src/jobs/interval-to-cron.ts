// Turns `every(name, intervalSeconds)` into the cron expression pg-boss schedules with (UTC).

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * Minutes dividing an hour (`*\/10 * * * *`), hours dividing a day (`0 *\/6 * * *`), a day (midnight UTC) or a week
 * (Monday midnight UTC). Anything else has no exact cron form, so it is refused rather than silently rounded.
 */
export function intervalToCron(intervalSeconds: number): string {
  const s = intervalSeconds;
  if (Number.isInteger(s) && s > 0) {
    if (s % MINUTE === 0 && s < HOUR && HOUR % s === 0)
      return s === MINUTE ? "* * * * *" : `*/${s / MINUTE} * * * *`;
    if (s % HOUR === 0 && s < DAY && DAY % s === 0) return s === HOUR ? "0 * * * *" : `0 */${s / HOUR} * * *`;
    if (s === DAY) return "0 0 * * *";
    if (s === WEEK) return "0 0 * * 1";
  }
  throw new RangeError(
    `review-coach: a job interval of ${intervalSeconds} s cannot be scheduled; use whole minutes dividing an hour ` +
      "(60, 120, 300, 600, 900, 1200, 1800), whole hours dividing a day (3600, 7200, …, 43200), 86400 or 604800.",
  );
}
