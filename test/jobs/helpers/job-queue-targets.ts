// The job queues the shared behaviour suite runs against: SQLite always, pg-boss when TEST_DATABASE_URL is set.
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import type { JobLog, JobObserver, JobQueue } from "../../../src/jobs/job-queue.js";
import { createPgBossJobQueue } from "../../../src/jobs/pg-boss-job-queue.js";
import { createSqliteJobQueue } from "../../../src/jobs/sqlite-job-queue.js";
import { claimNextJob, insertJob } from "../../../src/jobs/sqlite-jobs-repository.js";
import { openStore, type Store } from "../../../src/store/open-store.js";
import { skipNote } from "../../helpers/skip-note.js";
import {
  openPostgresTestStore,
  openSqliteTestStore,
  POSTGRES_SKIPPED,
  withSchemaLock,
} from "../../helpers/test-stores.js";

export interface TestQueueOptions {
  leaseSeconds?: number;
  /** Its own connection (SQLite: a second Store on the file), like another process or replica. */
  replica?: boolean;
  observer?: JobObserver;
  log?: JobLog;
  /** SQLite only: the backoff's jitter (pg-boss draws its own). */
  random?: () => number;
  /** SQLite only: the clock. */
  now?: () => Date;
}

export interface CrashedClaim {
  name: string;
  data: unknown;
  leaseSeconds: number;
  retryLimit: number;
}

export interface QueueHarness {
  store: Store;
  /** The smallest retry delay the queue honours, in seconds, for `retryDelaySeconds: 0.05` (pg-boss: whole seconds). */
  retryDelayFor(requestedSeconds: number): number;
  /** A new, not yet started queue on the same store; `close` stops whatever is still running. */
  queue(options?: TestQueueOptions): Promise<{ queue: JobQueue; store: Store }>;
  /** Enqueues a job and claims it as a worker that then dies without a word (the claim is left to expire). */
  crashedClaim(claim: CrashedClaim): Promise<string>;
  /** Argv for test/jobs/fixtures/crash-worker.ts. */
  workerArgs(): string[];
  close(): Promise<void>;
}

export interface JobQueueTarget {
  name: "sqlite" | "pg-boss";
  open(): Promise<QueueHarness>;
}

const pgUrl = process.env.TEST_DATABASE_URL;

export const FAST_POLL_MS = 20;

/** Says once why pg-boss is skipped. */
export function jobQueueTargets(): JobQueueTarget[] {
  const targets: JobQueueTarget[] = [{ name: "sqlite", open: openSqliteHarness }];
  if (pgUrl) targets.push({ name: "pg-boss", open: () => openPgBossHarness(pgUrl) });
  else skipNote(POSTGRES_SKIPPED);
  return targets;
}

async function stopAll(queues: JobQueue[]): Promise<void> {
  for (const queue of queues) await queue.stop({ graceful: false }).catch(() => undefined);
}

async function openSqliteHarness(): Promise<QueueHarness> {
  const store = await openSqliteTestStore();
  const replicas: Store[] = [];
  const queues: JobQueue[] = [];
  return {
    store,
    retryDelayFor: (seconds) => seconds,
    async queue(options = {}) {
      let own = store;
      if (options.replica) {
        own = await openStore(store.location);
        replicas.push(own);
      }
      const queue = createSqliteJobQueue(own.db, {
        pollIntervalMs: FAST_POLL_MS,
        ...(options.leaseSeconds !== undefined ? { leaseSeconds: options.leaseSeconds } : {}),
        ...(options.observer ? { observer: options.observer } : {}),
        ...(options.log ? { log: options.log } : {}),
        ...(options.random ? { random: options.random } : {}),
        ...(options.now ? { now: options.now } : {}),
      });
      queues.push(queue);
      return { queue, store: own };
    },
    async crashedClaim(claim) {
      const now = new Date();
      const id = randomUUID();
      await insertJob(store.db, {
        id,
        name: claim.name,
        data: claim.data,
        singletonKey: null,
        runAt: now.toISOString(),
        at: now.toISOString(),
      });
      const claimed = await claimNextJob(store.db, {
        name: claim.name,
        workerId: "crashed-worker",
        now: now.toISOString(),
        lockedUntil: new Date(now.getTime() + claim.leaseSeconds * 1000).toISOString(),
      });
      if (claimed?.id !== id) throw new Error("the crashed worker did not get its job");
      return id;
    },
    workerArgs: () => ["sqlite", store.location],
    async close() {
      await stopAll(queues);
      for (const replica of replicas) await replica.close();
      await store.close();
    },
  };
}

async function openPgBossHarness(url: string): Promise<QueueHarness> {
  const store = await openPostgresTestStore(url);
  const schema = `boss_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const queues: JobQueue[] = [];
  return {
    store,
    retryDelayFor: (seconds) => Math.max(1, Math.ceil(seconds)),
    async queue(options = {}) {
      const queue = createPgBossJobQueue({
        connectionString: url,
        schema,
        pollIntervalMs: FAST_POLL_MS,
        maintenanceIntervalSeconds: 1,
        ...(options.leaseSeconds !== undefined ? { leaseSeconds: options.leaseSeconds } : {}),
        ...(options.observer ? { observer: options.observer } : {}),
        ...(options.log ? { log: options.log } : {}),
      });
      queues.push(queue);
      return { queue, store };
    },
    async crashedClaim(claim) {
      const boss = new PgBoss({ connectionString: url, schema, supervise: false, schedule: false });
      boss.on("error", () => undefined);
      await boss.start();
      await boss.createQueue(claim.name, {
        name: claim.name,
        retryLimit: claim.retryLimit,
        retryDelay: 0,
        expireInSeconds: claim.leaseSeconds,
      });
      const id = await boss.send(claim.name, claim.data as object);
      const [job] = await boss.fetch(claim.name);
      if (!id || job?.id !== id) throw new Error("the crashed worker did not get its job");
      // Not failed, not completed: stop() only fails jobs held by work() workers.
      await boss.stop({ graceful: false, wait: true });
      return id;
    },
    workerArgs: () => ["pg-boss", url, schema],
    async close() {
      await stopAll(queues);
      await store.close();
      await withSchemaLock(url, (client) => client.query(`drop schema if exists ${schema} cascade`));
    },
  };
}

/** Polls `check` until it holds; the message says what never happened. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
