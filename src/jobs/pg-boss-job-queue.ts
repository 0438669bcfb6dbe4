// The PostgreSQL job queue for several replicas: pg-boss 10 behind the JobQueue port.
import { randomUUID } from "node:crypto";
import pg from "pg";
import PgBoss from "pg-boss";
import { withoutNul } from "../store/without-nul.js";
import type { ClaimedJob, JobBackend, Registration } from "./job-backend.js";
import { JOB_DEFAULTS, type JobQueue, type QueueStats } from "./job-queue.js";
import { jobDataValue } from "./json-text.js";
import { createPollingJobQueue, type PollingOptions } from "./polling-job-queue.js";
import { deadLetterName, isDeadLetterName } from "./queue-name.js";

export interface PgBossJobQueueOptions extends PollingOptions {
  /** The store's DATABASE_URL. */
  connectionString: string;
  /** pg-boss's tables live in this schema (default "pgboss"); replicas that share work share it. */
  schema?: string;
  /**
   * pg-boss's expireInSeconds: an active job not finished by then (its replica died) is failed by pg-boss's
   * maintenance and retried if attempts are left (default 300). Whole seconds, at least 1.
   */
  leaseSeconds?: number;
  /** How often some replica runs pg-boss maintenance: expired leases, archiving (default 60). */
  maintenanceIntervalSeconds?: number;
  /** Connections in the queue's own pool (default 5). */
  poolSize?: number;
}

/** pg-boss 10's job row, as `fetch(…, { includeMetadata: true })` returns it. */
type FetchedJob = PgBoss.JobWithMetadata<unknown>;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const FINISHED_KEPT_SECONDS = 7 * 24 * 3600;

/**
 * Design (why not `boss.work`): pg-boss 10's `work()` does not await its complete()/fail() calls, so a graceful stop
 * can close the pool before a finished job is recorded and the job runs again after its lease. The shared polling
 * loop instead fetches (pg-boss's `FOR UPDATE SKIP LOCKED` claim, one job at a time, `concurrency` per replica) and
 * awaits the outcome. Retries, backoff, lease expiry and dead letters stay pg-boss's.
 *
 * Per name: a queue with the registration's retryLimit / retryDelay / retryBackoff, expireInSeconds = the lease, and
 * deadLetter `<name>__dead` (pg-boss copies a failed job there with its data and reason, for inspection or replay).
 */
export function createPgBossJobQueue(options: PgBossJobQueueOptions): JobQueue {
  const schema = options.schema ?? "pgboss";
  if (!SCHEMA_NAME.test(schema)) throw new TypeError(`review-coach: invalid pg-boss schema name ${schema}`);
  const leaseSeconds = Math.max(1, Math.ceil(options.leaseSeconds ?? JOB_DEFAULTS.leaseSeconds));
  const log = options.log;
  let pool: pg.Pool | null = null;
  let boss: PgBoss | null = null;
  let closing = false;
  const declared = new Map<string, Promise<void>>();

  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> => {
    if (!pool) throw new Error("review-coach: the pg-boss job queue is not started");
    return (await pool.query<R>(text, values)).rows;
  };

  const started = (): PgBoss => {
    if (!boss) throw new Error("review-coach: the pg-boss job queue is not started");
    return boss;
  };

  /**
   * pg-boss 10 drops sends to a queue that does not exist: declare it (and its dead letters) first, once per name
   * and process. Replicas declaring the same new queue at once can deadlock in pg-boss's create_queue (it creates
   * and attaches a partition): the loser retries and then finds the queue there.
   */
  const declare = (name: string, registration?: Registration): Promise<void> => {
    const pending = declared.get(name);
    if (pending && !registration) return pending;
    const declaring = withRaceRetries(() => declareOnce(name, registration));
    declared.set(name, declaring);
    declaring.catch(() => declared.delete(name));
    return declaring;
  };

  const declareOnce = async (name: string, registration?: Registration): Promise<void> => {
    const b = started();
    const dead = deadLetterName(name);
    await b.createQueue(dead, { name: dead });
    // "short": at most one queued job per singleton key, enforced by pg-boss's own unique index.
    const queue: PgBoss.Queue = { name, policy: "short", deadLetter: dead, expireInSeconds: leaseSeconds };
    if (registration) {
      queue.retryLimit = registration.retryLimit;
      // pg-boss stores whole seconds.
      queue.retryDelay = Math.ceil(registration.retryDelaySeconds);
      queue.retryBackoff = registration.backoff;
    }
    await b.createQueue(name, queue);
    // createQueue keeps an existing queue as it is: apply this release's policy to jobs sent from now on.
    if (registration) await b.updateQueue(name, queue);
  };

  const backend: JobBackend = {
    kind: "pg-boss",

    async start(registrations) {
      closing = false;
      pool = new pg.Pool({
        connectionString: options.connectionString,
        max: options.poolSize ?? 5,
        application_name: "review-coach-jobs",
      });
      pool.on("error", (error) => {
        if (!closing) log?.error({ err: error }, "job queue connection error");
      });
      const ownPool = pool;
      boss = new PgBoss({
        db: { executeSql: (text, values) => ownPool.query(text, values) },
        schema,
        // Defaults for jobs sent before any replica declared the queue's policy.
        retryLimit: JOB_DEFAULTS.retryLimit,
        retryDelay: JOB_DEFAULTS.retryDelaySeconds,
        retryBackoff: JOB_DEFAULTS.backoff,
        expireInSeconds: leaseSeconds,
        maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
        // Finished jobs stay countable for 7 days, as on SQLite (README, "What is stored, and for how long").
        archiveCompletedAfterSeconds: FINISHED_KEPT_SECONDS,
        // Periodic work runs on the server's timers (src/periodic.ts), not pg-boss's cron.
        schedule: false,
      });
      boss.on("error", (error) => {
        if (!closing) log?.error({ err: error }, "pg-boss error");
      });
      try {
        await boss.start();
        for (const registration of registrations) await declare(registration.name, registration);
      } catch (error) {
        await backend.close();
        throw error;
      }
    },

    async close() {
      closing = true;
      try {
        await boss?.stop({ graceful: false, wait: true, close: false });
      } finally {
        await pool?.end();
        boss = null;
        pool = null;
        declared.clear();
      }
    },

    async claim(registration) {
      const [job] = (await started().fetch<unknown>(registration.name, {
        batchSize: 1,
        includeMetadata: true,
      })) as FetchedJob[];
      if (!job) return null;
      return {
        id: job.id,
        name: job.name,
        data: job.data,
        attempt: job.retryCount + 1,
        retryLimit: job.retryLimit,
      };
    },

    async complete(job) {
      const result = (await started().complete(job.name, job.id)) as unknown as { affected: number };
      return result.affected > 0 ? "completed" : "lost";
    },

    async fail(job: ClaimedJob, _registration, failure) {
      if (failure.permanent) {
        // pg-boss 10 has no public "fail without retry": spend the job's remaining attempts so fail() dead-letters it.
        await query(
          `update ${schema}.job set retry_limit = retry_count where name = $1 and id = $2 and state = 'active'`,
          [job.name, job.id],
        );
      }
      const output = { message: failure.reason, permanent: failure.permanent };
      const result = (await started().fail(job.name, job.id, output)) as unknown as { affected: number };
      if (result.affected === 0) return "lost";
      return failure.permanent || job.attempt > job.retryLimit ? "dead" : "retrying";
    },

    async enqueue(name, data, enqueueOptions) {
      const b = started();
      await declare(name);
      const sendOptions: PgBoss.SendOptions = {};
      if (enqueueOptions.startAfter) sendOptions.startAfter = enqueueOptions.startAfter;
      // jsonb cannot hold U+0000 (src/store/without-nul.ts).
      const payload = withoutNul(jobDataValue(data)) as object;
      // The "short" policy allows one queued job per key, a missing key included: a job without one is keyed by its id.
      const id = randomUUID();
      return b.send(name, payload, { ...sendOptions, id, singletonKey: enqueueOptions.singletonKey ?? id });
    },

    async enqueueMany(name, jobs) {
      // pg-boss's send() inserts one job per call. Rows are shared by replicas, so "all or none" is kept by failing the call (the receiver answers 500 and GitHub can redeliver;
      // a redelivered id that did get in is deduped by its singleton key, and ingest dedupes by delivery id).
      const ids: (string | null)[] = [];
      for (const job of jobs) ids.push(await backend.enqueue(name, job.data, job));
      return ids;
    },

    async stats(names) {
      const byName = new Map<string, QueueStats>();
      const entry = (name: string): QueueStats => {
        let stats = byName.get(name);
        if (!stats) {
          stats = { name, queued: 0, retrying: 0, active: 0, completed: 0, dead: 0, lastError: null };
          byName.set(name, stats);
        }
        return stats;
      };
      for (const name of names) entry(name);
      const b = started();
      // Every queue but pg-boss's own and the dead letters, which count as the `dead` of their queue.
      const known = (await b.getQueues())
        .map((q) => q.name)
        .filter((n) => !n.startsWith("__pgboss") && !isDeadLetterName(n));
      for (const name of known) {
        const stats = entry(name);
        // getQueueSize counts the jobs in states before `before`: created < retry < active < completed.
        const [created = 0, waiting = 0, running = 0, finished = 0] = await Promise.all(
          (["retry", "active", "completed", "cancelled"] as const).map((before) =>
            b.getQueueSize(name, { before }),
          ),
        );
        // Four counts, not one snapshot: a job moving between them must not make one negative.
        stats.queued = created;
        stats.retrying = Math.max(0, waiting - created);
        stats.active = Math.max(0, running - waiting);
        stats.completed = Math.max(0, finished - running);
        // pg-boss copies each dead-lettered job into `<name>__dead`, where nothing works it off.
        stats.dead = await b.getQueueSize(deadLetterName(name), { before: "retry" });
      }
      // pg-boss 10 has no public API that lists jobs with their output, so the newest failure is read from its table.
      const errors = await query<{ name: string; id: string; output: unknown; at: Date | null }>(
        `select distinct on (name) name, id::text as id, output, coalesce(completed_on, started_on) as at
           from ${schema}.job
          where state in ('retry', 'failed') and name = any($1)
          order by name, coalesce(completed_on, started_on) desc nulls last`,
        [[...byName.keys()]],
      );
      for (const row of errors) {
        const stats = byName.get(row.name);
        if (stats)
          stats.lastError = {
            jobId: row.id,
            message: outputMessage(row.output),
            at: (row.at ?? new Date(0)).toISOString(),
          };
      }
      return { queues: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
    },
  };

  return createPollingJobQueue(backend, options);
}

const RACE_CODES = new Set(["40P01", "23505", "42P07"]);

/** Runs `declare` again after a deadlock or duplicate (another replica declared the same queue at that moment). */
async function withRaceRetries(action: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 5 || typeof code !== "string" || !RACE_CODES.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
    }
  }
}

/** The reason in a failed job's output: ours ({ message }), or pg-boss's timeout ({ value: { message } }). */
function outputMessage(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null;
  if (typeof o?.message === "string") return o.message;
  if (typeof o?.value?.message === "string") return o.value.message;
  return output == null ? "unknown error" : JSON.stringify(output);
}
