// Builders shared by the second-opinion tests: an LlmConfig, unsure/sure assessed comments, and ports around a judge.
import { assess } from "../../../src/analysis/assess.js";
import type { CommentJudge } from "../../../src/analysis/judge.js";
import type { AssessedComment, SecondOpinionPorts } from "../../../src/analysis/second-opinion.js";
import { LlmConfig } from "../../../src/config/schema.js";
import { createInMemoryJudgeBudget } from "../../helpers/in-memory-judge-budget.js";
import { createInMemoryJudgeCache } from "../../helpers/in-memory-judge-cache.js";

export const llmConfig = (overrides: Partial<LlmConfig> = {}): LlmConfig =>
  LlmConfig.parse({ enabled: true, timeout_ms: 200, ...overrides });

/** Long corrections with no reason found: the heuristics give them confidence below 0.6. */
export const UNSURE_BODIES = [
  "Please move this to a separate function, add a docstring, rename `tmp` to something meaningful, split the test into three cases, and use the logger instead of print.",
  "Use dependency injection for the repository instead of instantiating it in the constructor, make the class final, replace the field injection, and make the logger static.",
  "Renomeie para `userId`.",
];

/** Assessed by the rules alone, whose confidences these fixtures were chosen for; the model's differ. */
export function assessed(id: string, body: string): AssessedComment {
  const comment = { id, body, author: "kim" };
  return { comment, assessment: assess(comment, { prAuthor: "dana" }, { model: null }) };
}

export function unsureItems(): AssessedComment[] {
  return UNSURE_BODIES.map((body, i) => assessed(`u${i + 1}`, body));
}

export const FIXED_NOW = new Date("2026-03-02T10:00:00Z");

export function portsFor(judge: CommentJudge) {
  const cache = createInMemoryJudgeCache();
  const budget = createInMemoryJudgeBudget();
  const ports: SecondOpinionPorts = {
    judge,
    cache,
    budget,
    clock: () => FIXED_NOW,
    hash: (text) => `h:${text}`,
  };
  return { ports, cache, budget };
}
