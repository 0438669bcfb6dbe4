// The job queue port (docs/architecture.md, "Store and jobs"): webhook receivers enqueue, workers process, nothing lives only in memory.
import type { JsonText } from "./json-text.js";

/** One run of a job, as its handler sees it. */
export interface Job<T> {
  id: string;
  name: string;
  /** What `enqueue` was given, after a JSON round trip. */
  data: T;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
}

/**
 * Resolves when the job is done. A throw is a failed attempt: it is retried with backoff up to `retryLimit`, then
 * dead-lettered with the error as reason. Throw a `PermanentJobError` to dead-letter at once (retrying cannot help), an
 * `ExpectedRetryJobError` for a retry that is normal operation (logged at debug, not as a warning).
 * Jobs run at least once: a handler must be idempotent (a crash after its side effect runs it again).
 */
export type JobHandler<T> = (job: Job<T>) => Promise<void>;

export interface RegisterOptions {
  /** Jobs of this name run at most this many at a time per queue instance (default 1). */
  concurrency?: number;
  /** Retries after the first attempt (default 3): a job runs at most `retryLimit + 1` times. */
  retryLimit?: number;
  /** Delay before a retry (default 10). pg-boss counts whole seconds (rounded up, at least 1 with backoff). */
  retryDelaySeconds?: number;
  /** Exponential backoff with jitter (default true): see `retryDelaySecondsFor` in retry-delay.ts. */
  backoff?: boolean;
}

export interface EnqueueOptions {
  /**
   * Dedupe: while a job of this name with this key waits for its first run, enqueue returns null (SQLite also while
   * it is retrying or active; pg-boss's "short" queue policy only while queued). Handlers are idempotent either way.
   */
  singletonKey?: string;
  /** Not before this moment. */
  startAfter?: Date;
}

/** One job of an `enqueueMany`; `data` may be JSON text already (stored as is). */
export interface NewJobOf<T> extends EnqueueOptions {
  data: T | JsonText;
}

export interface StopOptions {
  /** Wait for in-flight jobs to finish (default true). */
  graceful: boolean;
  /**
   * How long a graceful stop waits (default 30 000). Jobs still running then, or at once when not graceful, are
   * recorded as a failed attempt ("stopped before the job finished") and retried by whoever runs next.
   */
  timeoutMs?: number;
}

export type JobOutcome = "completed" | "retrying" | "dead";

export interface JobSettled {
  name: string;
  outcome: JobOutcome;
  attempt: number;
  durationSeconds: number;
}

/** Called once per finished attempt, e.g. to count jobs in metrics. Must not throw. */
export type JobObserver = (event: JobSettled) => void;

/** The slice of a pino logger the queues write to. */
export interface JobLog {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface QueueStats {
  name: string;
  /** Waiting for their first run (including those whose `startAfter` has not come). */
  queued: number;
  /** Failed at least once, waiting for the next attempt. */
  retrying: number;
  active: number;
  completed: number;
  /** Dead-lettered: retries exhausted, or a `PermanentJobError`. */
  dead: number;
  /** The newest failure among retrying and dead jobs, with its reason. */
  lastError: { jobId: string; message: string; at: string } | null;
}

export interface JobStats {
  /** One entry per job name registered here or seen in the store, by name. */
  queues: QueueStats[];
}

export interface JobQueue {
  readonly kind: "sqlite" | "pg-boss";
  /** Starts processing the registered names. Call `register` before it. */
  start(): Promise<void>;
  /** Stops taking jobs and, when graceful (the default), waits for in-flight ones; then releases connections. */
  stop(options?: StopOptions): Promise<void>;
  /** The handler for jobs of `name`. Before `start()`; at most one handler per name. */
  register<T>(name: string, handler: JobHandler<T>, options?: RegisterOptions): void;
  /**
   * Adds a job; any replica sharing the store may run it. Returns its id, or null when `singletonKey` deduped it.
   * `data` must survive JSON (plain objects, arrays, strings, numbers, booleans, null).
   */
  enqueue<T>(name: string, data: T | JsonText, options?: EnqueueOptions): Promise<string | null>;
  /**
   * Adds several jobs of `name` in one write (one transaction on SQLite): what a burst of webhooks costs the store
   * once, not once each. Ids in order, null where `singletonKey` deduped. All or none are added.
   */
  enqueueMany<T>(name: string, jobs: readonly NewJobOf<T>[]): Promise<(string | null)[]>;
  stats(): Promise<JobStats>;
}

export const JOB_DEFAULTS = {
  concurrency: 1,
  retryLimit: 3,
  retryDelaySeconds: 10,
  backoff: true,
  /** A job active longer than this is taken to have lost its worker (crash, kill -9) and is run again. */
  leaseSeconds: 300,
  pollIntervalMs: 1000,
  stopTimeoutMs: 30_000,
} as const;
