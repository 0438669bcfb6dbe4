// The requested ISO weeks as sorted [start, end) instants in the team timezone, for bucketing by binary search.
import { weekBounds } from "./iso-week.js";

export interface WeekSlot {
  week: string;
  startMs: number;
  endMs: number;
  /** min(end, now): open-ended waits are measured up to here. */
  cutoffMs: number;
}

/** Distinct weeks, ordered by start. */
export function createWeekSlots(weeks: readonly string[], timezone: string, nowMs: number): WeekSlot[] {
  return [...new Set(weeks)]
    .map((week) => {
      const { start, end } = weekBounds(week, timezone);
      return {
        week,
        startMs: start.getTime(),
        endMs: end.getTime(),
        cutoffMs: Math.min(end.getTime(), nowMs),
      };
    })
    .sort((a, b) => a.startMs - b.startMs);
}

/** The slot whose week contains the instant, if it was requested. */
export function findWeekSlot<T extends WeekSlot>(slots: readonly T[], ms: number): T | undefined {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((slots[mid] as T).startMs <= ms) lo = mid + 1;
    else hi = mid;
  }
  const slot = slots[lo - 1];
  return slot !== undefined && ms < slot.endMs ? slot : undefined;
}

/** Index of the first slot whose cutoff is after the instant (cutoffs never decrease along the slots). */
export function firstSlotCutAfter(slots: readonly WeekSlot[], ms: number): number {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((slots[mid] as WeekSlot).cutoffMs <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
