// The latest coaching decision per review (nudged, skipped and why), for the digest and for debugging.
import type { Kysely, Selectable, Transaction } from "kysely";
import type { CoachingDecisionsTable, Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export type DecisionOutcome = "nudged" | "updated" | "unchanged" | "resolved" | "skipped" | "failed";

export interface CoachingDecision {
  repoFullName: string;
  reviewId: number;
  installationId: number | null;
  prNumber: number;
  reviewer: string;
  outcome: DecisionOutcome;
  reason: string;
  mode: string;
  feedback: number;
  teaching: number;
  correcting: number;
  nits: number;
  harsh: number;
  ratio: number | null;
  listed: number;
  /** How many times the review was evaluated (deliveries, edits, settles). */
  evaluations: number;
  firstDecidedAt: string;
  decidedAt: string;
}

export type NewDecision = Omit<CoachingDecision, "evaluations" | "firstDecidedAt" | "decidedAt">;

/**
 * One row per review, so the digest counts reviews, not deliveries: the latest decision wins and `evaluations`
 * counts how often the review was looked at.
 */
export async function recordDecision(db: Db, d: NewDecision, at: string): Promise<void> {
  const values: CoachingDecisionsTable = {
    repo_full_name: d.repoFullName,
    review_id: d.reviewId,
    installation_id: d.installationId,
    pr_number: d.prNumber,
    reviewer: d.reviewer,
    outcome: d.outcome,
    reason: d.reason,
    mode: d.mode,
    feedback: d.feedback,
    teaching: d.teaching,
    correcting: d.correcting,
    nits: d.nits,
    harsh: d.harsh,
    ratio: d.ratio,
    listed: d.listed,
    evaluations: 1,
    first_decided_at: at,
    decided_at: at,
  };
  await db
    .insertInto("coaching_decisions")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["repo_full_name", "review_id"]).doUpdateSet((eb) => ({
        outcome: eb.ref("excluded.outcome"),
        reason: eb.ref("excluded.reason"),
        mode: eb.ref("excluded.mode"),
        feedback: eb.ref("excluded.feedback"),
        teaching: eb.ref("excluded.teaching"),
        correcting: eb.ref("excluded.correcting"),
        nits: eb.ref("excluded.nits"),
        harsh: eb.ref("excluded.harsh"),
        ratio: eb.ref("excluded.ratio"),
        listed: eb.ref("excluded.listed"),
        evaluations: eb("coaching_decisions.evaluations", "+", 1),
        decided_at: eb.ref("excluded.decided_at"),
      })),
    )
    .execute();
}

function rowToDecision(r: Selectable<CoachingDecisionsTable>): CoachingDecision {
  return {
    repoFullName: r.repo_full_name,
    reviewId: Number(r.review_id),
    installationId: r.installation_id == null ? null : Number(r.installation_id),
    prNumber: r.pr_number,
    reviewer: r.reviewer,
    outcome: r.outcome as DecisionOutcome,
    reason: r.reason,
    mode: r.mode,
    feedback: r.feedback,
    teaching: r.teaching,
    correcting: r.correcting,
    nits: r.nits,
    harsh: r.harsh,
    ratio: r.ratio,
    listed: r.listed,
    evaluations: r.evaluations,
    firstDecidedAt: r.first_decided_at,
    decidedAt: r.decided_at,
  };
}

export async function getDecision(
  db: Db,
  key: { repoFullName: string; reviewId: number },
): Promise<CoachingDecision | undefined> {
  const row = await db
    .selectFrom("coaching_decisions")
    .selectAll()
    .where("repo_full_name", "=", key.repoFullName)
    .where("review_id", "=", key.reviewId)
    .executeTakeFirst();
  return row ? rowToDecision(row) : undefined;
}

/** Decisions of a repository in [from, to) by decided_at (ISO), e.g. one digest week. */
export async function listDecisions(
  db: Db,
  q: { repoFullName: string; from?: string; to?: string },
): Promise<CoachingDecision[]> {
  let query = db.selectFrom("coaching_decisions").selectAll().where("repo_full_name", "=", q.repoFullName);
  if (q.from) query = query.where("decided_at", ">=", q.from);
  if (q.to) query = query.where("decided_at", "<", q.to);
  const rows = await query.orderBy("decided_at").orderBy("review_id").execute();
  return rows.map(rowToDecision);
}
