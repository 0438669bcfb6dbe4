// Loads what computeWeeks needs for a range of weeks from the store: only the events that can affect those weeks.
import type { Kysely } from "kysely";
import { weekBounds } from "../figures/iso-week.js";
import type { CommentAssessment } from "../figures/week-metrics.js";
import type { ReviewEvent } from "../ingest/review-event.js";
import { listVerdicts } from "../store/assessments-repository.js";
import { listEvents } from "../store/events-repository.js";
import type { Database } from "../store/schema.js";

/**
 * Weeks of history loaded before the first week asked for. A pickup counts in the week of the first review but its
 * clock starts when the PR became ready, possibly weeks earlier; eight weeks covers all but PRs abandoned for
 * months. A PR that became ready before the loaded range has no lifecycle event in it, so it has no measured
 * pickup and is not listed as waiting (the digest footer says from when data was loaded).
 */
export const HISTORY_WEEKS = 8;
/**
 * Loaded after the last week's end: a session that starts on Sunday evening keeps its activities after midnight
 * (sessions belong to the week they start in). Events in this tail never count in any week asked for.
 */
export const TAIL_MS = 24 * 3_600_000;
const WEEK_MS = 7 * 24 * 3_600_000;

export interface LoadedMetricsInput {
  events: ReviewEvent[];
  verdicts: Map<string, CommentAssessment>;
  /** ISO 8601 UTC bounds of what was loaded, [from, to). */
  from: string;
  to: string;
}

export async function loadMetricsInput(
  db: Kysely<Database>,
  range: { repos: readonly string[]; firstWeek: string; lastWeek: string; timezone: string },
): Promise<LoadedMetricsInput> {
  const first = weekBounds(range.firstWeek, range.timezone);
  const last = weekBounds(range.lastWeek, range.timezone);
  const from = new Date(first.start.getTime() - HISTORY_WEEKS * WEEK_MS).toISOString();
  const to = new Date(last.end.getTime() + TAIL_MS).toISOString();
  const events: ReviewEvent[] = [];
  const verdicts = new Map<string, CommentAssessment>();
  for (const repoFullName of range.repos) {
    for (const event of await listEvents(db, { repoFullName, from, to })) events.push(event);
    for (const [key, verdict] of await listVerdicts(db, repoFullName)) verdicts.set(key, verdict);
  }
  return { events, verdicts, from, to };
}
