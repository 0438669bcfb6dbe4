// Backfill progress per repository, so an interrupted backfill resumes after the last PR it completed.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export type BackfillStatus = "running" | "done" | "failed";

export interface BackfillState {
  repoFullName: string;
  since: string;
  runStartedAt: string;
  status: BackfillStatus;
  cursor: { prNumber: number; updatedAt: string } | null;
  prsDone: number;
  deliveries: number;
  updatedAt: string;
  error: string | null;
}

export async function getBackfillState(db: Db, repoFullName: string): Promise<BackfillState | undefined> {
  const row = await db
    .selectFrom("backfill_state")
    .selectAll()
    .where("repo_full_name", "=", repoFullName)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    repoFullName: row.repo_full_name,
    since: row.since,
    runStartedAt: row.run_started_at,
    status: row.status as BackfillStatus,
    cursor:
      row.cursor_pr_number == null || row.cursor_pr_updated_at == null
        ? null
        : { prNumber: row.cursor_pr_number, updatedAt: row.cursor_pr_updated_at },
    prsDone: row.prs_done,
    deliveries: row.deliveries,
    updatedAt: row.updated_at,
    error: row.error,
  };
}

/** Starts a fresh run (no cursor), replacing whatever a finished earlier run left. */
export async function startBackfillRun(
  db: Db,
  run: { repoFullName: string; since: string; at: string },
): Promise<void> {
  const values = {
    repo_full_name: run.repoFullName,
    since: run.since,
    run_started_at: run.at,
    status: "running",
    cursor_pr_number: null,
    cursor_pr_updated_at: null,
    prs_done: 0,
    deliveries: 0,
    updated_at: run.at,
    error: null,
  };
  const { repo_full_name: _key, ...update } = values;
  await db
    .insertInto("backfill_state")
    .values(values)
    .onConflict((oc) => oc.column("repo_full_name").doUpdateSet(update))
    .execute();
}

/** Marks a resumed run as running again, keeping its cursor and counters. */
export async function resumeBackfillRun(db: Db, repoFullName: string, at: string): Promise<void> {
  await db
    .updateTable("backfill_state")
    .set({ status: "running", error: null, updated_at: at })
    .where("repo_full_name", "=", repoFullName)
    .execute();
}

/** Records one PR as completed: every delivery of it is in the store. */
export async function advanceBackfillCursor(
  db: Db,
  repoFullName: string,
  pr: { number: number; updatedAt: string; deliveries: number; at: string },
): Promise<void> {
  await db
    .updateTable("backfill_state")
    .set((eb) => ({
      cursor_pr_number: pr.number,
      cursor_pr_updated_at: pr.updatedAt,
      prs_done: eb("prs_done", "+", 1),
      deliveries: eb("deliveries", "+", pr.deliveries),
      updated_at: pr.at,
    }))
    .where("repo_full_name", "=", repoFullName)
    .execute();
}

export async function finishBackfillRun(
  db: Db,
  repoFullName: string,
  outcome: { status: "done" | "failed"; at: string; error?: string },
): Promise<void> {
  await db
    .updateTable("backfill_state")
    .set({ status: outcome.status, updated_at: outcome.at, error: outcome.error?.slice(0, 2000) ?? null })
    .where("repo_full_name", "=", repoFullName)
    .execute();
}
