// Reads and validates the labelled evaluation set (test/fixtures/analysis/eval-set.jsonl).
import { readFileSync } from "node:fs";
import { z } from "zod";

export const EvalRow = z.strictObject({
  id: z.string(),
  body: z.string(),
  author: z.string().optional(),
  pr_author: z.string().optional(),
  verdict: z.enum(["teaching", "correcting", "not-feedback"]),
  tone: z.enum(["ok", "harsh"]),
});
export type EvalRow = z.infer<typeof EvalRow>;

export const EVAL_SET_URL = new URL("../../fixtures/analysis/eval-set.jsonl", import.meta.url);

export function loadEvalSet(path: string | URL = EVAL_SET_URL): EvalRow[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => EvalRow.parse(JSON.parse(line)));
}
