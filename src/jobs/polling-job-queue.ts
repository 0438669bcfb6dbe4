// The worker loop both queues share: claim → run the handler → complete or fail, N at a time, and a graceful stop.
import { performance } from "node:perf_hooks";
import { isExpectedRetryJobError } from "./expected-retry-job-error.js";
import type { ClaimedJob, JobBackend, Registration } from "./job-backend.js";
import {
  type EnqueueOptions,
  JOB_DEFAULTS,
  type JobHandler,
  type JobLog,
  type JobObserver,
  type JobOutcome,
  type JobQueue,
  type JobStats,
  type NewJobOf,
  type RegisterOptions,
  type StopOptions,
} from "./job-queue.js";
import { isPermanentJobError } from "./permanent-job-error.js";
import { assertQueueName } from "./queue-name.js";

export interface PollingOptions {
  /** How long a loop with nothing to do waits before asking the store again (default 1000). */
  pollIntervalMs?: number;
  log?: JobLog;
  observer?: JobObserver;
}

const silentLog: JobLog = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const REASON_LIMIT = 2000;

interface Running {
  job: ClaimedJob;
  registration: Registration;
  /** Set when `stop` gave up waiting: the handler's late result is not recorded (the job is failed for it). */
  abandoned: boolean;
  done: Promise<void>;
}

/** A wakeable sleep: an enqueue, a finished job or `stop` cuts the poll interval short. */
interface Nap {
  sleep(ms: number): Promise<void>;
  wake(): void;
}

function createNap(): Nap {
  let wakeNow: (() => void) | null = null;
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wakeNow = null;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wakeNow = done;
      }),
    wake: () => wakeNow?.(),
  };
}

/** "<ErrorName>: <message>" (the dead-letter reason), bounded. */
export function describeJobError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
  return text.length > REASON_LIMIT ? `${text.slice(0, REASON_LIMIT - 1)}…` : text;
}

export function createPollingJobQueue(backend: JobBackend, options: PollingOptions = {}): JobQueue {
  const pollIntervalMs = options.pollIntervalMs ?? JOB_DEFAULTS.pollIntervalMs;
  const log = options.log ?? silentLog;
  const registrations = new Map<string, Registration>();
  const naps = new Map<string, Nap>();
  const running = new Set<Running>();
  const loops: Promise<void>[] = [];
  let state: "new" | "starting" | "started" | "stopping" | "stopped" = "new";

  const observe = (job: ClaimedJob, outcome: JobOutcome, startedAt: number) => {
    try {
      options.observer?.({
        name: job.name,
        outcome,
        attempt: job.attempt,
        durationSeconds: (performance.now() - startedAt) / 1000,
      });
    } catch (error) {
      log.warn({ err: error }, "job observer threw; ignored");
    }
  };

  const record = async (entry: Running, error: unknown, startedAt: number): Promise<void> => {
    const { job, registration } = entry;
    const fields = { job: job.name, id: job.id, attempt: job.attempt };
    const reason = describeJobError(error);
    const result = await backend.fail(job, registration, { reason, permanent: isPermanentJobError(error) });
    if (result === "lost") {
      log.warn(fields, "job failed after its lease was lost; another worker may be running it");
      return;
    }
    if (result === "dead") log.error({ ...fields, reason }, "job dead-lettered");
    // An expected retry (e.g. a nudge lease held by another job) is normal operation, not a warning.
    else if (isExpectedRetryJobError(error))
      log.debug({ ...fields, reason }, "job will be retried (expected)");
    else log.warn({ ...fields, reason }, "job failed; it will be retried");
    observe(job, result, startedAt);
  };

  const run = async (entry: Running): Promise<void> => {
    const { job, registration } = entry;
    const startedAt = performance.now();
    try {
      try {
        await registration.handler({ id: job.id, name: job.name, data: job.data, attempt: job.attempt });
      } catch (error) {
        if (!entry.abandoned) await record(entry, error, startedAt);
        return;
      }
      if (entry.abandoned) return;
      if ((await backend.complete(job)) === "lost") {
        log.warn(
          { job: job.name, id: job.id, attempt: job.attempt },
          "job finished after its lease was lost (it ran longer than leaseSeconds?); it may run again",
        );
        return;
      }
      observe(job, "completed", startedAt);
    } catch (error) {
      // The store refused the outcome: the job stays active and runs again once its lease expires.
      log.error({ err: error, job: job.name, id: job.id }, "could not record a job's outcome");
    }
  };

  const loop = async (registration: Registration, nap: Nap): Promise<void> => {
    let mine = 0;
    while (state === "started") {
      if (mine >= registration.concurrency) {
        await nap.sleep(pollIntervalMs);
        continue;
      }
      // Let pending I/O (webhooks waiting for their acknowledgement) in before the next job. With SQLite every query
      // resolves at once, so without this a backlog of jobs runs back to back in microtasks and the HTTP server
      // waits for all of them (bench/load.ts; bench/README.md).
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (state !== "started") break;
      let job: ClaimedJob | null;
      try {
        job = await backend.claim(registration);
      } catch (error) {
        log.error(
          { err: error, job: registration.name },
          "could not claim a job; trying again after the poll interval",
        );
        await nap.sleep(pollIntervalMs);
        continue;
      }
      if (!job) {
        await nap.sleep(pollIntervalMs);
        continue;
      }
      const entry: Running = { job, registration, abandoned: false, done: Promise.resolve() };
      mine++;
      running.add(entry);
      entry.done = run(entry).finally(() => {
        mine--;
        running.delete(entry);
        nap.wake();
      });
    }
  };

  const assertCanEnqueue = (name: string): void => {
    assertQueueName(name);
    if (state !== "started" && state !== "stopping")
      throw new Error(`review-coach: start the job queue before enqueueing "${name}" (it is ${state})`);
  };

  const waitForRunning = async (timeoutMs: number): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled([...running].map((r) => r.done)), timeout]);
    clearTimeout(timer);
  };

  return {
    kind: backend.kind,

    register<T>(name: string, handler: JobHandler<T>, registerOptions: RegisterOptions = {}): void {
      assertQueueName(name);
      if (state !== "new") throw new Error(`review-coach: register "${name}" before starting the job queue`);
      if (registrations.has(name))
        throw new Error(`review-coach: a handler for jobs "${name}" is already registered`);
      const registration: Registration = {
        name,
        handler: handler as JobHandler<unknown>,
        concurrency: registerOptions.concurrency ?? JOB_DEFAULTS.concurrency,
        retryLimit: registerOptions.retryLimit ?? JOB_DEFAULTS.retryLimit,
        retryDelaySeconds: registerOptions.retryDelaySeconds ?? JOB_DEFAULTS.retryDelaySeconds,
        backoff: registerOptions.backoff ?? JOB_DEFAULTS.backoff,
      };
      if (!Number.isInteger(registration.concurrency) || registration.concurrency < 1)
        throw new RangeError(`review-coach: concurrency for jobs "${name}" must be a whole number ≥ 1`);
      if (!Number.isInteger(registration.retryLimit) || registration.retryLimit < 0)
        throw new RangeError(`review-coach: retryLimit for jobs "${name}" must be a whole number ≥ 0`);
      if (!(registration.retryDelaySeconds >= 0))
        throw new RangeError(`review-coach: retryDelaySeconds for jobs "${name}" must be ≥ 0`);
      registrations.set(name, registration);
    },

    async start(): Promise<void> {
      if (state !== "new") throw new Error(`review-coach: the job queue was already started (${state})`);
      state = "starting";
      try {
        await backend.start([...registrations.values()]);
      } catch (error) {
        state = "new";
        throw error;
      }
      state = "started";
      for (const registration of registrations.values()) {
        const nap = createNap();
        naps.set(registration.name, nap);
        loops.push(loop(registration, nap));
      }
      log.info({ kind: backend.kind, jobs: [...registrations.keys()] }, "job queue started");
    },

    async stop(stopOptions: StopOptions = { graceful: true }): Promise<void> {
      if (state === "new") {
        state = "stopped";
        return;
      }
      if (state !== "started") return;
      state = "stopping";
      for (const nap of naps.values()) nap.wake();
      // Each loop finishes the claim it has under way (its job joins `running`) and exits.
      await Promise.all(loops);
      if (stopOptions.graceful) await waitForRunning(stopOptions.timeoutMs ?? JOB_DEFAULTS.stopTimeoutMs);
      const unfinished = [...running];
      for (const entry of unfinished) entry.abandoned = true;
      for (const entry of unfinished) {
        try {
          await record(entry, new Error("the queue stopped before the job finished"), performance.now());
        } catch (error) {
          log.error({ err: error, job: entry.job.name, id: entry.job.id }, "could not release a running job");
        }
      }
      if (unfinished.length > 0)
        log.warn(
          { jobs: unfinished.map((r) => r.job.id) },
          "stopped with jobs still running; they will run again",
        );
      await backend.close();
      state = "stopped";
    },

    async enqueue<T>(name: string, data: T, enqueueOptions: EnqueueOptions = {}): Promise<string | null> {
      assertCanEnqueue(name);
      const id = await backend.enqueue(name, data ?? null, enqueueOptions);
      // A local worker need not wait for its next poll (a claim that finds the job not yet due costs one query).
      if (id !== null) naps.get(name)?.wake();
      return id;
    },

    async enqueueMany<T>(name: string, jobs: readonly NewJobOf<T>[]): Promise<(string | null)[]> {
      assertCanEnqueue(name);
      if (jobs.length === 0) return [];
      const ids = await backend.enqueueMany(name, jobs);
      if (ids.some((id) => id !== null)) naps.get(name)?.wake();
      return ids;
    },

    async stats(): Promise<JobStats> {
      return backend.stats([...registrations.keys()]);
    },
  };
}
