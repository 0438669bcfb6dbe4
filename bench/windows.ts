// Benchmark: the `review-coach windows` what-if over a year of a 50-person organisation's activity on SQLite
// (docs/metrics.md, "What if the windows were different"). Target: under 2 s from the store to the Pareto front.
// Run: npx tsx --expose-gc bench/windows.ts [--people 50] [--prs-per-day 1] [--weeks 52]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RepoConfig } from "../src/config/schema.js";
import { loadMetricsInput } from "../src/digest/load-metrics-input.js";
import { weekBounds } from "../src/metrics/iso-week.js";
import {
  bestWithinTarget,
  candidateWindowSets,
  createWhatIf,
  paretoFront,
} from "../src/metrics/window-what-if.js";
import { eventToRow } from "../src/store/events-repository.js";
import { openStore } from "../src/store/open-store.js";
import type { EventsTable } from "../src/store/schema.js";
import { generateActivity } from "./generate-activity.js";

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
const TARGET_MS = 2000;
/** Rows per INSERT, well under SQLite's bound-parameter limit. */
const BATCH = 500;

const dir = mkdtempSync(join(tmpdir(), "review-coach-bench-windows-"));
const store = await openStore(join(dir, "bench.sqlite"));
try {
  const generated = generateActivity({
    people: argument("people", 50),
    prsPerPersonPerDay: argument("prs-per-day", 1),
  });
  const config = RepoConfig.parse({
    review_windows: generated.config,
    coaching: { ignore_users: generated.ignoreUsers },
  });
  const rules = config.review_windows;
  const repos = [...new Set(generated.events.map((e) => e.repoFullName))].sort();
  const recordedAt = generated.now.toISOString();
  await store.db.transaction().execute(async (tx) => {
    for (let i = 0; i < generated.events.length; i += BATCH) {
      const rows: EventsTable[] = generated.events
        .slice(i, i + BATCH)
        .map((event) => eventToRow(event, null, recordedAt));
      await tx
        .insertInto("events")
        .values(rows)
        .onConflict((oc) => oc.column("key").doNothing())
        .execute();
    }
  });
  const weekCount = Math.min(argument("weeks", 52), generated.weeks.length);
  const weeks = generated.weeks.slice(-weekCount);
  console.log(
    `${generated.events.length} events stored for ${argument("people", 50)} people in ${repos.length} repositories; ` +
      `what-if over ${weeks.length} weeks (${weeks[0]} to ${weeks[weeks.length - 1]})`,
  );
  collect();

  const start = performance.now();
  const loaded = await loadMetricsInput(store.db, {
    repos,
    firstWeek: weeks[0] as string,
    lastWeek: weeks[weeks.length - 1] as string,
    timezone: rules.timezone,
  });
  const loadedAt = performance.now();
  const range = {
    startMs: weekBounds(weeks[0] as string, rules.timezone).start.getTime(),
    endMs: weekBounds(weeks[weeks.length - 1] as string, rules.timezone).end.getTime(),
  };
  const whatIf = createWhatIf(
    {
      events: loaded.events,
      assessments: new Map(),
      config: rules,
      ignoreUsers: config.coaching.ignore_users,
      now: generated.now,
    },
    range,
  );
  const preparedAt = performance.now();
  const candidates = candidateWindowSets(rules);
  const results = candidates.map((windows) => whatIf.evaluate(windows));
  const today = whatIf.evaluate(rules.windows);
  const front = paretoFront([today, ...results]);
  const best = bestWithinTarget(results, rules.first_review_target_hours);
  const end = performance.now();

  console.log(
    `${whatIf.activities} review activities, ${whatIf.pickups} pickups; ${candidates.length} window sets; ` +
      `${front.length} on the Pareto front`,
  );
  const show = (label: string, r: typeof today | null) =>
    console.log(
      r === null
        ? `${label}: none keeps p90 within ${rules.first_review_target_hours} h`
        : `${label}: ${r.windows.join(", ")}: ${r.interruptionsPerWorkday?.toFixed(2)} sessions per reviewer-day, ` +
            `p50 ${r.pickupP50Hours?.toFixed(1)} h, p90 ${r.pickupP90Hours?.toFixed(1)} h, ${r.breaches} breaches`,
    );
  show("today", today);
  show("best within target", best);
  const ms = (a: number, b: number) => `${(b - a).toFixed(0)} ms`;
  console.log(
    `load from SQLite ${ms(start, loadedAt)} · prepare ${ms(loadedAt, preparedAt)} · ` +
      `simulate ${candidates.length + 1} sets ${ms(preparedAt, end)}`,
  );
  const total = end - start;
  console.log(
    `what-if, store to front: ${total.toFixed(0)} ms (target < ${TARGET_MS} ms: ${total < TARGET_MS ? "met" : "NOT met"})`,
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
