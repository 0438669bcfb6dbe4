// Adapts secondOpinion() to the classify command's judge hook: per-line opinions, or why an unsure line got none.
import type { LlmConfig } from "../config/schema.js";
import type { ClassifyJudgeHook, LineOpinion } from "./classify-lines.js";
import { type SecondOpinionPorts, secondOpinion } from "./second-opinion.js";

export interface SecondOpinionHookOptions {
  /** The CLI has no installation; any fixed number keys its budget. */
  installationId: number;
  llm: LlmConfig;
  ports: SecondOpinionPorts;
  /** Receives each batch's fallback (for a log line on stderr). */
  onFallback?: (reason: string, detail: string) => void;
}

export function createSecondOpinionHook(options: SecondOpinionHookOptions): ClassifyJudgeHook {
  return async (items) => {
    const outcome = await secondOpinion(
      { installationId: options.installationId, items, llm: options.llm },
      options.ports,
    );
    if (outcome.fallback) options.onFallback?.(outcome.fallback.reason, outcome.fallback.detail);
    const opinions = new Map<string, LineOpinion>();
    for (const item of items) {
      const id = item.comment.id;
      const result = outcome.opinions.get(id);
      if (result) {
        const opinion: LineOpinion = { verdict: result.verdict, tone: result.tone };
        if (result.confidence !== undefined) opinion.confidence = result.confidence;
        if (result.rewrite) opinion.suggestion = result.rewrite;
        opinions.set(id, opinion);
      } else if (outcome.fallback && item.assessment.confidence < options.llm.confidence_below) {
        opinions.set(id, { fallback: outcome.fallback.reason });
      }
    }
    return opinions;
  };
}
