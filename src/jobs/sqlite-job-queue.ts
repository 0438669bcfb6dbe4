// The embedded job queue: jobs in the store's `jobs` table, run in-process by polling; a restart loses nothing.
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { Database } from "../store/schema.js";
import type { ClaimedJob, JobBackend, Registration } from "./job-backend.js";
import { JOB_DEFAULTS, type JobQueue, type JobStats, type NewJobOf, type QueueStats } from "./job-queue.js";
import { createPollingJobQueue, type PollingOptions } from "./polling-job-queue.js";
import { retryDelaySecondsFor } from "./retry-delay.js";
import {
  claimNextJob,
  completeJob,
  countJobs,
  failJob,
  insertJob,
  LEASE_EXPIRED_REASON,
  lastJobError,
  pruneJobs,
} from "./sqlite-jobs-repository.js";

export interface SqliteJobQueueOptions extends PollingOptions {
  /**
   * A claimed job not finished within this many seconds is taken to have lost its worker (kill -9, crash) and is
   * claimed again, as its next attempt (default 300). Keep it above the longest handler run.
   */
  leaseSeconds?: number;
  /** Completed and dead jobs are deleted this long after they finished (default 7, like pg-boss's deleteAfter). */
  retentionDays?: number;
  /** The clock (docs/architecture.md, "Conventions"). */
  now?: () => Date;
  /** Jitter for the retry backoff, in [0, 1) (default Math.random). */
  random?: () => number;
}

const PRUNE_EVERY_MS = 60 * 60_000;

/** Claimed jobs carry the fence (worker id + attempt) their completion is checked against. */
function toClaimed(
  job: { id: string; name: string; data: unknown; attempts: number },
  retryLimit: number,
): ClaimedJob {
  return { id: job.id, name: job.name, data: job.data, attempt: job.attempts, retryLimit };
}

/**
 * Adds `jobs` of `name` to the embedded queue in one write transaction (group commit): ids in order, null where a
 * singleton key deduped one.
 */
async function enqueueSqliteJobs(
  db: Kysely<Database>,
  name: string,
  jobs: readonly NewJobOf<unknown>[],
  at: Date,
): Promise<(string | null)[]> {
  // BEGIN IMMEDIATE takes the write lock up front, so another connection or process on the file makes it wait
  // (busy_timeout) instead of failing half-way as a deferred transaction would when it upgrades to writing.
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const ids: (string | null)[] = [];
      for (const job of jobs) {
        const id = randomUUID();
        const inserted = await insertJob(conn, {
          id,
          name,
          data: job.data,
          singletonKey: job.singletonKey ?? null,
          runAt: (job.startAfter ?? at).toISOString(),
          at: at.toISOString(),
        });
        ids.push(inserted ? id : null);
      }
      await sql`commit`.execute(conn);
      return ids;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Jobs are claimed atomically (one UPDATE … WHERE id = (SELECT …) RETURNING) with a lease: a job whose worker died
 * is claimed again once `leaseSeconds` pass, by this process after a restart or by another one on the same file.
 */
export function createSqliteJobQueue(db: Kysely<Database>, options: SqliteJobQueueOptions = {}): JobQueue {
  const now = options.now ?? (() => new Date());
  const random = options.random ?? Math.random;
  const leaseMs = (options.leaseSeconds ?? JOB_DEFAULTS.leaseSeconds) * 1000;
  const retentionMs = (options.retentionDays ?? 7) * 24 * 60 * 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? JOB_DEFAULTS.pollIntervalMs;
  const workerId = `sqlite-${randomUUID()}`;
  const log = options.log;
  let timer: NodeJS.Timeout | null = null;
  let housekeeping: Promise<void> = Promise.resolve();
  let prunedAt = 0;

  const keepHouse = async (): Promise<void> => {
    const at = now();
    if (at.getTime() - prunedAt >= PRUNE_EVERY_MS) {
      prunedAt = at.getTime();
      await pruneJobs(db, new Date(at.getTime() - retentionMs).toISOString());
    }
  };

  let keeping = false;
  const runHousekeeping = (): void => {
    if (keeping) return;
    keeping = true;
    housekeeping = keepHouse()
      .catch((error: unknown) => {
        log?.error({ err: error }, "job queue housekeeping failed; trying again after the poll interval");
      })
      .finally(() => {
        keeping = false;
      });
  };

  const backend: JobBackend = {
    kind: "sqlite",

    async start() {
      runHousekeeping();
      await housekeeping;
      timer = setInterval(runHousekeeping, pollIntervalMs);
    },

    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await housekeeping;
    },

    async claim(registration: Registration) {
      // A job whose lease expired once too often (it keeps killing its worker) is dead-lettered, not run again.
      for (;;) {
        const at = now();
        const job = await claimNextJob(db, {
          name: registration.name,
          workerId,
          now: at.toISOString(),
          lockedUntil: new Date(at.getTime() + leaseMs).toISOString(),
        });
        if (!job) return null;
        if (job.attempts <= registration.retryLimit + 1) return toClaimed(job, registration.retryLimit);
        await failJob(
          db,
          { id: job.id, workerId, attempts: job.attempts },
          {
            state: "dead",
            runAt: job.runAt,
            error: job.lastError ?? LEASE_EXPIRED_REASON,
            at: at.toISOString(),
          },
        );
        log?.error({ job: job.name, id: job.id, reason: job.lastError }, "job dead-lettered");
      }
    },

    async complete(job) {
      const done = await completeJob(
        db,
        { id: job.id, workerId, attempts: job.attempt },
        now().toISOString(),
      );
      return done ? "completed" : "lost";
    },

    async fail(job, registration, failure) {
      const at = now();
      const dead = failure.permanent || job.attempt > registration.retryLimit;
      const delayMs = dead ? 0 : retryDelaySecondsFor(job.attempt, registration, random) * 1000;
      const recorded = await failJob(
        db,
        { id: job.id, workerId, attempts: job.attempt },
        {
          state: dead ? "dead" : "queued",
          runAt: new Date(at.getTime() + delayMs).toISOString(),
          error: failure.reason,
          at: at.toISOString(),
        },
      );
      if (!recorded) return "lost";
      return dead ? "dead" : "retrying";
    },

    async enqueue(name, data, enqueueOptions) {
      const at = now();
      const id = randomUUID();
      const inserted = await insertJob(db, {
        id,
        name,
        data,
        singletonKey: enqueueOptions.singletonKey ?? null,
        runAt: (enqueueOptions.startAfter ?? at).toISOString(),
        at: at.toISOString(),
      });
      return inserted ? id : null;
    },

    async enqueueMany(name, jobs) {
      return enqueueSqliteJobs(db, name, jobs, now());
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
      for (const count of await countJobs(db)) {
        const stats = entry(count.name);
        if (count.state === "queued") {
          stats.queued += count.total - count.retried;
          stats.retrying += count.retried;
        } else stats[count.state] += count.total;
      }
      for (const stats of byName.values()) stats.lastError = await lastJobError(db, stats.name);
      const result: JobStats = { queues: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)) };
      return result;
    },
  };

  return createPollingJobQueue(backend, options);
}
