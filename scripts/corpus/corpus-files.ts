// Where the corpus lives and how it is joined: labels (ids and verdicts) are committed in corpus/, the texts are read
// from ../shared/data at run time because they are GPL-licensed (docs/labeling-guide.md).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Verdict } from "../../src/analysis/assessment.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const LABELS_FILE = path.join(root, "corpus/gerrit-labels.jsonl");
/**
 * Comments labeled the same way but kept out of the model's corpus: the suggestion readings drew on them once the
 * corpus's own corrections had all been read (test/analysis/README.md, "Suggestions"). Never trained or evaluated on.
 */
export const SUGGESTION_POOL_FILE = path.join(root, "corpus/suggestion-pool-labels.jsonl");
/** The texts: REVIEW_COACH_DATA_DIR, else ../shared/data beside the checkout. */
export const DATA_DIR = process.env.REVIEW_COACH_DATA_DIR ?? path.resolve(root, "../shared/data");
export const GERRIT_FILE = path.join(DATA_DIR, "gerrit-comments.jsonl");
/** GitHub review comments labeled the same way, for evaluation only and never committed (see docs/analysis.md). */
export const GITHUB_EVAL_DIR =
  process.env.REVIEW_COACH_GITHUB_EVAL_DIR ?? path.resolve(root, "../github-eval");

export type Split = "train" | "dev" | "test";

export interface LabelRow {
  id: string;
  label: Verdict;
  /** The two independent annotations; `label` is theirs when they agree, else the third reading's. */
  a: Verdict;
  b: Verdict;
  agreed: boolean;
  split: Split;
}

export interface LabeledComment extends LabelRow {
  body: string;
}

export function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

export function readLabels(file: string = LABELS_FILE): LabelRow[] {
  return readJsonLines<LabelRow>(file);
}

/** The labeled comments with their texts, or a message saying why they cannot be read here. */
export function readLabeledCorpus(
  labelsFile: string = LABELS_FILE,
): { ok: true; comments: LabeledComment[] } | { ok: false; why: string } {
  if (!existsSync(GERRIT_FILE)) {
    return {
      ok: false,
      why: `the comment texts are not here (${GERRIT_FILE}); put the shared data beside the checkout or set REVIEW_COACH_DATA_DIR`,
    };
  }
  const bodies = new Map(readJsonLines<{ id: string; body: string }>(GERRIT_FILE).map((c) => [c.id, c.body]));
  const comments: LabeledComment[] = [];
  for (const row of readLabels(labelsFile)) {
    const body = bodies.get(row.id);
    if (body === undefined) return { ok: false, why: `${row.id} is labeled but not in ${GERRIT_FILE}` };
    comments.push({ ...row, body });
  }
  return { ok: true, comments };
}
