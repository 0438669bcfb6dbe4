// The one description nudge per PR and its lease: the same protocol as review nudges (see nudges-repository.ts and
// docs/architecture.md, "Exactly once"), keyed by (repository, PR number).
import type { Kysely, Selectable, Transaction } from "kysely";
import type { NudgeStatus } from "./nudges-repository.js";
import type { Database, DescriptionNudgesTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface DescriptionNudgeKey {
  repoFullName: string;
  prNumber: number;
}

export interface DescriptionNudgeRecord extends DescriptionNudgeKey {
  installationId: number | null;
  author: string;
  status: NudgeStatus;
  commentId: number | null;
  bodyHash: string | null;
  prUpdatedAt: string | null;
  leaseUntil: string | null;
  dirty: boolean;
  error: string | null;
}

/** As for review nudges: one evaluation round and its GitHub calls, short enough that a crash costs 30 s. */
export const DESCRIPTION_LEASE_MS = 30_000;

const toRecord = (r: Selectable<DescriptionNudgesTable>): DescriptionNudgeRecord => ({
  repoFullName: r.repo_full_name,
  prNumber: r.pr_number,
  installationId: r.installation_id == null ? null : Number(r.installation_id),
  author: r.author,
  status: r.status as NudgeStatus,
  commentId: r.comment_id == null ? null : Number(r.comment_id),
  bodyHash: r.body_hash,
  prUpdatedAt: r.pr_updated_at,
  leaseUntil: r.lease_until,
  dirty: r.dirty === 1,
  error: r.error,
});

export async function getDescriptionNudge(
  db: Db,
  key: DescriptionNudgeKey,
): Promise<DescriptionNudgeRecord | undefined> {
  const row = await db
    .selectFrom("description_nudges")
    .selectAll()
    .where("repo_full_name", "=", key.repoFullName)
    .where("pr_number", "=", key.prNumber)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export type DescriptionClaim =
  | { acquired: true; fresh: boolean; nudge: DescriptionNudgeRecord }
  | { acquired: false };

/** Creates the row holding the lease, or takes a free or expired lease; otherwise marks the row dirty. */
export async function acquireDescriptionNudge(
  db: Db,
  nudge: DescriptionNudgeKey & { installationId: number | null; author: string },
  now: Date,
): Promise<DescriptionClaim> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + DESCRIPTION_LEASE_MS).toISOString();
  for (let round = 0; round < 2; round++) {
    const inserted = await db
      .insertInto("description_nudges")
      .values({
        repo_full_name: nudge.repoFullName,
        pr_number: nudge.prNumber,
        installation_id: nudge.installationId,
        author: nudge.author,
        status: "pending",
        comment_id: null,
        body_hash: null,
        pr_updated_at: null,
        lease_until: until,
        dirty: 0,
        error: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(["repo_full_name", "pr_number"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
      const row = await getDescriptionNudge(db, nudge);
      if (row) return { acquired: true, fresh: true, nudge: row };
    }
    const taken = await db
      .updateTable("description_nudges")
      .set({ lease_until: until, dirty: 0, updated_at: at })
      .where("repo_full_name", "=", nudge.repoFullName)
      .where("pr_number", "=", nudge.prNumber)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) {
      const row = await getDescriptionNudge(db, nudge);
      if (row) return { acquired: true, fresh: false, nudge: row };
    }
    const marked = await db
      .updateTable("description_nudges")
      .set({ dirty: 1 })
      .where("repo_full_name", "=", nudge.repoFullName)
      .where("pr_number", "=", nudge.prNumber)
      .where("lease_until", ">=", at)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) > 0) return { acquired: false };
  }
  return { acquired: false };
}

/** Lets go unless the row was marked dirty meanwhile; then the flag is cleared, the lease kept, and false returned. */
export async function releaseDescriptionNudge(db: Db, key: DescriptionNudgeKey, now: Date): Promise<boolean> {
  const released = await db
    .updateTable("description_nudges")
    .set({ lease_until: null })
    .where("repo_full_name", "=", key.repoFullName)
    .where("pr_number", "=", key.prNumber)
    .where("dirty", "=", 0)
    .executeTakeFirst();
  if (Number(released.numUpdatedRows) > 0) return true;
  await db
    .updateTable("description_nudges")
    .set({ dirty: 0, lease_until: new Date(now.getTime() + DESCRIPTION_LEASE_MS).toISOString() })
    .where("repo_full_name", "=", key.repoFullName)
    .where("pr_number", "=", key.prNumber)
    .execute();
  return false;
}

export async function abandonDescriptionNudge(db: Db, key: DescriptionNudgeKey): Promise<void> {
  await db
    .updateTable("description_nudges")
    .set({ lease_until: null, dirty: 0 })
    .where("repo_full_name", "=", key.repoFullName)
    .where("pr_number", "=", key.prNumber)
    .execute();
}

export interface DescriptionNudgeUpdate {
  status: NudgeStatus;
  commentId?: number | null;
  bodyHash?: string | null;
  prUpdatedAt?: string | null;
  error?: string | null;
}

export async function saveDescriptionNudge(
  db: Db,
  key: DescriptionNudgeKey,
  update: DescriptionNudgeUpdate,
  now: Date,
): Promise<void> {
  await db
    .updateTable("description_nudges")
    .set({
      status: update.status,
      ...(update.commentId !== undefined ? { comment_id: update.commentId } : {}),
      ...(update.bodyHash !== undefined ? { body_hash: update.bodyHash } : {}),
      ...(update.prUpdatedAt !== undefined ? { pr_updated_at: update.prUpdatedAt } : {}),
      error: update.error ?? null,
      updated_at: now.toISOString(),
    })
    .where("repo_full_name", "=", key.repoFullName)
    .where("pr_number", "=", key.prNumber)
    .execute();
}
