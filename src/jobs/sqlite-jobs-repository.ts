// The embedded job queue's rows: enqueue, atomic claim with a lease, fenced completion, counts.
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from "kysely";
import type { Database, JobsTable } from "../store/schema.js";
import { jobDataJson } from "./json-text.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * queued: waiting for `runAt` (a first run, or a retry when attempts > 0); active: claimed, leased to `lockedBy`
 * until `lockedUntil`; completed; dead: retries exhausted or a permanent error, reason in `lastError`.
 */
export type StoredJobState = "queued" | "active" | "completed" | "dead";

export interface StoredJob {
  id: string;
  name: string;
  data: unknown;
  state: StoredJobState;
  singletonKey: string | null;
  attempts: number;
  runAt: string;
  lockedBy: string | null;
  lockedUntil: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

function toStoredJob(row: JobsTable, data: string | null | undefined): StoredJob {
  return {
    id: row.id,
    name: row.name,
    // A completed job's payload is gone (deleted at completion): its data reads as null.
    data: data == null ? null : (JSON.parse(data) as unknown),
    state: row.state as StoredJobState,
    singletonKey: row.singleton_key,
    attempts: Number(row.attempts),
    runAt: row.run_at,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewJob {
  id: string;
  name: string;
  data: unknown;
  singletonKey: string | null;
  /** ISO 8601 UTC. */
  runAt: string;
  /** ISO 8601 UTC. */
  at: string;
}

/**
 * False when a queued or active job already holds the singleton key (the unique partial index decides, atomically).
 * The payload goes in first, under the new job's id, so a job row never lacks its data; a deduped job's payload is
 * deleted again, and one left by a crash in between is pruned (pruneJobs). No explicit transaction: SQLite runs
 * each statement with the busy timeout, which a deferred transaction shared by two processes would not get.
 * On every webhook: the SQLite store's statement cache prepares each SQL text once, and JSON text is stored as is.
 */
export async function insertJob(db: Db, job: NewJob): Promise<boolean> {
  await db
    .insertInto("job_payloads")
    .values({ job_id: job.id, data: jobDataJson(job.data), created_at: job.at })
    .execute();
  const result = await db
    .insertInto("jobs")
    .values({
      id: job.id,
      name: job.name,
      state: "queued",
      singleton_key: job.singletonKey,
      attempts: 0,
      run_at: job.runAt,
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: job.at,
      updated_at: job.at,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0n) > 0) return true;
  await db.deleteFrom("job_payloads").where("job_id", "=", job.id).execute();
  return false;
}

async function payloadOf(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom("job_payloads").select("data").where("job_id", "=", id).executeTakeFirst();
  return row?.data;
}

export interface Claim {
  name: string;
  workerId: string;
  /** ISO 8601 UTC. */
  now: string;
  /** ISO 8601 UTC: the lease. */
  lockedUntil: string;
}

/** Kept as the last error of a job whose worker vanished (crash, kill -9) or outlived its lease. */
export const LEASE_EXPIRED_REASON =
  "Error: the job's lease expired before it finished (its worker stopped or was too slow)";

/**
 * Takes the oldest due job of `name` — queued with `runAt` passed, or active with an expired lease — in ONE
 * statement, so two workers (or two processes on one SQLite file, or two PostgreSQL sessions) never both get it.
 * The claim counts an attempt. Returns undefined when nothing is due — on PostgreSQL also when a concurrent claim
 * took the row first (no SKIP LOCKED: PostgreSQL stores use pg-boss; the caller simply polls again).
 */
export async function claimNextJob(db: Db, claim: Claim): Promise<StoredJob | undefined> {
  // Two lookups, each one ordered walk of jobs_due_i: an expired lease first (it is older), else the oldest due
  // queued job. (One OR over both states made SQLite scan and sort every job of the name on every claim.)
  const next = (eb: ExpressionBuilder<Database, "jobs">) =>
    eb.fn.coalesce(
      eb
        .selectFrom("jobs")
        .select("id")
        .where("name", "=", claim.name)
        .where("state", "=", "active")
        .where("locked_until", "<", claim.now)
        .orderBy("run_at")
        .limit(1),
      eb
        .selectFrom("jobs")
        .select("id")
        .where("name", "=", claim.name)
        .where("state", "=", "queued")
        .where("run_at", "<=", claim.now)
        .orderBy("run_at")
        .orderBy("created_at")
        .limit(1),
    );
  const row = await db
    .updateTable("jobs")
    .set({
      state: "active",
      attempts: sql<number>`attempts + 1`,
      locked_by: claim.workerId,
      locked_until: claim.lockedUntil,
      // SET reads the row as it was: an expired lease is recorded as the previous attempt's failure.
      last_error: sql<
        string | null
      >`case when state = 'active' then ${LEASE_EXPIRED_REASON} else last_error end`,
      updated_at: claim.now,
    })
    .where("id", "=", next)
    // Re-checked on the row itself: PostgreSQL's READ COMMITTED re-evaluates this after waiting on a concurrent claim.
    .where((eb) =>
      eb.or([
        eb.and([eb("state", "=", "queued"), eb("run_at", "<=", claim.now)]),
        eb.and([eb("state", "=", "active"), eb("locked_until", "<", claim.now)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toStoredJob(row, await payloadOf(db, row.id)) : undefined;
}

/** The claim a worker holds: completing or failing applies only while it still holds it. */
export interface JobFence {
  id: string;
  workerId: string;
  attempts: number;
}

/**
 * False when the lease was lost (expired and claimed again): the outcome is not recorded. A completed job's payload
 * is deleted with it (a webhook body is ~20 KB; the row stays for the counts until pruned).
 */
export async function completeJob(db: Db, fence: JobFence, at: string): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "completed", locked_by: null, locked_until: null, updated_at: at })
    .where("id", "=", fence.id)
    .where("state", "=", "active")
    .where("locked_by", "=", fence.workerId)
    .where("attempts", "=", fence.attempts)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  // A crash before this leaves the payload to pruneJobs.
  await db.deleteFrom("job_payloads").where("job_id", "=", fence.id).execute();
  return true;
}

export interface JobFailureUpdate {
  /** queued = retry at `runAt`; dead = dead-lettered. */
  state: "queued" | "dead";
  runAt: string;
  error: string;
  at: string;
}

/** False when the lease was lost. */
export async function failJob(db: Db, fence: JobFence, update: JobFailureUpdate): Promise<boolean> {
  const result = await db
    .updateTable("jobs")
    .set({
      state: update.state,
      run_at: update.runAt,
      locked_by: null,
      locked_until: null,
      last_error: update.error,
      updated_at: update.at,
    })
    .where("id", "=", fence.id)
    .where("state", "=", "active")
    .where("locked_by", "=", fence.workerId)
    .where("attempts", "=", fence.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function getJob(db: Db, id: string): Promise<StoredJob | undefined> {
  const row = await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toStoredJob(row, await payloadOf(db, id)) : undefined;
}

export interface JobCount {
  name: string;
  state: StoredJobState;
  total: number;
  /** Of them, claimed at least once (a queued one is then waiting to retry). */
  retried: number;
}

export async function countJobs(db: Db): Promise<JobCount[]> {
  const rows = await db
    .selectFrom("jobs")
    .select(["name", "state"])
    .select((eb) => [
      eb.fn.countAll().as("total"),
      sql<number>`sum(case when attempts > 0 then 1 else 0 end)`.as("retried"),
    ])
    .groupBy(["name", "state"])
    .execute();
  return rows.map((r) => ({
    name: r.name,
    state: r.state as StoredJobState,
    total: Number(r.total),
    retried: Number(r.retried),
  }));
}

/** The newest failure of `name` among jobs waiting to retry or dead. */
export async function lastJobError(
  db: Db,
  name: string,
): Promise<{ jobId: string; message: string; at: string } | null> {
  const row = await db
    .selectFrom("jobs")
    .select(["id", "last_error", "updated_at"])
    .where("name", "=", name)
    .where("last_error", "is not", null)
    .where((eb) =>
      eb.or([eb("state", "=", "dead"), eb.and([eb("state", "=", "queued"), eb("attempts", ">", 0)])]),
    )
    .orderBy("updated_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.last_error ? { jobId: row.id, message: row.last_error, at: row.updated_at } : null;
}

/** Deletes completed and dead jobs last touched before `before` (ISO). */
export async function pruneJobs(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom("jobs")
    .where("state", "in", ["completed", "dead"])
    .where("updated_at", "<", before)
    .executeTakeFirst();
  // Payloads of completed jobs a crash kept, of the jobs just deleted, and any a crash left without a job. A payload
  // is written just before its job row, so one without a job is only an orphan once it is old.
  await db
    .deleteFrom("job_payloads")
    .where(({ and, or, exists, not, selectFrom, eb }) =>
      or([
        exists(
          selectFrom("jobs")
            .select("id")
            .whereRef("jobs.id", "=", "job_payloads.job_id")
            .where("state", "=", "completed"),
        ),
        and([
          eb("created_at", "<", before),
          not(exists(selectFrom("jobs").select("id").whereRef("jobs.id", "=", "job_payloads.job_id"))),
        ]),
      ]),
    )
    .execute();
  return Number(result.numDeletedRows);
}
