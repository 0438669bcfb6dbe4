// The evaluation figures for verdicts (docs/analysis.md defines each): F1s, the false-nudge rate, reliability, kappa.
import type { Verdict } from "../../src/analysis/assessment.js";

export interface Scored {
  gold: Verdict;
  predicted: Verdict;
  /** The probability of the predicted verdict. */
  confidence: number;
}

export interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export function classFigures(items: readonly Scored[], verdict: Verdict): ClassFigures {
  const tp = items.filter((i) => i.gold === verdict && i.predicted === verdict).length;
  const predicted = items.filter((i) => i.predicted === verdict).length;
  const support = items.filter((i) => i.gold === verdict).length;
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = support === 0 ? 0 : tp / support;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support };
}

/** Macro-F1 over all three verdicts. */
export function macroF1(items: readonly Scored[]): number {
  const verdicts: Verdict[] = ["teaching", "correcting", "not-feedback"];
  return verdicts.reduce((sum, v) => sum + classFigures(items, v).f1, 0) / verdicts.length;
}

/**
 * Teach/correct macro-F1: over the comments whose gold verdict is teaching or correcting, the mean F1 of those two
 * classes; a not-feedback prediction for one of them counts as a miss.
 */
export function teachCorrectF1(items: readonly Scored[]): number {
  const feedback = items.filter((i) => i.gold !== "not-feedback");
  return (classFigures(feedback, "teaching").f1 + classFigures(feedback, "correcting").f1) / 2;
}

/** Comments the coach would call out: predicted correcting with at least `threshold` confidence. */
export function calledOut(items: readonly Scored[], threshold: number): Scored[] {
  return items.filter((i) => i.predicted === "correcting" && i.confidence >= threshold);
}

/** Of the comments called out, the share that already teach (the false-nudge rate), and how many are not feedback. */
export function falseNudges(items: readonly Scored[], threshold: number) {
  const out = calledOut(items, threshold);
  const teaching = out.filter((i) => i.gold === "teaching").length;
  const notFeedback = out.filter((i) => i.gold === "not-feedback").length;
  const correcting = items.filter((i) => i.gold === "correcting").length;
  return {
    calledOut: out.length,
    rate: out.length === 0 ? 0 : teaching / out.length,
    notFeedback,
    /** Share of the truly correcting comments that are called out. */
    reach: correcting === 0 ? 0 : (out.length - teaching - notFeedback) / correcting,
  };
}

/** Confidence bins with the share of predictions in them that were right. */
export function reliability(items: readonly Scored[], edges = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]) {
  const rows: { from: number; to: number; count: number; meanConfidence: number; accuracy: number }[] = [];
  let from = 0;
  for (const to of edges) {
    const bin = items.filter((i) => i.confidence >= from && i.confidence < to);
    rows.push({
      from,
      to: Math.min(to, 1),
      count: bin.length,
      meanConfidence: bin.length === 0 ? 0 : bin.reduce((s, i) => s + i.confidence, 0) / bin.length,
      accuracy: bin.length === 0 ? 0 : bin.filter((i) => i.gold === i.predicted).length / bin.length,
    });
    from = to;
  }
  return rows;
}

/** Expected calibration error over the reliability bins. */
export function calibrationError(items: readonly Scored[]): number {
  if (items.length === 0) return 0;
  return reliability(items).reduce(
    (s, r) => s + (r.count / items.length) * Math.abs(r.accuracy - r.meanConfidence),
    0,
  );
}

/** Cohen's kappa between two annotations of the same items. */
export function cohensKappa<T>(pairs: readonly (readonly [T, T])[]): number {
  const n = pairs.length;
  if (n === 0) return 0;
  const observed = pairs.filter(([a, b]) => a === b).length / n;
  const countA = new Map<T, number>();
  const countB = new Map<T, number>();
  for (const [a, b] of pairs) {
    countA.set(a, (countA.get(a) ?? 0) + 1);
    countB.set(b, (countB.get(b) ?? 0) + 1);
  }
  let expected = 0;
  for (const [label, ca] of countA) expected += (ca / n) * ((countB.get(label) ?? 0) / n);
  return expected === 1 ? 1 : (observed - expected) / (1 - expected);
}

/** The length baseline: "teaching" when the comment has more than 12 words, else "correcting". */
export function lengthBaseline(body: string): Verdict {
  return body.split(/\s+/).filter((w) => w.length > 0).length > 12 ? "teaching" : "correcting";
}
