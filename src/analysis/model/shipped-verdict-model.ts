// The verdict model shipped in the repository (written by `npm run train`), decoded once on first use.
import { decodeVerdictModel, type VerdictModel } from "./verdict-model.js";
import { VERDICT_WEIGHTS } from "./verdict-weights.js";

let decoded: VerdictModel | undefined;

export function shippedVerdictModel(): VerdictModel {
  decoded ??= decodeVerdictModel(VERDICT_WEIGHTS);
  return decoded;
}
