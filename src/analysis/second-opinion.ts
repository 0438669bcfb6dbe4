// Asks the LLM judge about the comments of one review the heuristics are unsure of; on any failure the heuristics stand.
import type { LlmConfig } from "../config/schema.js";
import type { Assessment, CommentInput } from "./assessment.js";
import type {
  Clock,
  CommentJudge,
  FallbackReason,
  JudgeBudget,
  JudgeCache,
  JudgeFailures,
  JudgeRequest,
  JudgeResult,
} from "./judge.js";
import { JudgeError } from "./judge.js";
import { nameable } from "./names-a-change.js";
import { validateJudgeResults } from "./parse-judge-output.js";
import { MAX_BODY_CHARS } from "./render-judge-prompt.js";
import { sanitizeRewrite } from "./sanitize-rewrite.js";

export interface AssessedComment {
  comment: CommentInput;
  /** The heuristic assessment from assess(). */
  assessment: Assessment;
}

export interface SecondOpinionInput {
  installationId: number;
  /** The comments of one review (a review is the reviewer's natural batch: docs/architecture.md, "Analysis"). */
  items: readonly AssessedComment[];
  llm: LlmConfig;
  /**
   * The review the items belong to ("owner/repo#123"): a rewrite written with the review's other comments in the
   * prompt is kept for this review only, so every evaluation of it shows the same line and no other review sees it.
   */
  scope?: string;
}

export interface SecondOpinionPorts {
  judge: CommentJudge;
  cache: JudgeCache;
  budget: JudgeBudget;
  clock: Clock;
  /** Content hash for cache keys, e.g. sha256 hex (src/llm/sha256-hex.ts). */
  hash: (text: string) => string;
  /** Recent failures, not asked again for a while; without it every evaluation may ask (and pay) again. */
  failures?: JudgeFailures;
}

export interface SecondOpinionOutcome {
  /** Same order as the input; comments the model judged carry source "llm". */
  assessments: Assessment[];
  /** The model's opinions by comment id (fresh or cached), for the CLI's "llm" field and for logs. */
  opinions: ReadonlyMap<string, JudgeResult>;
  /** Comments below llm.confidence_below. */
  unsure: number;
  /** Sure corrections sent only so the model writes their suggestion (llm.write_suggestions). */
  forSuggestion: number;
  cacheHits: number;
  /** Comments sent in the (single) request; 0 when none was made. */
  sent: number;
  /** Set when the request was not made or failed: the heuristic verdicts stand for the uncached comments. */
  fallback?: { reason: FallbackReason; detail: string };
}

/** One request per review; more unsure comments than this stay heuristic (a review that long is rare and costly). */
export const MAX_BATCH = 40;
// Prompt (rubric) and per-comment answer, in tokens; bodies at ~4 characters per token. Used to reserve budget.
const PROMPT_TOKENS = 700;
const ANSWER_TOKENS_PER_COMMENT = 120;

export async function secondOpinion(
  input: SecondOpinionInput,
  ports: SecondOpinionPorts,
): Promise<SecondOpinionOutcome> {
  const { items, llm } = input;
  const opinions = new Map<string, JudgeResult>();
  let cacheHits = 0;
  // 1. Comments the heuristics are unsure about go (config llm.confidence_below), and with llm.write_suggestions the
  //    corrections a nudge would name, so the model writes the line under them: a rule cannot tell when a reason is
  //    obvious from the comment's own words (test/analysis/README.md, "Suggestions"). Never a harsh one or a nit.
  const heuristic = llm.enabled ? items.filter((item) => item.assessment.source === "heuristic") : [];
  const unsure = heuristic.filter((item) => item.assessment.confidence < llm.confidence_below);
  const forSuggestion = llm.write_suggestions
    ? heuristic.filter((item) => nameable(item.comment.body, item.assessment, llm.confidence_below))
    : [];
  const asked = [...unsure, ...forSuggestion];
  const outcome = (extra: Partial<SecondOpinionOutcome> = {}): SecondOpinionOutcome => ({
    assessments: items.map(
      (item) => merge(item.assessment, opinions.get(item.comment.id)) ?? item.assessment,
    ),
    opinions,
    unsure: unsure.length,
    forSuggestion: forSuggestion.length,
    cacheHits,
    sent: 0,
    ...extra,
  });

  // 2. Cached opinions, per installation (README, Security) and per comment: keyed by installation + prompt version
  //    + model + body, so a new prompt or model asks afresh and no installation is served another's opinion.
  const { installationId } = input;
  // A scope goes into the key after the installation; without one the key is the one every review shares.
  const keyOf = (item: AssessedComment, scope?: string) =>
    ports.hash(
      [installationId, scope, ports.judge.promptVersion, llm.model, item.comment.body]
        .filter((part) => part !== undefined)
        .join("\n"),
    );
  const { scope } = input;
  const misses: AssessedComment[] = [];
  let failedRecently: { reason: FallbackReason; detail: string } | undefined;
  for (const item of asked) {
    const cached =
      (scope === undefined ? undefined : await ports.cache.get(installationId, keyOf(item, scope))) ??
      (await ports.cache.get(installationId, keyOf(item)));
    const failure = cached ? undefined : ports.failures?.get(keyOf(item), ports.clock());
    if (cached) {
      opinions.set(item.comment.id, { ...cached, id: item.comment.id });
      cacheHits++;
    } else if (failure) {
      failedRecently = failure;
    } else {
      misses.push(item);
    }
  }
  if (misses.length === 0) return outcome(failedRecently ? { fallback: failedRecently } : {});

  // 3. The daily budget, in comments and tokens, per installation (UTC day).
  const batch = misses.slice(0, MAX_BATCH);
  const requests: JudgeRequest[] = batch.map((item) => ({ id: item.comment.id, body: item.comment.body }));
  const estTokens = estimateTokens(requests);
  const day = ports.clock().toISOString().slice(0, 10);
  const limits = { maxComments: llm.max_comments_per_day, maxTokens: llm.max_tokens_per_day };
  if (!(await ports.budget.reserve(input.installationId, day, batch.length, estTokens, limits))) {
    return outcome({
      fallback: {
        reason: "budget-exhausted",
        detail: `daily LLM budget used up for installation ${input.installationId} on ${day}`,
      },
    });
  }

  const failed = (fallback: { reason: FallbackReason; detail: string }): SecondOpinionOutcome => {
    for (const item of batch) ports.failures?.set(keyOf(item), fallback, ports.clock());
    return outcome({ sent: batch.length, fallback });
  };

  // 4. One request with a timeout; whatever happens, the tokens are recorded and the heuristics remain the default.
  let tokensUsed: number | undefined;
  let results: JudgeResult[];
  try {
    const raw = await withTimeout(
      (signal) => ports.judge.judge(requests, { model: llm.model, signal, onUsage: (t) => (tokensUsed = t) }),
      llm.timeout_ms,
    );
    // The port's answer is validated again: an adapter is just another source of untrusted data.
    const checked = validateJudgeResults(
      { results: raw },
      requests.map((r) => r.id),
    );
    if (!checked.ok) return failed({ reason: checked.reason, detail: checked.detail });
    results = checked.results;
  } catch (error) {
    return failed(describeFailure(error));
  } finally {
    await ports.budget.record(input.installationId, day, tokensUsed ?? estTokens, estTokens);
  }

  // 5. Cache and apply the opinions. A rewrite written with other comments in the prompt is this review's only:
  //    those comments could steer it (prompt injection), so only the verdict is cached for another review.
  const byId = new Map(batch.map((item) => [item.comment.id, item]));
  for (const result of results) {
    const item = byId.get(result.id);
    if (!item) continue;
    opinions.set(result.id, result);
    const { rewrite: _contextual, ...verdictOnly } = result;
    await ports.cache.set(installationId, keyOf(item), batch.length === 1 ? result : verdictOnly);
    if (batch.length > 1 && scope !== undefined && result.rewrite)
      await ports.cache.set(installationId, keyOf(item, scope), result);
  }
  return outcome({ sent: batch.length });
}

/** The heuristic assessment with the model's verdict and tone; the heuristic signals stay as evidence. */
function merge(heuristic: Assessment, opinion: JudgeResult | undefined): Assessment | undefined {
  if (!opinion) return undefined;
  const { suggestion: heuristicSuggestion, ...rest } = heuristic;
  const merged: Assessment = {
    ...rest,
    isFeedback: opinion.verdict !== "not-feedback",
    verdict: opinion.verdict,
    tone: opinion.tone,
    confidence: opinion.confidence ?? 0.8,
    source: "llm",
  };
  if (opinion.verdict === "correcting") {
    // Rewrites come from the model (defanged again, the cache could hold older entries) or from the heuristic template.
    const suggestion = opinion.rewrite ? sanitizeRewrite(opinion.rewrite) : heuristicSuggestion;
    if (suggestion) merged.suggestion = suggestion;
  }
  return merged;
}

function estimateTokens(requests: readonly JudgeRequest[]): number {
  const bodyChars = requests.reduce(
    (sum, r) => sum + Math.min(r.body.length, MAX_BODY_CHARS) + r.id.length + 20,
    0,
  );
  return PROMPT_TOKENS + Math.ceil(bodyChars / 4) + ANSWER_TOKENS_PER_COMMENT * requests.length;
}

async function withTimeout<T>(run: (signal: AbortSignal) => Promise<T>, ms: number): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Racing as well as aborting: a judge that ignores its signal still cannot hold the review up.
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new JudgeError("timeout", `no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(error: unknown): { reason: FallbackReason; detail: string } {
  if (error instanceof JudgeError) return { reason: error.reason, detail: error.message };
  if (error instanceof Error && error.name === "AbortError")
    return { reason: "timeout", detail: error.message };
  return { reason: "request-failed", detail: error instanceof Error ? error.message : String(error) };
}
