// Precision, recall and F1 per verdict class and for harsh tone, shared by the eval-set test, the ToxiCR test and the bench.
import type { Tone, Verdict } from "../../../src/analysis/assessment.js";

export const VERDICTS: readonly Verdict[] = ["teaching", "correcting", "not-feedback"];

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface VerdictReport {
  perClass: Record<Verdict, Scores>;
  macroF1: number;
}

export function scoreVerdicts(pairs: ReadonlyArray<{ expected: Verdict; actual: Verdict }>): VerdictReport {
  const perClass = Object.fromEntries(
    VERDICTS.map((v) => [
      v,
      scoreClass(pairs.map((p) => ({ expected: p.expected === v, actual: p.actual === v }))),
    ]),
  ) as Record<Verdict, Scores>;
  const macroF1 = VERDICTS.reduce((sum, v) => sum + perClass[v].f1, 0) / VERDICTS.length;
  return { perClass, macroF1 };
}

/** Scores the positive class "harsh". */
export function scoreTone(pairs: ReadonlyArray<{ expected: Tone; actual: Tone }>): Scores {
  return scoreClass(pairs.map((p) => ({ expected: p.expected === "harsh", actual: p.actual === "harsh" })));
}

export function scoreClass(pairs: ReadonlyArray<{ expected: boolean; actual: boolean }>): Scores {
  const tp = pairs.filter((p) => p.expected && p.actual).length;
  const fp = pairs.filter((p) => !p.expected && p.actual).length;
  const fn = pairs.filter((p) => p.expected && !p.actual).length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
}

export function formatScores(name: string, s: Scores): string {
  const pct = (x: number) => x.toFixed(3);
  return `${name.padEnd(14)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}  n ${s.support}`;
}
