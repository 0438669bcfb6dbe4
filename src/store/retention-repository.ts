// How long personal data stays (README, Security): an installation's rows are purged once it has been removed for a
// grace period, or at once with `review-coach purge --installation ID`.
import { type Kysely, sql } from "kysely";
import type { Database } from "./schema.js";

/** Rows removed (or, in a dry run, that would be) per table. */
export type PurgeCounts = Record<string, number>;

/**
 * The repositories whose rows belong to the installation: those it held (installation events) or recorded events
 * for, less any another installation holds now (a repository moved to another account keeps its data there).
 */
async function reposOf(db: Kysely<Database>, installationId: number): Promise<string[]> {
  const held = await db
    .selectFrom("repositories")
    .select("full_name as name")
    .where("installation_id", "=", installationId)
    .union(
      db
        .selectFrom("events")
        .select("repo_full_name as name")
        .where("installation_id", "=", installationId)
        .distinct(),
    )
    .execute();
  const elsewhere = new Set(
    (
      await db
        .selectFrom("repositories")
        .select("full_name")
        .where("installation_id", "!=", installationId)
        .where("removed_at", "is", null)
        .execute()
    ).map((r) => r.full_name),
  );
  return [...new Set(held.map((r) => r.name))].filter((name) => !elsewhere.has(name));
}

/** Rows of an installation, by its id. A test checks that every table with such a column is listed here. */
export const BY_INSTALLATION: ReadonlyArray<[table: keyof Database, column: string]> = [
  ["deliveries", "installation_id"],
  ["events", "installation_id"],
  ["pull_requests", "installation_id"],
  ["nudges", "installation_id"],
  ["coaching_decisions", "installation_id"],
  ["coaching_opt_outs", "installation_id"],
  ["digests", "installation_id"],
  ["llm_cache", "installation_id"],
  ["llm_usage", "installation_id"],
  ["description_nudges", "installation_id"],
  ["description_assessments", "installation_id"],
  ["onboardings", "installation_id"],
  ["repositories", "installation_id"],
  ["installations", "id"],
];

/** Rows of its repositories, by name (some carry no installation id). A test checks this list too. */
export const BY_REPOSITORY: ReadonlyArray<[table: keyof Database, column: string]> = [
  ["deliveries", "repo_full_name"],
  ["events", "repo_full_name"],
  ["pull_requests", "repo_full_name"],
  ["assessments", "repo_full_name"],
  ["repo_configs", "repo_full_name"],
  ["config_reports", "repo_full_name"],
  ["backfill_state", "repo_full_name"],
  ["nudges", "repo_full_name"],
  ["coaching_decisions", "repo_full_name"],
  ["description_nudges", "repo_full_name"],
  ["description_assessments", "repo_full_name"],
  ["onboardings", "repo_full_name"],
];

/** SQLite takes at most 32,766 parameters a statement; lists go in chunks well under it. */
const CHUNK = 500;

/**
 * Deletes everything the store holds of one installation: its deliveries, events, pull requests, assessments,
 * configs, nudges, decisions, digests, opt-outs, the model's cache and usage, its repositories and itself. With
 * `dryRun`, counts and changes nothing. One transaction: a purge is whole or not at all.
 */
export async function purgeInstallation(
  db: Kysely<Database>,
  installationId: number,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<PurgeCounts> {
  return db.transaction().execute(async (tx) => {
    const repos = await reposOf(tx, installationId);
    const counts: PurgeCounts = {};
    const purge = async (table: string, column: string, values: readonly (string | number)[]) => {
      for (let at = 0; at < values.length; at += CHUNK) {
        const list = sql.join(values.slice(at, at + CHUNK));
        const where = sql`${sql.ref(column)} in (${list})`;
        const { rows } = await sql<{
          n: string | number;
        }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(tx);
        counts[table] = (counts[table] ?? 0) + Number(rows[0]?.n ?? 0);
        if (!dryRun) await sql`delete from ${sql.table(table)} where ${where}`.execute(tx);
      }
    };
    // Repository rows first, so a dry run does not count a row twice (by installation, then by repository).
    if (repos.length > 0) for (const [table, column] of BY_REPOSITORY) await purge(table, column, repos);
    for (const [table, column] of BY_INSTALLATION) {
      if (dryRun && BY_REPOSITORY.some(([t]) => t === table) && repos.length > 0) {
        // Count what the repository step did not already count.
        const notCounted = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}
          where ${sql.ref(column)} = ${installationId}
          and (repo_full_name is null or repo_full_name not in (${sql.join(repos)}))`.execute(tx);
        counts[table] = (counts[table] ?? 0) + Number(notCounted.rows[0]?.n ?? 0);
      } else await purge(table, column, [installationId]);
    }
    return counts;
  });
}

/**
 * Purges every installation removed (uninstalled or suspended) before `now - graceDays`: the data of an
 * organisation that left stays no longer than that (README, Security). Returns the ids purged.
 */
export async function purgeRemovedInstallations(
  db: Kysely<Database>,
  now: Date,
  graceDays: number,
): Promise<number[]> {
  const before = new Date(now.getTime() - graceDays * 86_400_000).toISOString();
  const removed = await db
    .selectFrom("installations")
    .select("id")
    .where("removed_at", "is not", null)
    .where("removed_at", "<", before)
    .execute();
  const ids = removed.map((r) => Number(r.id));
  for (const id of ids) await purgeInstallation(db, id);
  return ids;
}
