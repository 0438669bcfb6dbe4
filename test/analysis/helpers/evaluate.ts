// Runs assess() over a labelled set and scores it; the eval-set test and the README figures come from here.
import { type AssessOptions, assess } from "../../../src/analysis/assess.js";
import type { Assessment } from "../../../src/analysis/assessment.js";
import {
  formatScores,
  type Scores,
  scoreTone,
  scoreVerdicts,
  VERDICTS,
  type VerdictReport,
} from "./eval-metrics.js";
import type { EvalRow } from "./load-eval-set.js";

/** The config default for coaching.ignore_users (docs/architecture.md, "Configuration"). */
export const DEFAULT_IGNORE_USERS = ["Copilot", "coderabbitai[bot]"];

export interface Evaluation {
  verdicts: VerdictReport;
  tone: Scores;
  misses: Array<{ row: EvalRow; assessment: Assessment }>;
}

export function evaluate(rows: readonly EvalRow[], options: AssessOptions = {}): Evaluation {
  const results = rows.map((row) => ({
    row,
    assessment: assess(
      { id: row.id, body: row.body, author: row.author ?? null },
      { prAuthor: row.pr_author ?? null, ignoreUsers: DEFAULT_IGNORE_USERS },
      options,
    ),
  }));
  return {
    verdicts: scoreVerdicts(results.map((r) => ({ expected: r.row.verdict, actual: r.assessment.verdict }))),
    tone: scoreTone(results.map((r) => ({ expected: r.row.tone, actual: r.assessment.tone }))),
    misses: results.filter((r) => r.row.verdict !== r.assessment.verdict || r.row.tone !== r.assessment.tone),
  };
}

export function formatEvaluation(title: string, e: Evaluation): string {
  return [
    `${title}: macro-F1 ${e.verdicts.macroF1.toFixed(3)}`,
    ...VERDICTS.map((v) => formatScores(v, e.verdicts.perClass[v])),
    formatScores("tone: harsh", e.tone),
  ].join("\n");
}
