// Trains the multinomial logistic regression of src/analysis/model/verdict-model.ts: AdaGrad over sparse features with
// L2, examples in a seeded order, so a run on any machine gives the same weights.
// Written here rather than taken from a library: npm's maintained logistic regressions (ml-logistic-regression) are
// dense and unregularised, which 130k hashed n-gram features cannot use; this loop is the whole optimiser.
import { FEATURE_BUCKETS } from "../../src/analysis/model/comment-features.js";
import type { VerdictModel } from "../../src/analysis/model/verdict-model.js";
import { seededRandom, shuffled } from "../seeded-random.js";

export interface TrainingExample {
  features: readonly number[];
  /** The value of each feature, in the same order; 1 for each when absent (binary features). */
  values?: readonly number[];
  /** 0 teaching, 1 correcting, 2 not-feedback (VERDICT_CLASSES order). */
  label: number;
}

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Per-class weights on the loss, to keep a small class from being drowned. */
  classWeights?: readonly [number, number, number];
}

export function trainSoftmax(examples: readonly TrainingExample[], options: TrainingOptions): Float32Array {
  const weights = new Float32Array(FEATURE_BUCKETS * 3);
  const squared = new Float32Array(FEATURE_BUCKETS * 3);
  const random = seededRandom(options.seed);
  const classWeights = options.classWeights ?? [1, 1, 1];
  const p = [0, 0, 0];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const example of shuffled(examples, random)) {
      logits(weights, example, p);
      softmaxInPlace(p);
      const scale = classWeights[example.label] ?? 1;
      for (let f = 0; f < example.features.length; f++) {
        const index = example.features[f] ?? 0;
        const value = example.values?.[f] ?? 1;
        for (let k = 0; k < 3; k++) {
          const at = index * 3 + k;
          const w = weights[at] ?? 0;
          const gradient = scale * ((p[k] ?? 0) - (k === example.label ? 1 : 0)) * value + options.l2 * w;
          const g2 = (squared[at] ?? 0) + gradient * gradient;
          squared[at] = g2;
          weights[at] = w - (options.learningRate * gradient) / (Math.sqrt(g2) + 1e-8);
        }
      }
    }
  }
  return weights;
}

export function logits(weights: Float32Array, example: TrainingExample, out: number[]): void {
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  for (let f = 0; f < example.features.length; f++) {
    const index = example.features[f] ?? 0;
    const value = example.values?.[f] ?? 1;
    out[0] += (weights[index * 3] ?? 0) * value;
    out[1] += (weights[index * 3 + 1] ?? 0) * value;
    out[2] += (weights[index * 3 + 2] ?? 0) * value;
  }
}

function softmaxInPlace(values: number[]): void {
  const max = Math.max(...values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp((values[i] ?? 0) - max);
    sum += values[i] ?? 0;
  }
  for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / sum;
}

/** The temperature that minimises the dev split's log loss, searched on a grid (calibration). */
export function fitTemperature(weights: Float32Array, dev: readonly TrainingExample[]): number {
  let best = { temperature: 1, loss: Number.POSITIVE_INFINITY };
  const p = [0, 0, 0];
  for (let t = 0.3; t <= 4.001; t += 0.05) {
    let loss = 0;
    for (const example of dev) {
      logits(weights, example, p);
      for (let k = 0; k < 3; k++) p[k] = (p[k] ?? 0) / t;
      softmaxInPlace(p);
      loss -= Math.log(Math.max(p[example.label] ?? 0, 1e-12));
    }
    if (loss < best.loss) best = { temperature: Math.round(t * 100) / 100, loss };
  }
  return best.temperature;
}

export function toModel(weights: Float32Array, temperature: number, version: string): VerdictModel {
  return { version, weights, temperature };
}
