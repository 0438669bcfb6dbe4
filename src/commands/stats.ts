// `review-coach stats`: row counts per table and deliveries by status, to see what the store holds.
import { sql } from "kysely";
import { createJobQueue } from "../jobs/create-job-queue.js";
import type { QueueStats } from "../jobs/job-queue.js";
import type { Store } from "../store/open-store.js";
import type { CommandIo } from "./io.js";

const TABLES = [
  "installations",
  "repositories",
  "pull_requests",
  "events",
  "assessments",
  "deliveries",
  "repo_configs",
  "config_reports",
  "llm_cache",
  "llm_usage",
  "digests",
  "backfill_state",
  "nudges",
  "coaching_decisions",
  "coaching_opt_outs",
  "jobs",
] as const;

export interface StoreStats {
  tables: Record<string, number>;
  deliveries: Record<string, number>;
  /** Jobs by name and state, with the last failure: dead letters show here. */
  jobs: QueueStats[] | { unavailable: string };
}

export async function readStats(store: Store): Promise<StoreStats> {
  const tables: Record<string, number> = {};
  for (const table of TABLES) {
    // The jobs table is the SQLite queue's; on PostgreSQL pg-boss keeps the jobs (see `jobs` below).
    if (table === "jobs" && store.dialect !== "sqlite") continue;
    const row = await store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    tables[table] = Number(row.n);
  }
  const byStatus = await store.db
    .selectFrom("deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const deliveries = Object.fromEntries(byStatus.map((r) => [r.status, Number(r.n)]));
  return { tables, deliveries, jobs: await readJobStats(store) };
}

/** The queue the server uses for this store (SQLite table or pg-boss), asked for its counts. */
async function readJobStats(store: Store): Promise<StoreStats["jobs"]> {
  const queue = createJobQueue(store, store.connectionString ? { databaseUrl: store.connectionString } : {});
  try {
    // The SQLite queue's counts are queries on the store (started, it would also tidy expired leases: a write).
    if (store.dialect === "sqlite") return (await queue.stats()).queues;
    // pg-boss answers only once started, and starting installs its schema where there is none: not from here.
    const installed = await sql<{
      job: string | null;
    }>`select to_regclass('pgboss.job')::text as job`.execute(store.db);
    if (!installed.rows[0]?.job)
      return { unavailable: "no job queue in this database yet (the server makes one)" };
    // With no handlers registered, starting runs no job.
    await queue.start();
    return (await queue.stats()).queues;
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  } finally {
    await queue.stop({ graceful: true, timeoutMs: 1000 }).catch(() => undefined);
  }
}

export async function printStats(store: Store, io: CommandIo, json = false): Promise<number> {
  const stats = await readStats(store);
  if (json) {
    io.out(JSON.stringify(stats));
    return 0;
  }
  io.out(`store: ${store.location} (${store.dialect})`);
  const width = Math.max(...Object.keys(stats.tables).map((t) => t.length));
  for (const [table, n] of Object.entries(stats.tables)) io.out(`  ${table.padEnd(width)}  ${n}`);
  const statuses = Object.entries(stats.deliveries);
  if (statuses.length > 0)
    io.out(`deliveries by status: ${statuses.map(([s, n]) => `${s} ${n}`).join(", ")}`);
  if ("unavailable" in stats.jobs) io.out(`jobs: unavailable (${stats.jobs.unavailable})`);
  else
    for (const q of stats.jobs) {
      io.out(
        `jobs ${q.name}: ${q.queued} queued, ${q.active} active, ${q.retrying} retrying, ${q.completed} completed, ${q.dead} dead`,
      );
      if (q.lastError)
        io.out(`  last error (job ${q.lastError.jobId}, ${q.lastError.at}): ${q.lastError.message}`);
    }
  return 0;
}
