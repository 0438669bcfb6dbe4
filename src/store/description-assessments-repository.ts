// Each PR's latest description assessment (issue #18), counted in the week the PR became ready for review.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredDescription {
  repoFullName: string;
  prNumber: number;
  installationId: number | null;
  htmlUrl: string | null;
  /** When the PR first became ready for review (opened non-draft, or marked ready); kept from the first record. */
  readyAt: string;
  prUpdatedAt: string;
  explainsWhy: boolean;
  howTested: boolean;
  completeness: number;
  missing: string[];
  words: number;
  /** null when the changed files were unknown. */
  architectural: boolean | null;
  linksAdr: boolean;
}

const bit = (b: boolean) => (b ? 1 : 0);

/** Records the latest assessment; an older PR version (a late redelivery) changes nothing, and ready_at stays. */
export async function upsertDescriptionAssessment(db: Db, d: StoredDescription, at: string): Promise<void> {
  const values = {
    repo_full_name: d.repoFullName,
    pr_number: d.prNumber,
    installation_id: d.installationId,
    html_url: d.htmlUrl,
    ready_at: d.readyAt,
    pr_updated_at: d.prUpdatedAt,
    explains_why: bit(d.explainsWhy),
    how_tested: bit(d.howTested),
    completeness: d.completeness,
    missing: JSON.stringify(d.missing),
    words: d.words,
    architectural: d.architectural === null ? null : bit(d.architectural),
    links_adr: bit(d.linksAdr),
    assessed_at: at,
  };
  const { ready_at: _readyAt, repo_full_name: _repo, pr_number: _pr, ...changes } = values;
  await db
    .insertInto("description_assessments")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["repo_full_name", "pr_number"])
        .doUpdateSet(changes)
        .where("description_assessments.pr_updated_at", "<=", d.prUpdatedAt),
    )
    .execute();
}

/** The assessments of PRs in `repos` that became ready in [from, to). */
export async function listDescriptionAssessments(
  db: Db,
  q: { repos: readonly string[]; from: string; to: string },
): Promise<StoredDescription[]> {
  if (q.repos.length === 0) return [];
  const rows = await db
    .selectFrom("description_assessments")
    .selectAll()
    .where("repo_full_name", "in", [...q.repos])
    .where("ready_at", ">=", q.from)
    .where("ready_at", "<", q.to)
    .orderBy("ready_at")
    .execute();
  return rows.map((r) => ({
    repoFullName: r.repo_full_name,
    prNumber: r.pr_number,
    installationId: r.installation_id == null ? null : Number(r.installation_id),
    htmlUrl: r.html_url,
    readyAt: r.ready_at,
    prUpdatedAt: r.pr_updated_at,
    explainsWhy: r.explains_why === 1,
    howTested: r.how_tested === 1,
    completeness: Number(r.completeness),
    missing: JSON.parse(r.missing) as string[],
    words: r.words,
    architectural: r.architectural == null ? null : r.architectural === 1,
    linksAdr: r.links_adr === 1,
  }));
}
