// Counters for one reviewer (or the whole team) in one week, and the MetricSet they yield.
import { nearestRank } from "./percentile.js";
import type { MetricSet } from "./week-metrics.js";

export interface WeekTally {
  sessions: number;
  inWindow: number;
  /** Sum over sessions of distinct PRs touched. */
  prTouches: number;
  /** (reviewer, local day) pairs with activity. */
  reviewerDays: number;
  pickupHours: number[];
  pickupWallClockHours: number[];
  breaches: number;
  teaching: number;
  correcting: number;
  harsh: number;
}

export const emptyTally = (): WeekTally => ({
  sessions: 0,
  inWindow: 0,
  prTouches: 0,
  reviewerDays: 0,
  pickupHours: [],
  pickupWallClockHours: [],
  breaches: 0,
  teaching: 0,
  correcting: 0,
  harsh: 0,
});

/** Adds `from` into `into` (team = sum of reviewers). */
export function addTally(into: WeekTally, from: WeekTally): void {
  into.sessions += from.sessions;
  into.inWindow += from.inWindow;
  into.prTouches += from.prTouches;
  into.reviewerDays += from.reviewerDays;
  for (const hours of from.pickupHours) into.pickupHours.push(hours);
  for (const hours of from.pickupWallClockHours) into.pickupWallClockHours.push(hours);
  into.breaches += from.breaches;
  into.teaching += from.teaching;
  into.correcting += from.correcting;
  into.harsh += from.harsh;
}

const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? numerator / denominator : null;

export function toMetricSet(tally: WeekTally): MetricSet {
  const feedback = tally.teaching + tally.correcting;
  return {
    reviewSessions: tally.sessions,
    inWindowShare: ratio(tally.inWindow, tally.sessions),
    interruptionsPerWorkday: ratio(tally.sessions - tally.inWindow, tally.reviewerDays),
    prsPerSession: ratio(tally.prTouches, tally.sessions),
    pickupP50Hours: nearestRank(tally.pickupHours, 50),
    pickupP90Hours: nearestRank(tally.pickupHours, 90),
    targetBreaches: tally.breaches,
    teachingRatio: ratio(tally.teaching, feedback),
    harshComments: tally.harsh,
    feedbackComments: feedback,
  };
}
