// The latest known state of each pull request (draft, labels, requested reviewers), for coaching and metrics.
import type { Kysely, Selectable, Transaction } from "kysely";
import type { PullRequestSnapshot } from "../ingest/normalize-delivery.js";
import type { Database, PullRequestsTable } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/** Keeps the newest snapshot by the PR's `updated_at`: an older redelivery never rolls the state back. */
export async function upsertPullRequest(db: Db, s: PullRequestSnapshot): Promise<void> {
  const row: PullRequestsTable = {
    repo_id: s.repoId,
    number: s.number,
    installation_id: s.installationId,
    repo_full_name: s.repoFullName,
    pr_id: s.prId,
    author_login: s.authorLogin,
    author_type: s.authorType,
    title: s.title,
    state: s.state,
    draft: s.draft ? 1 : 0,
    merged: s.merged ? 1 : 0,
    labels: JSON.stringify(s.labels),
    requested_reviewers: JSON.stringify(s.requestedReviewers),
    html_url: s.htmlUrl,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    closed_at: s.closedAt,
  };
  await db
    .insertInto("pull_requests")
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(["repo_id", "number"])
        .doUpdateSet((eb) => ({
          installation_id: eb.ref("excluded.installation_id"),
          repo_full_name: eb.ref("excluded.repo_full_name"),
          title: eb.ref("excluded.title"),
          state: eb.ref("excluded.state"),
          draft: eb.ref("excluded.draft"),
          merged: eb.ref("excluded.merged"),
          labels: eb.ref("excluded.labels"),
          requested_reviewers: eb.ref("excluded.requested_reviewers"),
          html_url: eb.ref("excluded.html_url"),
          updated_at: eb.ref("excluded.updated_at"),
          closed_at: eb.ref("excluded.closed_at"),
        }))
        .where("excluded.updated_at", ">=", (eb) => eb.ref("pull_requests.updated_at")),
    )
    .execute();
}

export function rowToPullRequest(r: Selectable<PullRequestsTable>): PullRequestSnapshot {
  return {
    repoId: Number(r.repo_id),
    number: r.number,
    installationId: r.installation_id == null ? null : Number(r.installation_id),
    repoFullName: r.repo_full_name,
    prId: Number(r.pr_id),
    authorLogin: r.author_login,
    authorType: r.author_type,
    title: r.title,
    state: r.state,
    draft: r.draft === 1,
    merged: r.merged === 1,
    labels: JSON.parse(r.labels) as string[],
    requestedReviewers: JSON.parse(r.requested_reviewers) as string[],
    htmlUrl: r.html_url,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
  };
}

export async function getPullRequest(
  db: Db,
  repoFullName: string,
  number: number,
): Promise<PullRequestSnapshot | undefined> {
  const row = await db
    .selectFrom("pull_requests")
    .selectAll()
    .where("repo_full_name", "=", repoFullName)
    .where("number", "=", number)
    .executeTakeFirst();
  return row ? rowToPullRequest(row) : undefined;
}
