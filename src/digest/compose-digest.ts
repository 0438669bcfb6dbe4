// Loads a digest's data from the store, builds and renders it: the one path the scheduler and the CLI share.
import type { Kysely } from "kysely";
import type { Assessment } from "../analysis/assessment.js";
import type { RepoConfig } from "../config/schema.js";
import { consecutiveWeeks, weekBounds } from "../figures/iso-week.js";
import { getAssessments } from "../store/assessments-repository.js";
import { listDescriptionAssessments } from "../store/description-assessments-repository.js";
import type { Database } from "../store/schema.js";
import { buildDigest, TREND_WEEKS } from "./build-digest.js";
import type { DigestModel } from "./digest-model.js";
import { loadMetricsInput } from "./load-metrics-input.js";
import { type RenderedDigest, renderDigest } from "./render-digest.js";

export interface DigestRequest {
  target: string;
  repos: readonly string[];
  week: string;
  config: RepoConfig;
  now: Date;
}

/** Keys per `in (…)` query, well under SQLite's and PostgreSQL's bound-parameter limits. */
const KEYS_PER_QUERY = 500;

export async function composeDigest(
  db: Kysely<Database>,
  request: DigestRequest,
): Promise<{ model: DigestModel; rendered: RenderedDigest }> {
  const timezone = request.config.review_windows.timezone;
  const weeks = consecutiveWeeks(request.week, TREND_WEEKS);
  const loaded = await loadMetricsInput(db, {
    repos: request.repos,
    firstWeek: weeks[0] as string,
    lastWeek: request.week,
    timezone,
  });

  // Full assessments (signals, confidence) only for the week's teaching comments: the standout candidates.
  const { start, end } = weekBounds(request.week, timezone);
  const keys = loaded.events
    .filter((event) => {
      const ms = Date.parse(event.occurredAt);
      return (
        event.kind !== "pull_request" &&
        ms >= start.getTime() &&
        ms < end.getTime() &&
        loaded.verdicts.get(event.key)?.verdict === "teaching"
      );
    })
    .map((event) => event.key);
  const assessments = new Map<string, Assessment>();
  for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
    for (const [key, assessment] of await getAssessments(db, keys.slice(i, i + KEYS_PER_QUERY))) {
      assessments.set(key, assessment);
    }
  }

  const model = buildDigest({
    target: request.target,
    repos: request.repos,
    week: request.week,
    events: loaded.events,
    verdicts: loaded.verdicts,
    assessments,
    config: request.config,
    now: request.now,
    loadedFrom: loaded.from,
    // PRs that became ready in the charted weeks, for the description figures (issue #18).
    descriptions: await listDescriptionAssessments(db, {
      repos: request.repos,
      from: weekBounds(weeks[0] as string, timezone).start.toISOString(),
      to: end.toISOString(),
    }),
  });
  return { model, rendered: renderDigest(model) };
}
