// Guesses the timezone most of a team's reviewers work in from the hours their reviews happened at (issue #17;
// README, "Onboarding"). GitHub does not say where anyone is, so this is a guess the proposed config says it is.
import { DateTime } from "luxon";

/**
 * One well-known zone per common UTC offset. A tie (a team active only mid-morning fits several offsets) goes to
 * the earlier zone, so the order is a prior: the schema's default first, then the zones teams most often name.
 */
export const CANDIDATE_ZONES = [
  "Europe/Berlin",
  "Europe/London",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Sao_Paulo",
  "Europe/Helsinki",
  "Europe/Istanbul",
  "Asia/Dubai",
  "Asia/Karachi",
  "Asia/Kolkata",
  "Asia/Dhaka",
  "Asia/Bangkok",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Australia/Sydney",
  "Pacific/Auckland",
] as const;

/** A generous working day for the guess: activity from 09:00 to 18:00 local, Monday to Friday, fits a zone. */
const DAY_START_HOUR = 9;
const DAY_END_HOUR = 18;

export interface TimedActivity {
  reviewerKey: string;
  ms: number;
}

/** How many of the activities fall inside a working day in the zone. */
export function fitInZone(msList: readonly number[], zone: string): number {
  let fit = 0;
  for (const ms of msList) {
    const local = DateTime.fromMillis(ms, { zone });
    if (local.weekday <= 5 && local.hour >= DAY_START_HOUR && local.hour < DAY_END_HOUR) fit += 1;
  }
  return fit;
}

/** The candidate zone in whose working day most of the activities fall; ties go to the earlier candidate. */
export function zoneForActivities(msList: readonly number[]): string {
  let best: string = CANDIDATE_ZONES[0];
  let bestFit = -1;
  for (const zone of CANDIDATE_ZONES) {
    const fit = fitInZone(msList, zone);
    if (fit > bestFit) {
      best = zone;
      bestFit = fit;
    }
  }
  return best;
}

export interface TimezoneGuess {
  timezone: string;
  /** Reviewers whose hours fit the zone, of `reviewers`. */
  reviewersInZone: number;
  reviewers: number;
}

/**
 * Each reviewer's zone from their review hours; the team's is the zone of the most reviewers (then the most
 * activities, then the candidate order). Null without activity.
 */
export function inferTimezone(activities: readonly TimedActivity[]): TimezoneGuess | null {
  const byReviewer = new Map<string, number[]>();
  for (const activity of activities) {
    const list = byReviewer.get(activity.reviewerKey) ?? [];
    list.push(activity.ms);
    byReviewer.set(activity.reviewerKey, list);
  }
  const votes = new Map<string, { reviewers: number; activities: number }>();
  for (const msList of byReviewer.values()) {
    const zone = zoneForActivities(msList);
    const vote = votes.get(zone) ?? { reviewers: 0, activities: 0 };
    vote.reviewers += 1;
    vote.activities += msList.length;
    votes.set(zone, vote);
  }
  const order = (zone: string): number => CANDIDATE_ZONES.indexOf(zone as (typeof CANDIDATE_ZONES)[number]);
  const ranked = [...votes.entries()].sort(
    ([za, a], [zb, b]) => b.reviewers - a.reviewers || b.activities - a.activities || order(za) - order(zb),
  );
  const top = ranked[0];
  if (top === undefined) return null;
  return { timezone: top[0], reviewersInZone: top[1].reviewers, reviewers: byReviewer.size };
}
