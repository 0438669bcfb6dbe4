// Stored assessments of comments, keyed by event key; rows map to Assessment in one place.
import { createHash } from "node:crypto";
import type { Kysely, Selectable, Transaction } from "kysely";
import type { Assessment, ConventionalLabel, Signal, Tone, Verdict } from "../analysis/assessment.js";
import type { AssessmentsTable, Database } from "./schema.js";

type Db = Kysely<Database> | Transaction<Database>;

export const bodyHash = (body: string): string => createHash("sha256").update(body).digest("hex");

export async function upsertAssessment(
  db: Db,
  row: { eventKey: string; repoFullName: string; body: string; assessment: Assessment; at: string },
): Promise<void> {
  const a = row.assessment;
  const values: AssessmentsTable = {
    event_key: row.eventKey,
    repo_full_name: row.repoFullName,
    is_feedback: a.isFeedback ? 1 : 0,
    verdict: a.verdict,
    tone: a.tone,
    label: a.label ?? null,
    confidence: a.confidence,
    source: a.source,
    signals: JSON.stringify(a.signals),
    suggestion: a.suggestion ?? null,
    body_hash: bodyHash(row.body),
    assessed_at: row.at,
  };
  const { event_key: _key, ...update } = values;
  await db
    .insertInto("assessments")
    .values(values)
    .onConflict((oc) => oc.column("event_key").doUpdateSet(update))
    .execute();
}

export function rowToAssessment(r: Selectable<AssessmentsTable>): Assessment {
  const a: Assessment = {
    isFeedback: r.is_feedback === 1,
    verdict: r.verdict as Verdict,
    tone: r.tone as Tone,
    signals: JSON.parse(r.signals) as Signal[],
    confidence: r.confidence,
    source: r.source as Assessment["source"],
  };
  if (r.label) a.label = r.label as ConventionalLabel;
  if (r.suggestion) a.suggestion = r.suggestion;
  return a;
}

export async function getAssessments(db: Db, eventKeys: readonly string[]): Promise<Map<string, Assessment>> {
  if (eventKeys.length === 0) return new Map();
  const rows = await db
    .selectFrom("assessments")
    .selectAll()
    .where("event_key", "in", [...eventKeys])
    .execute();
  return new Map(rows.map((r) => [r.event_key, rowToAssessment(r)]));
}

/** Verdict and tone of every assessed comment of a repository (the input metrics need). */
export async function listVerdicts(
  db: Db,
  repoFullName: string,
): Promise<Map<string, { verdict: Verdict; tone: Tone }>> {
  const rows = await db
    .selectFrom("assessments")
    .select(["event_key", "verdict", "tone"])
    .where("repo_full_name", "=", repoFullName)
    .execute();
  return new Map(rows.map((r) => [r.event_key, { verdict: r.verdict as Verdict, tone: r.tone as Tone }]));
}
