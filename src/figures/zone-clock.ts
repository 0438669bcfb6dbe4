// Local-time reads for one IANA zone that stay fast over a year of events: luxon supplies each UTC offset, memoized.
import { DateTime, FixedOffsetZone, IANAZone } from "luxon";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface ZoneClock {
  readonly timezone: string;
  /** The zone's UTC offset at this instant, in minutes (luxon's answer). */
  offsetMinutes(ms: number): number;
  /** The instant as a luxon DateTime showing the zone's wall-clock time (in a fixed zone with that offset). */
  local(ms: number): DateTime;
  /** The local calendar date of the instant as days since 1970-01-01. */
  dayNumber(ms: number): number;
}

interface DayOffsets {
  before: number;
  after: number;
  /** First millisecond with the `after` offset; +Infinity when the offset holds for the whole hour. */
  switchAt: number;
}

const fixedZones = new Map<number, FixedOffsetZone>();
const fixedZone = (offset: number): FixedOffsetZone => {
  let zone = fixedZones.get(offset);
  if (zone === undefined) {
    zone = FixedOffsetZone.instance(offset);
    fixedZones.set(offset, zone);
  }
  return zone;
};

/**
 * Luxon's IANA offset lookup goes through Intl (about 5 µs) and a year of events needs hundreds of thousands of
 * them, so offsets are memoized per UTC day. Zones change their offset at most once a day (transitions are months
 * apart), so a day whose first and last millisecond agree has one offset throughout, and a day where they differ
 * holds exactly one transition, found by bisection to the millisecond.
 */
export function createZoneClock(timezone: string): ZoneClock {
  const zone = IANAZone.create(timezone);
  if (!zone.isValid) {
    throw new RangeError(
      `review-coach metrics: unknown timezone "${timezone}"; use an IANA name such as "Europe/Berlin"`,
    );
  }
  const days = new Map<number, DayOffsets>();

  const measure = (day: number): DayOffsets => {
    const first = day * DAY_MS;
    const last = first + DAY_MS - 1;
    const before = zone.offset(first);
    const after = zone.offset(last);
    if (before === after) return { before, after, switchAt: Number.POSITIVE_INFINITY };
    let lo = first;
    let hi = last;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zone.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, switchAt: hi };
  };

  const offsetMinutes = (ms: number): number => {
    const day = Math.floor(ms / DAY_MS);
    let offsets = days.get(day);
    if (offsets === undefined) {
      offsets = measure(day);
      days.set(day, offsets);
    }
    return ms < offsets.switchAt ? offsets.before : offsets.after;
  };

  return {
    timezone,
    offsetMinutes,
    local: (ms) => DateTime.fromMillis(ms, { zone: fixedZone(offsetMinutes(ms)) }),
    // Shifting the instant by its own offset gives the wall-clock reading as if it were UTC; its UTC day is the
    // local date (this is what luxon does internally for fixed offsets).
    dayNumber: (ms) => Math.floor((ms + offsetMinutes(ms) * MINUTE_MS) / DAY_MS),
  };
}
