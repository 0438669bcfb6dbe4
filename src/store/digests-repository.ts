// Weekly digests: claimed once per (target, week) across restarts and replicas, with the issue they became.
import type { Kysely, Transaction } from "kysely";
import type { RepoConfig } from "../config/schema.js";
import { getRepoConfig } from "./repo-configs-repository.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export type DigestStatus = "claimed" | "posted" | "failed";

export interface DigestRecord {
  target: string;
  week: string;
  installationId: number | null;
  repos: string[];
  status: DigestStatus;
  attempts: number;
  issueNumber: number | null;
  issueUrl: string | null;
  claimedAt: string;
  postedAt: string | null;
  error: string | null;
}

export async function getDigest(db: Db, target: string, week: string): Promise<DigestRecord | undefined> {
  const row = await db
    .selectFrom("digests")
    .selectAll()
    .where("target", "=", target)
    .where("week", "=", week)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    target: row.target,
    week: row.week,
    installationId: row.installation_id == null ? null : Number(row.installation_id),
    repos: JSON.parse(row.repos) as string[],
    status: row.status as DigestStatus,
    attempts: row.attempts,
    issueNumber: row.issue_number,
    issueUrl: row.issue_url,
    claimedAt: row.claimed_at,
    postedAt: row.posted_at,
    error: row.error,
  };
}

export interface DigestClaim {
  target: string;
  week: string;
  installationId: number | null;
  repos: readonly string[];
  /** ISO 8601 UTC. */
  at: string;
  /**
   * ISO 8601 UTC: a claim taken before this (a process that died mid-post) or a failure recorded before it may be
   * taken again; a posted digest never is.
   */
  retryBefore: string;
  maxAttempts: number;
}

/**
 * Claims the right to post one digest. Only one caller gets true per (target, week), also across replicas sharing a
 * PostgreSQL store: the insert (or the conditional update of a stale or failed claim) is one atomic statement.
 */
export async function claimDigest(db: Db, claim: DigestClaim): Promise<boolean> {
  const result = await db
    .insertInto("digests")
    .values({
      target: claim.target,
      week: claim.week,
      installation_id: claim.installationId,
      repos: JSON.stringify(claim.repos),
      status: "claimed",
      attempts: 1,
      issue_number: null,
      issue_url: null,
      claimed_at: claim.at,
      posted_at: null,
      error: null,
    })
    .onConflict((oc) =>
      oc
        .columns(["target", "week"])
        .doUpdateSet((eb) => ({
          status: "claimed",
          attempts: eb("digests.attempts", "+", 1),
          claimed_at: claim.at,
          installation_id: claim.installationId,
          repos: JSON.stringify(claim.repos),
          error: null,
        }))
        .where((eb) =>
          eb.and([
            eb("digests.status", "!=", "posted"),
            eb("digests.claimed_at", "<", claim.retryBefore),
            eb("digests.attempts", "<", claim.maxAttempts),
          ]),
        ),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function markDigestPosted(
  db: Db,
  key: { target: string; week: string },
  issue: { number: number; url: string | null; at: string },
): Promise<void> {
  await db
    .updateTable("digests")
    .set({
      status: "posted",
      issue_number: issue.number,
      issue_url: issue.url,
      posted_at: issue.at,
      error: null,
    })
    .where("target", "=", key.target)
    .where("week", "=", key.week)
    .execute();
}

export async function markDigestFailed(
  db: Db,
  key: { target: string; week: string },
  error: string,
): Promise<void> {
  await db
    .updateTable("digests")
    .set({ status: "failed", error: error.slice(0, 2000) })
    .where("target", "=", key.target)
    .where("week", "=", key.week)
    .where("status", "!=", "posted")
    .execute();
}

/** A repository whose stored config is valid (only those are coached and get a digest: docs/architecture.md, "Configuration"). */
export interface CoachedRepo {
  repoFullName: string;
  config: RepoConfig;
  /** From the repositories table (installation events), else from the newest recorded event that carries one. */
  installationId: number | null;
  /** Removed from the installation (installation_repositories.removed). */
  repoRemoved: boolean;
  /** The installation was deleted or suspended. */
  installationRemoved: boolean;
}

/** Every repository with config status "ok", with what the scheduler needs to decide whether to post. */
export async function listCoachedRepos(db: Db): Promise<CoachedRepo[]> {
  const rows = await db
    .selectFrom("repo_configs")
    .select("repo_full_name")
    .where("status", "=", "ok")
    .orderBy("repo_full_name")
    .execute();
  const repos: CoachedRepo[] = [];
  for (const { repo_full_name: repoFullName } of rows) {
    const stored = await getRepoConfig(db, repoFullName);
    if (stored?.status !== "ok") continue;
    const repository = await db
      .selectFrom("repositories")
      .select(["installation_id", "removed_at"])
      .where("full_name", "=", repoFullName)
      .orderBy("removed_at", "desc")
      .executeTakeFirst();
    let installationId = repository?.installation_id == null ? null : Number(repository.installation_id);
    if (installationId === null) {
      const event = await db
        .selectFrom("events")
        .select("installation_id")
        .where("repo_full_name", "=", repoFullName)
        .where("installation_id", "is not", null)
        .orderBy("occurred_at", "desc")
        .limit(1)
        .executeTakeFirst();
      installationId = event?.installation_id == null ? null : Number(event.installation_id);
    }
    let installationRemoved = false;
    if (installationId !== null) {
      const installation = await db
        .selectFrom("installations")
        .select("removed_at")
        .where("id", "=", installationId)
        .executeTakeFirst();
      // An installation the store never saw an event for is not known to be removed.
      installationRemoved = installation?.removed_at != null;
    }
    repos.push({
      repoFullName,
      config: stored.config,
      installationId,
      repoRemoved: repository?.removed_at != null,
      installationRemoved,
    });
  }
  return repos;
}

/** Whether the store holds any event of these repositories before `before` (ISO): is there anything to report yet. */
export async function hasEventsBefore(db: Db, repos: readonly string[], before: string): Promise<boolean> {
  if (repos.length === 0) return false;
  const row = await db
    .selectFrom("events")
    .select("key")
    .where("repo_full_name", "in", [...repos])
    .where("occurred_at", "<", before)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
