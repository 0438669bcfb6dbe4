// Ports of the optional LLM second opinion (docs/architecture.md, "Analysis"): the judge, its cache, its budget, and the clock.
import type { Tone, Verdict } from "./assessment.js";

/** One comment sent to the model. The body is untrusted data, never instructions. */
export interface JudgeRequest {
  id: string;
  body: string;
}

/** The model's opinion on one comment, after validation; the rewrite is already length-limited and defanged. */
export interface JudgeResult {
  id: string;
  verdict: Verdict;
  tone: Tone;
  /** 0..1 as the model states it; absent when it gave none. */
  confidence?: number;
  /** For corrections: the comment rewritten to keep the request and give the why. */
  rewrite?: string;
}

export interface JudgeOptions {
  /** Model name (config llm.model). */
  model: string;
  /** Aborted when the request's time is up (config llm.timeout_ms). */
  signal?: AbortSignal;
  /** Called with the tokens the provider reports (prompt + completion), for the budget. */
  onUsage?: (tokens: number) => void;
}

export interface CommentJudge {
  /** Identifies the prompt (e.g. "judge-comment.v1"); part of the cache key, so a new prompt is asked afresh. */
  readonly promptVersion: string;
  /** One request for the whole batch. Rejects with a JudgeError on any failure. */
  judge(batch: readonly JudgeRequest[], options: JudgeOptions): Promise<JudgeResult[]>;
}

/** Opinions per installation: one installation's entry is never served to another (README, Security). */
export interface JudgeCache {
  get(installationId: number, hash: string): Promise<JudgeResult | undefined>;
  set(installationId: number, hash: string, result: JudgeResult): Promise<void>;
}

export interface BudgetLimits {
  maxComments: number;
  maxTokens: number;
}

/**
 * Per-installation daily allowance (config llm.max_comments_per_day, llm.max_tokens_per_day), day = UTC "YYYY-MM-DD".
 * `reserve` atomically checks both limits against what is already used (tokens: estimate must fit) and counts the
 * comments and the estimated tokens, so concurrent requests cannot all pass on the same remainder; `record` settles
 * once the provider has answered: it adds the tokens actually spent (or the estimate when it did not say) less the
 * `reservedTokens` that reserve counted.
 */
export interface JudgeBudget {
  reserve(
    installationId: number,
    day: string,
    comments: number,
    estTokens: number,
    limits: BudgetLimits,
  ): Promise<boolean>;
  record(installationId: number, day: string, tokensUsed: number, reservedTokens?: number): Promise<void>;
}

/** Injected for testability (docs/architecture.md, "Conventions"). */
export type Clock = () => Date;

/**
 * Requests that failed recently, by cache key (so per installation and comment): asking again at once would most
 * likely fail again and cost again (README, Security). Kept briefly; the heuristic verdict stands meanwhile.
 */
export interface JudgeFailures {
  get(key: string, now: Date): { reason: FallbackReason; detail: string } | undefined;
  set(key: string, failure: { reason: FallbackReason; detail: string }, now: Date): void;
}

/** Why the heuristic verdict stood; returned so the caller can log it (never thrown past the orchestrator). */
export type FallbackReason =
  | "budget-exhausted"
  | "timeout"
  | "rate-limited"
  | "server-error"
  | "malformed-output"
  | "invalid-output"
  | "request-failed";

/** The one error type a CommentJudge rejects with, so the orchestrator can say why it fell back. */
export class JudgeError extends Error {
  readonly reason: FallbackReason;

  constructor(reason: FallbackReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "JudgeError";
    this.reason = reason;
  }
}
