// The features of a labeled comment, computed by the same functions assess() runs.

import { type AssessOptions, readComment } from "../../src/analysis/assess.js";
import type { Verdict } from "../../src/analysis/assessment.js";
import { commentFeatures } from "../../src/analysis/model/comment-features.js";
import { VERDICT_CLASSES } from "../../src/analysis/model/verdict-model.js";
import type { TrainingExample } from "./train-softmax.js";

export function toExample(body: string, label: Verdict, options: AssessOptions = {}): TrainingExample {
  const reading = readComment(body, options);
  return { features: [...commentFeatures(reading.features).keys()], label: VERDICT_CLASSES.indexOf(label) };
}
