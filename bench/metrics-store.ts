// Benchmark: the store path. A generated year for a 50-person org (≥ 500,000 events) is inserted into SQLite, then
// loaded back and computed the way the CLI and the digest do it (loadMetricsInput → computeWeeks / composeDigest).
// Run: npx tsx --expose-gc bench/metrics-store.ts [--people 50] [--prs-per-day 1] [--keep]
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RepoConfig } from "../src/config/schema.js";
import { composeDigest } from "../src/digest/compose-digest.js";
import { loadMetricsInput } from "../src/digest/load-metrics-input.js";
import { computeWeeks } from "../src/figures/compute-weeks.js";
import { eventToRow } from "../src/store/events-repository.js";
import { openStore } from "../src/store/open-store.js";
import type { AssessmentsTable, EventsTable } from "../src/store/schema.js";
import { generateActivity } from "./generate-activity.js";

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
const peakRss = (): string => mb(process.resourceUsage().maxRSS * 1024);

async function timed<T>(label: string, run: () => Promise<T> | T): Promise<T> {
  collect();
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(66)} ${ms.toFixed(0).padStart(7)} ms   heap ${mb(process.memoryUsage().heapUsed).padStart(7)}   peak RSS so far ${peakRss()}`,
  );
  return result;
}

/** Rows per INSERT: 28 columns × 500 stays far below SQLite's 32,766 bound parameters. */
const BATCH = 500;

const dir = mkdtempSync(join(tmpdir(), "review-coach-bench-"));
const file = join(dir, "bench.sqlite");
const store = await openStore(file);
try {
  let generated: ReturnType<typeof generateActivity> | null = await timed("generate a year of activity", () =>
    generateActivity({ people: argument("people", 50), prsPerPersonPerDay: argument("prs-per-day", 1) }),
  );
  const { weeks, now } = generated;
  const config = RepoConfig.parse({
    review_windows: generated.config,
    coaching: { ignore_users: generated.ignoreUsers },
  });
  const repos = [...new Set(generated.events.map((e) => e.repoFullName))].sort();
  const eventCount = generated.events.length;
  const assessmentCount = generated.assessments.size;
  console.log(`  ${eventCount} events, ${assessmentCount} assessments, ${repos.length} repositories`);

  await timed(`insert ${eventCount} events + assessments, one transaction`, async () => {
    const source = generated as NonNullable<typeof generated>;
    const recordedAt = now.toISOString();
    const repoOf = new Map<string, string>();
    await store.db.transaction().execute(async (tx) => {
      for (let i = 0; i < source.events.length; i += BATCH) {
        const rows: EventsTable[] = [];
        for (const event of source.events.slice(i, i + BATCH)) {
          rows.push(eventToRow(event, null, recordedAt));
          repoOf.set(event.key, event.repoFullName);
        }
        await tx
          .insertInto("events")
          .values(rows)
          .onConflict((oc) => oc.column("key").doNothing())
          .execute();
      }
      const assessments = [...source.assessments];
      for (let i = 0; i < assessments.length; i += BATCH) {
        const rows: AssessmentsTable[] = assessments.slice(i, i + BATCH).map(([key, a]) => ({
          event_key: key,
          repo_full_name: repoOf.get(key) ?? "",
          is_feedback: a.verdict === "not-feedback" ? 0 : 1,
          verdict: a.verdict,
          tone: a.tone,
          label: null,
          confidence: 0.8,
          source: "heuristic",
          signals: "[]",
          suggestion: null,
          body_hash: "",
          assessed_at: recordedAt,
        }));
        await tx.insertInto("assessments").values(rows).execute();
      }
    });
  });
  console.log(`  SQLite file ${mb(statSync(file).size)}`);
  generated = null;
  collect();

  const loaded = await timed(`load a year from the store (${repos.length} repos, + history)`, () =>
    loadMetricsInput(store.db, {
      repos,
      firstWeek: weeks[0] as string,
      lastWeek: weeks[weeks.length - 1] as string,
      timezone: config.review_windows.timezone,
    }),
  );
  console.log(`  ${loaded.events.length} events, ${loaded.verdicts.size} verdicts loaded`);

  const year = await timed("computeWeeks, 52 weeks, from the loaded rows", () =>
    computeWeeks(
      {
        events: loaded.events,
        assessments: loaded.verdicts,
        config: config.review_windows,
        ignoreUsers: config.coaching.ignore_users,
        now,
      },
      weeks,
    ),
  );
  const sessions = year.reduce((sum, week) => sum + (week.team.reviewSessions ?? 0), 0);
  const pickups = year.reduce((sum, week) => sum + week.teamExtras.pickups, 0);
  console.log(`  ${sessions} sessions, ${pickups} pickups over the year`);

  const repo = repos[0] as string;
  const digestWeek = weeks[40] as string;
  const digest = await timed(`one digest: ${repo} ${digestWeek} (load 16 weeks, build, render)`, () =>
    composeDigest(store.db, { target: repo, repos: [repo], week: digestWeek, config, now }),
  );
  console.log(`  ${digest.rendered.body.length} characters of Markdown, kind ${digest.model.kind}`);

  const all = await timed(`one digest over all ${repos.length} repositories, ${digestWeek}`, () =>
    composeDigest(store.db, { target: repo, repos, week: digestWeek, config, now }),
  );
  console.log(`  ${all.model.current.team.reviewSessions} sessions in the week`);
  collect();
  console.log(`peak RSS ${peakRss()}; heap now ${mb(process.memoryUsage().heapUsed)}`);
} finally {
  await store.close();
  if (!process.argv.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.log(`store kept at ${file}`);
}
