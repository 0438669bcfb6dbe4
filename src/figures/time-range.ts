// Parses the config's daily "HH:MM-HH:MM" ranges (review windows, working hours).

export interface TimeRange {
  /** Minutes after local midnight, inclusive. */
  startMinute: number;
  /** Minutes after local midnight, exclusive; on the next day when `overnight`. */
  endMinute: number;
  /** The end is at or before the start: the range runs past midnight ("22:00-01:00"; "09:00-09:00" is 24 hours). */
  overnight: boolean;
}

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

export function parseTimeRange(text: string): TimeRange {
  const match = RANGE.exec(text);
  if (match === null) {
    throw new RangeError(`review-coach metrics: expected a time range "HH:MM-HH:MM", got "${text}"`);
  }
  const [, startHour, startMin, endHour, endMin] = match;
  const startMinute = Number(startHour) * 60 + Number(startMin);
  const endMinute = Number(endHour) * 60 + Number(endMin);
  return { startMinute, endMinute, overnight: endMinute <= startMinute };
}
