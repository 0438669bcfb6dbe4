// The effective config per repository (for the CLI and the digest) and which invalid versions were reported.
import type { Kysely, Transaction } from "kysely";
import { defaultConfig, RepoConfig } from "../config/schema.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export type StoredConfigStatus = "ok" | "invalid" | "missing";

export async function saveRepoConfig(
  db: Db,
  row: {
    repoFullName: string;
    status: StoredConfigStatus;
    config: RepoConfig;
    version: string | null;
    loadedAt: string;
  },
): Promise<void> {
  const values = {
    repo_full_name: row.repoFullName,
    status: row.status,
    config: JSON.stringify(row.config),
    version: row.version,
    loaded_at: row.loadedAt,
  };
  await db
    .insertInto("repo_configs")
    .values(values)
    .onConflict((oc) =>
      oc.column("repo_full_name").doUpdateSet({
        status: values.status,
        config: values.config,
        version: values.version,
        loaded_at: values.loaded_at,
      }),
    )
    .execute();
}

/** The last config seen for a repository, re-validated (a stored row from an older schema falls back to defaults). */
export async function getRepoConfig(
  db: Db,
  repoFullName: string,
): Promise<{ status: StoredConfigStatus; config: RepoConfig; version: string | null } | undefined> {
  const row = await db
    .selectFrom("repo_configs")
    .selectAll()
    .where("repo_full_name", "=", repoFullName)
    .executeTakeFirst();
  if (!row) return undefined;
  const parsed = RepoConfig.safeParse(JSON.parse(row.config));
  return {
    status: row.status as StoredConfigStatus,
    config: parsed.success ? parsed.data : defaultConfig(),
    version: row.version,
  };
}

/**
 * Claims the right to report one version of an invalid file. Only the first caller gets true, also across
 * concurrent deliveries and replicas, so a problem is reported once per file version.
 */
export async function claimConfigReport(
  db: Db,
  repoFullName: string,
  version: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto("config_reports")
    .values({ repo_full_name: repoFullName, version, reported_at: at })
    .onConflict((oc) => oc.columns(["repo_full_name", "version"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Gives a claim back when the report could not be posted, so the next event tries again. */
export async function releaseConfigReport(db: Db, repoFullName: string, version: string): Promise<void> {
  await db
    .deleteFrom("config_reports")
    .where("repo_full_name", "=", repoFullName)
    .where("version", "=", version)
    .execute();
}
