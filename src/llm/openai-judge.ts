// CommentJudge adapter over an OpenAI-compatible chat completions API (the `openai` package); one request per batch.
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { type CommentJudge, JudgeError } from "../analysis/judge.js";
import { parseJudgeOutput } from "../analysis/parse-judge-output.js";
import { type JudgePrompt, renderJudgePrompt } from "../analysis/render-judge-prompt.js";

export interface OpenAiJudgeOptions {
  /** OPENAI_API_KEY, read by the caller (env is read in one place: docs/architecture.md, "Conventions"). */
  apiKey: string;
  /** OPENAI_BASE_URL for compatible providers; the OpenAI API when absent. */
  baseURL?: string;
  prompt: JudgePrompt;
  /** Client-side retries on 429/5xx/connection errors (default 1); the caller's timeout bounds them all. */
  maxRetries?: number;
  /** Cap on the completion, per batch (default 4000: ~100 tokens per comment for a 40-comment review). */
  maxOutputTokens?: number;
  /** For tests or proxies; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export function createOpenAiJudge(options: OpenAiJudgeOptions): CommentJudge {
  const client = new OpenAI({
    apiKey: options.apiKey,
    maxRetries: options.maxRetries ?? 1,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  return {
    promptVersion: options.prompt.version,
    async judge(batch, { model, signal, onUsage }) {
      const { system, user } = renderJudgePrompt(options.prompt, batch);
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model,
            messages: [
              { role: "system", content: system },
              { role: "user", content: user },
            ],
            // JSON mode is the widest-supported structured output among compatible providers; zod checks the shape.
            response_format: { type: "json_object" },
            temperature: 0,
            max_tokens: options.maxOutputTokens ?? 4000,
          },
          signal ? { signal } : {},
        );
      } catch (error) {
        throw toJudgeError(error);
      }
      if (completion.usage) onUsage?.(completion.usage.total_tokens);
      const text = completion.choices[0]?.message?.content;
      if (!text) throw new JudgeError("malformed-output", "openai-judge: the model returned no content");
      const parsed = parseJudgeOutput(
        text,
        batch.map((c) => c.id),
      );
      if (!parsed.ok) throw new JudgeError(parsed.reason, `openai-judge: ${parsed.detail}`);
      return parsed.results;
    },
  };
}

function toJudgeError(error: unknown): JudgeError {
  const cause = { cause: error };
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) {
    return new JudgeError("timeout", "openai-judge: request timed out", cause);
  }
  if (error instanceof APIError) {
    if (error.status === 429)
      return new JudgeError("rate-limited", "openai-judge: rate limited (429); heuristics used", cause);
    if (error.status !== undefined && error.status >= 500) {
      return new JudgeError(
        "server-error",
        `openai-judge: provider error ${error.status}; heuristics used`,
        cause,
      );
    }
    const hint =
      error.status === 401
        ? " (check OPENAI_API_KEY)"
        : error.status === 404
          ? " (check llm.model and OPENAI_BASE_URL)"
          : "";
    return new JudgeError(
      "request-failed",
      `openai-judge: request failed with ${error.status ?? "no status"}${hint}`,
      cause,
    );
  }
  return new JudgeError(
    "request-failed",
    `openai-judge: ${error instanceof Error ? error.message : String(error)}`,
    cause,
  );
}
