// The learned verdict model: multinomial logistic regression over hashed features (docs/analysis.md). Pure.
import type { Verdict } from "../assessment.js";
import { FEATURE_BUCKETS } from "./comment-features.js";

export const VERDICT_CLASSES: readonly Verdict[] = ["teaching", "correcting", "not-feedback"];

export interface VerdictModel {
  /** Names the training run, recorded in the weights file. */
  version: string;
  /** FEATURE_BUCKETS × classes weights, class-minor: weights[bucket * 3 + class]. */
  weights: Float32Array;
  /** Logits are divided by this before the softmax: calibration fitted on the dev split. */
  temperature: number;
}

/** The serialised form: weights as little-endian int16 in base64, with one scale for all of them. */
export interface EncodedVerdictModel {
  version: string;
  temperature: number;
  scale: number;
  weights: string;
}

export type VerdictProbabilities = Record<Verdict, number>;

export function scoreVerdict(
  model: VerdictModel,
  features: ReadonlyMap<number, number>,
): VerdictProbabilities {
  const logits = [0, 0, 0];
  for (const [index, value] of features) {
    const base = index * 3;
    logits[0] = (logits[0] ?? 0) + (model.weights[base] ?? 0) * value;
    logits[1] = (logits[1] ?? 0) + (model.weights[base + 1] ?? 0) * value;
    logits[2] = (logits[2] ?? 0) + (model.weights[base + 2] ?? 0) * value;
  }
  const [t = 0, c = 0, n = 0] = logits.map((l) => l / model.temperature);
  const max = Math.max(t, c, n);
  const et = Math.exp(t - max);
  const ec = Math.exp(c - max);
  const en = Math.exp(n - max);
  const sum = et + ec + en;
  return { teaching: et / sum, correcting: ec / sum, "not-feedback": en / sum };
}

export function mostLikely(probabilities: VerdictProbabilities): { verdict: Verdict; probability: number } {
  let verdict: Verdict = "correcting";
  for (const v of VERDICT_CLASSES) if (probabilities[v] > probabilities[verdict]) verdict = v;
  return { verdict, probability: probabilities[verdict] };
}

export function encodeVerdictModel(model: VerdictModel): EncodedVerdictModel {
  let maxAbs = 0;
  for (const w of model.weights) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs === 0 ? 1 : maxAbs / 32767;
  const ints = new Int16Array(model.weights.length);
  for (let i = 0; i < ints.length; i++) ints[i] = Math.round((model.weights[i] ?? 0) / scale);
  const bytes = new Uint8Array(ints.buffer);
  return {
    version: model.version,
    temperature: model.temperature,
    scale,
    weights: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64"),
  };
}

export function decodeVerdictModel(encoded: EncodedVerdictModel): VerdictModel {
  const bytes = Buffer.from(encoded.weights, "base64");
  const expected = FEATURE_BUCKETS * VERDICT_CLASSES.length * 2;
  if (bytes.byteLength !== expected) {
    throw new Error(
      `review-coach: the verdict model has ${bytes.byteLength} bytes of weights, expected ${expected}; run npm run train`,
    );
  }
  const ints = new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const weights = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i++) weights[i] = (ints[i] ?? 0) * encoded.scale;
  return { version: encoded.version, weights, temperature: encoded.temperature };
}
