// The storage side of a job queue: what the shared polling loop (polling-job-queue.ts) needs from SQLite or pg-boss.
import type { EnqueueOptions, JobHandler, JobStats, NewJobOf } from "./job-queue.js";

/** A `register` call with its defaults applied. */
export interface Registration {
  name: string;
  handler: JobHandler<unknown>;
  concurrency: number;
  retryLimit: number;
  retryDelaySeconds: number;
  backoff: boolean;
}

/** A job this worker holds until it completes or fails it (or its lease expires). */
export interface ClaimedJob {
  id: string;
  name: string;
  data: unknown;
  /** 1 on the first run. */
  attempt: number;
  /** The job runs at most `retryLimit + 1` times. */
  retryLimit: number;
}

export interface JobFailure {
  /** "<ErrorName>: <message>", kept as the job's last error and dead-letter reason. */
  reason: string;
  /** Dead-letter now, whatever attempts are left. */
  permanent: boolean;
}

/** "lost": the job was no longer this worker's (its lease expired and another worker may have it). */
export type RecordResult = "completed" | "retrying" | "dead" | "lost";

export interface JobBackend {
  readonly kind: "sqlite" | "pg-boss";
  /** Opens connections and declares the queues. */
  start(registrations: readonly Registration[]): Promise<void>;
  /** Releases connections and timers; the polling loop has stopped before. */
  close(): Promise<void>;
  /** Atomically takes the next due job of the registration's name, or null when there is none. */
  claim(registration: Registration): Promise<ClaimedJob | null>;
  complete(job: ClaimedJob): Promise<"completed" | "lost">;
  fail(job: ClaimedJob, registration: Registration, failure: JobFailure): Promise<RecordResult>;
  enqueue(name: string, data: unknown, options: EnqueueOptions): Promise<string | null>;
  /** All or none; `data` may be a JsonText. */
  enqueueMany(name: string, jobs: readonly NewJobOf<unknown>[]): Promise<(string | null)[]>;
  /** Counts for every name in the store, plus `names` (registered here) with zeros. */
  stats(names: readonly string[]): Promise<JobStats>;
}
