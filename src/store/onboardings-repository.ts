// The onboarding ledger (issue #17; README, "Onboarding"): one row per repository, ever.
//
// Protocol (no in-memory locks: replicas share the store):
// 1. `claimOnboarding` inserts the row (`insert … on conflict do nothing`) as `pending` with a lease, or takes a
//    `pending`/`failed` row whose lease has expired with one conditional UPDATE. Only the holder talks to GitHub.
// 2. The holder records what it opened (`open`, with the PR or issue number and the content hash), or `skipped`
//    (the repository has a config), or `failed` (retried by a later claim).
// 3. `open` rows are only updated in place; `closed` ones stay closed unless `force` (review-coach onboard --force).
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Database, OnboardingsTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * pending: claimed, nothing opened yet (or the holder died); open: the PR or issue is open; merged: the config was
 * merged (activated_at); closed: closed without merging (observe only, never again); skipped: the repository had a
 * config already; failed: GitHub refused or was down (a later claim tries again).
 */
export type OnboardingStatus = "pending" | "open" | "merged" | "closed" | "skipped" | "failed";
export type OnboardingKind = "pull-request" | "issue";

export interface OnboardingRecord {
  repoFullName: string;
  installationId: number | null;
  status: OnboardingStatus;
  kind: OnboardingKind;
  number: number | null;
  branch: string | null;
  contentHash: string | null;
  leaseUntil: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  closedAt: string | null;
}

/** Long enough for a backfill of four weeks and a pull request; a crashed holder blocks no longer than this. */
export const ONBOARDING_LEASE_MS = 15 * 60_000;

const toRecord = (r: Selectable<OnboardingsTable>): OnboardingRecord => ({
  repoFullName: r.repo_full_name,
  installationId: r.installation_id == null ? null : Number(r.installation_id),
  status: r.status as OnboardingStatus,
  kind: r.kind as OnboardingKind,
  number: r.number,
  branch: r.branch,
  contentHash: r.content_hash,
  leaseUntil: r.lease_until,
  error: r.error,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  activatedAt: r.activated_at,
  closedAt: r.closed_at,
});

export async function getOnboarding(db: Db, repoFullName: string): Promise<OnboardingRecord | undefined> {
  const row = await db
    .selectFrom("onboardings")
    .selectAll()
    .where("repo_full_name", "=", repoFullName)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export type Claim =
  | { claimed: true; record: OnboardingRecord }
  | { claimed: false; record: OnboardingRecord | undefined };

/**
 * Takes the repository's onboarding for `leaseMs`: a new row, a pending or failed one whose lease expired, an open
 * one (to update it in place), or, with `force`, a closed or skipped one. Merged is final.
 */
export async function claimOnboarding(
  db: Db,
  request: {
    repoFullName: string;
    installationId: number | null;
    kind: OnboardingKind;
    at: string;
    leaseMs?: number;
    force?: boolean;
  },
): Promise<Claim> {
  const leaseUntil = new Date(
    Date.parse(request.at) + (request.leaseMs ?? ONBOARDING_LEASE_MS),
  ).toISOString();
  const inserted = await db
    .insertInto("onboardings")
    .values({
      repo_full_name: request.repoFullName,
      installation_id: request.installationId,
      status: "pending",
      kind: request.kind,
      number: null,
      branch: null,
      content_hash: null,
      lease_until: leaseUntil,
      error: null,
      created_at: request.at,
      updated_at: request.at,
      activated_at: null,
      closed_at: null,
    })
    .onConflict((oc) => oc.column("repo_full_name").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
    return { claimed: true, record: (await getOnboarding(db, request.repoFullName)) as OnboardingRecord };
  }
  const statuses: OnboardingStatus[] = [
    "pending",
    "failed",
    "open",
    ...(request.force ? (["closed", "skipped"] as const) : []),
  ];
  const taken = await db
    .updateTable("onboardings")
    .set({ lease_until: leaseUntil, updated_at: request.at, installation_id: request.installationId })
    .where("repo_full_name", "=", request.repoFullName)
    .where("status", "in", statuses)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", request.at)]))
    .executeTakeFirst();
  const record = await getOnboarding(db, request.repoFullName);
  return Number(taken.numUpdatedRows) === 1 && record
    ? { claimed: true, record }
    : { claimed: false, record };
}

/** Lets go of the claim with the outcome. */
export async function settleOnboarding(
  db: Db,
  repoFullName: string,
  outcome: {
    status: OnboardingStatus;
    at: string;
    kind?: OnboardingKind;
    number?: number | null;
    branch?: string | null;
    contentHash?: string | null;
    error?: string | null;
  },
): Promise<void> {
  await db
    .updateTable("onboardings")
    .set({
      status: outcome.status,
      lease_until: null,
      updated_at: outcome.at,
      error: outcome.error ?? null,
      ...(outcome.kind ? { kind: outcome.kind } : {}),
      ...(outcome.number !== undefined ? { number: outcome.number } : {}),
      ...(outcome.branch !== undefined ? { branch: outcome.branch } : {}),
      ...(outcome.contentHash !== undefined ? { content_hash: outcome.contentHash } : {}),
      ...(outcome.status === "open" || outcome.status === "pending" ? { closed_at: null } : {}),
    })
    .where("repo_full_name", "=", repoFullName)
    .execute();
}

/**
 * The team answered: merged (coaching on from `at`) or closed without merging (observe only). Only an open
 * onboarding with that number moves; a redelivery changes nothing.
 */
export async function recordOnboardingAnswer(
  db: Db,
  answer: { repoFullName: string; number: number; merged: boolean; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable("onboardings")
    .set(
      answer.merged
        ? { status: "merged", activated_at: answer.at, updated_at: answer.at }
        : { status: "closed", closed_at: answer.at, updated_at: answer.at },
    )
    .where("repo_full_name", "=", answer.repoFullName)
    .where("number", "=", answer.number)
    .where("status", "in", ["open", "pending"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
