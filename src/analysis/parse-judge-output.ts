// Validates the model's answer (untrusted) with zod: only known verdicts and tones, only the ids that were asked.
import { z } from "zod";
import type { JudgeResult } from "./judge.js";
import { sanitizeRewrite } from "./sanitize-rewrite.js";

const JudgeOutputItem = z.object({
  id: z.string(),
  verdict: z.enum(["teaching", "correcting", "not-feedback"]),
  tone: z.enum(["ok", "harsh"]),
  confidence: z.number().min(0).max(1).nullish(),
  rewrite: z.string().nullish(),
});

/** What the prompt asks for: {"results":[…]}. Extra keys are ignored, not trusted. */
export const JudgeOutput = z.object({ results: z.array(JudgeOutputItem) });
export type JudgeOutput = z.infer<typeof JudgeOutput>;

export type ParsedJudgeOutput =
  | { ok: true; results: JudgeResult[] }
  | { ok: false; reason: "malformed-output" | "invalid-output"; detail: string };

/** Parses the raw text of the model's reply. */
export function parseJudgeOutput(text: string, requestedIds: readonly string[]): ParsedJudgeOutput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      reason: "malformed-output",
      detail: `reply is not JSON: ${String(error)}`.slice(0, 200),
    };
  }
  return validateJudgeResults(json, requestedIds);
}

/** Validates an already-decoded answer (also used on whatever a CommentJudge implementation returns). */
export function validateJudgeResults(json: unknown, requestedIds: readonly string[]): ParsedJudgeOutput {
  const candidate = Array.isArray(json) ? { results: json } : json;
  const parsed = JudgeOutput.safeParse(candidate);
  if (!parsed.success) {
    return { ok: false, reason: "invalid-output", detail: z.prettifyError(parsed.error).slice(0, 500) };
  }
  const wanted = new Set(requestedIds);
  const seen = new Set<string>();
  const results: JudgeResult[] = [];
  for (const item of parsed.data.results) {
    // Ids the model invented or repeated are dropped: it can only speak about the comments it was given.
    if (!wanted.has(item.id) || seen.has(item.id)) continue;
    seen.add(item.id);
    const result: JudgeResult = { id: item.id, verdict: item.verdict, tone: item.tone };
    if (typeof item.confidence === "number") result.confidence = item.confidence;
    const rewrite = item.verdict === "correcting" && item.rewrite ? sanitizeRewrite(item.rewrite) : "";
    if (rewrite.length > 0) result.rewrite = rewrite;
    results.push(result);
  }
  if (results.length === 0 && requestedIds.length > 0) {
    return { ok: false, reason: "invalid-output", detail: "no result matched a requested comment id" };
  }
  return { ok: true, results };
}
