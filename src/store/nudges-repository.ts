// The one nudge per review and the lease that makes posting it race-proof across deliveries and replicas.
//
// Protocol (no in-memory locks: several replicas may handle deliveries for the same review):
// 1. `acquireNudge` inserts the row (`insert … on conflict do nothing`) or takes an expired/free lease with one
//    conditional UPDATE. Only one caller at a time holds the lease; only the holder talks to GitHub.
// 2. A caller that finds the lease held marks the row dirty and leaves: the holder evaluates once more before it
//    lets go, so the newest state (an edit that arrived mid-post) is never lost.
// 3. `releaseNudge` lets go only when the row is not dirty, in the same UPDATE; otherwise it clears the flag and
//    tells the holder to go round again.
// A lease expires (LEASE_MS) so a crashed holder cannot block a review forever.
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, NudgesTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * - pending: claimed, nothing posted yet (or a holder crashed mid-post);
 * - posted: a nudge is showing; resolved: it now says thanks;
 * - deleted: removed by the app (on_resolved: delete); gone: removed by someone else (never posted again);
 * - skipped: claimed, then the decision was not to nudge; failed: GitHub refused (403/404/422) or was down.
 */
export type NudgeStatus = "pending" | "posted" | "resolved" | "deleted" | "gone" | "skipped" | "failed";
export type NudgeMode = "summary" | "inline" | "check";

/**
 * Per review comment id: its inline reply (id, hash of the body posted, what it says now), or in check mode the
 * comments already annotated (GitHub appends annotations, so each is sent once).
 */
export interface NudgeReply {
  id: number;
  hash: string;
  state: "nudge" | "thanks" | "deleted" | "gone" | "annotated";
}
export type NudgeReplies = Record<string, NudgeReply>;

export interface NudgeKey {
  repoFullName: string;
  reviewId: number;
}

export interface NudgeRecord extends NudgeKey {
  installationId: number | null;
  prNumber: number;
  reviewer: string;
  mode: NudgeMode;
  status: NudgeStatus;
  targetId: number | null;
  replies: NudgeReplies;
  bodyHash: string | null;
  day: string;
  leaseUntil: string | null;
  dirty: boolean;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Statuses that count against max_nudges_per_reviewer_per_day (a nudge that was shown, or is being posted). */
export const COUNTED_STATUSES: readonly NudgeStatus[] = ["pending", "posted", "resolved", "deleted", "gone"];

/**
 * Long enough for one evaluation round and its GitHub calls (creates are not retried by the client; an update's
 * client retries wait 1 + 4 + 9 s); short enough that a crashed holder delays the review by half a minute only,
 * which a job retry (5 s, 10 s, 20 s… with jitter) outlasts.
 */
export const LEASE_MS = 30_000;

export function rowToNudge(r: Selectable<NudgesTable>): NudgeRecord {
  return {
    repoFullName: r.repo_full_name,
    reviewId: Number(r.review_id),
    installationId: r.installation_id == null ? null : Number(r.installation_id),
    prNumber: r.pr_number,
    reviewer: r.reviewer,
    mode: r.mode as NudgeMode,
    status: r.status as NudgeStatus,
    targetId: r.target_id == null ? null : Number(r.target_id),
    replies: JSON.parse(r.replies) as NudgeReplies,
    bodyHash: r.body_hash,
    day: r.day,
    leaseUntil: r.lease_until,
    dirty: r.dirty === 1,
    error: r.error,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getNudge(db: Db, key: NudgeKey): Promise<NudgeRecord | undefined> {
  const row = await db
    .selectFrom("nudges")
    .selectAll()
    .where("repo_full_name", "=", key.repoFullName)
    .where("review_id", "=", key.reviewId)
    .executeTakeFirst();
  return row ? rowToNudge(row) : undefined;
}

export interface NewNudge extends NudgeKey {
  installationId: number | null;
  prNumber: number;
  reviewer: string;
  mode: NudgeMode;
  day: string;
}

export type AcquireResult =
  /** `fresh`: this call created the row; otherwise it took over a free or expired lease. */
  | { acquired: true; fresh: boolean; nudge: NudgeRecord }
  /** Someone else holds the lease; the row is marked dirty so they evaluate again. */
  | { acquired: false };

export async function acquireNudge(
  db: Db,
  nudge: NewNudge,
  now: Date,
  leaseMs = LEASE_MS,
): Promise<AcquireResult> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  // Two rounds: the holder may let go between our failed take-over and our dirty mark.
  for (let round = 0; round < 2; round++) {
    const inserted = await db
      .insertInto("nudges")
      .values({
        repo_full_name: nudge.repoFullName,
        review_id: nudge.reviewId,
        installation_id: nudge.installationId,
        pr_number: nudge.prNumber,
        reviewer: nudge.reviewer,
        mode: nudge.mode,
        status: "pending",
        target_id: null,
        replies: "{}",
        body_hash: null,
        day: nudge.day,
        lease_until: until,
        dirty: 0,
        error: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.columns(["repo_full_name", "review_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) {
      const row = await getNudge(db, nudge);
      if (row) return { acquired: true, fresh: true, nudge: row };
    }

    const taken = await db
      .updateTable("nudges")
      .set({ lease_until: until, dirty: 0, updated_at: at })
      .where("repo_full_name", "=", nudge.repoFullName)
      .where("review_id", "=", nudge.reviewId)
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", at)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) {
      const row = await getNudge(db, nudge);
      if (row) return { acquired: true, fresh: false, nudge: row };
    }

    const marked = await db
      .updateTable("nudges")
      .set({ dirty: 1 })
      .where("repo_full_name", "=", nudge.repoFullName)
      .where("review_id", "=", nudge.reviewId)
      .where("lease_until", ">=", at)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) > 0) return { acquired: false };
  }
  return { acquired: false };
}

/**
 * Lets go of the lease unless another evaluation marked the row dirty meanwhile. Returns false in that case:
 * the flag is cleared, the lease kept (and extended), and the caller must evaluate once more.
 */
export async function releaseNudge(db: Db, key: NudgeKey, now: Date, leaseMs = LEASE_MS): Promise<boolean> {
  const released = await db
    .updateTable("nudges")
    .set({ lease_until: null })
    .where("repo_full_name", "=", key.repoFullName)
    .where("review_id", "=", key.reviewId)
    .where("dirty", "=", 0)
    .executeTakeFirst();
  if (Number(released.numUpdatedRows) > 0) return true;
  await db
    .updateTable("nudges")
    .set({ dirty: 0, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where("repo_full_name", "=", key.repoFullName)
    .where("review_id", "=", key.reviewId)
    .execute();
  return false;
}

/** Lets go unconditionally (after an error that is thrown on, so GitHub's redelivery can take over). */
export async function abandonNudge(db: Db, key: NudgeKey): Promise<void> {
  await db
    .updateTable("nudges")
    .set({ lease_until: null, dirty: 0 })
    .where("repo_full_name", "=", key.repoFullName)
    .where("review_id", "=", key.reviewId)
    .execute();
}

export interface NudgeUpdate {
  status: NudgeStatus;
  targetId?: number | null;
  replies?: NudgeReplies;
  bodyHash?: string | null;
  mode?: NudgeMode;
  error?: string | null;
}

export async function saveNudge(db: Db, key: NudgeKey, update: NudgeUpdate, now: Date): Promise<void> {
  await db
    .updateTable("nudges")
    .set({
      status: update.status,
      ...(update.targetId !== undefined ? { target_id: update.targetId } : {}),
      ...(update.replies !== undefined ? { replies: JSON.stringify(update.replies) } : {}),
      ...(update.bodyHash !== undefined ? { body_hash: update.bodyHash } : {}),
      ...(update.mode !== undefined ? { mode: update.mode } : {}),
      error: update.error ?? null,
      updated_at: now.toISOString(),
    })
    .where("repo_full_name", "=", key.repoFullName)
    .where("review_id", "=", key.reviewId)
    .execute();
}

/** Nudges a reviewer got in a repository on one team day, other than for `exceptReviewId`. */
export async function countNudgesOnDay(
  db: Db,
  q: { repoFullName: string; reviewer: string; day: string; exceptReviewId: number },
): Promise<number> {
  const row = await db
    .selectFrom("nudges")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("repo_full_name", "=", q.repoFullName)
    .where("reviewer", "=", q.reviewer)
    .where("day", "=", q.day)
    .where("review_id", "!=", q.exceptReviewId)
    .where("status", "in", [...COUNTED_STATUSES])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
