// Prometheus metrics: one registry per app (never prom-client's global one, so tests and apps stay apart).
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { type CommentJudge, JudgeError } from "../analysis/judge.js";
import type { CoachingObserver } from "../coaching/evaluate-review.js";
import type { JobObserver } from "../jobs/job-queue.js";

export interface Metrics {
  registry: Registry;
  /** Webhook deliveries by event and outcome (e.g. processed, duplicate, ignored, failed). */
  webhookDeliveries: Counter<"event" | "outcome">;
  /** From request to acknowledgement; GitHub gives up after 10 s (docs/architecture.md, "The flow"). */
  deliveryAckSeconds: Histogram<"event">;
  /** Finished job attempts by name and outcome (completed, retrying, dead). */
  jobs: Counter<"name" | "outcome">;
  jobDurationSeconds: Histogram<"name" | "outcome">;
  /** LLM second-opinion requests by outcome: ok, or why the heuristics stood (timeout, rate-limited, …). */
  llmCalls: Counter<"outcome">;
  /** Tokens the provider reported (prompt and completion together). */
  llmTokens: Counter;
  /** Tokens × OPENAI_USD_PER_MILLION_TOKENS, when that price is set. */
  llmSpendUsd: Counter;
  /** Coaching evaluations that changed something on GitHub, by mode and outcome (nudged, updated, resolved). */
  nudges: Counter<"mode" | "outcome">;
}

export interface MetricsOptions {
  /** Prefix of the app's own metrics (default "review_coach_"). */
  prefix?: string;
  /** Node.js process metrics: CPU, memory, event loop lag, GC (default true). */
  processMetrics?: boolean;
}

/** Buckets around the 10 s GitHub webhook timeout: most acknowledgements should sit well under 1 s. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Jobs call GitHub and maybe an LLM: seconds to a minute. */
const JOB_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const prefix = options.prefix ?? "review_coach_";
  const registry = new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    webhookDeliveries: new Counter({
      name: `${prefix}webhook_deliveries_total`,
      help: "Webhook deliveries received, by event and outcome.",
      labelNames: ["event", "outcome"] as const,
      registers,
    }),
    deliveryAckSeconds: new Histogram({
      name: `${prefix}webhook_ack_seconds`,
      help: "Time from receiving a webhook delivery to acknowledging it (GitHub gives up after 10 s).",
      labelNames: ["event"] as const,
      buckets: ACK_BUCKETS,
      registers,
    }),
    jobs: new Counter({
      name: `${prefix}jobs_total`,
      help: "Finished job attempts, by job name and outcome (completed, retrying, dead).",
      labelNames: ["name", "outcome"] as const,
      registers,
    }),
    jobDurationSeconds: new Histogram({
      name: `${prefix}job_duration_seconds`,
      help: "Time a job attempt took, by job name and outcome.",
      labelNames: ["name", "outcome"] as const,
      buckets: JOB_BUCKETS,
      registers,
    }),
    llmCalls: new Counter({
      name: `${prefix}llm_calls_total`,
      help: "LLM second-opinion requests (one per review batch), by outcome: ok or the reason the heuristics stood.",
      labelNames: ["outcome"] as const,
      registers,
    }),
    llmTokens: new Counter({
      name: `${prefix}llm_tokens_total`,
      help: "LLM tokens the provider reported, prompt and completion together.",
      registers,
    }),
    llmSpendUsd: new Counter({
      name: `${prefix}llm_spend_usd_total`,
      help: "Estimated LLM spend in US dollars (tokens × OPENAI_USD_PER_MILLION_TOKENS; 0 without a price).",
      registers,
    }),
    nudges: new Counter({
      name: `${prefix}nudges_total`,
      help: "Coaching evaluations that changed GitHub, by mode (summary, inline, check) and outcome (nudged, updated, resolved).",
      labelNames: ["mode", "outcome"] as const,
      registers,
    }),
  };
}

/** The job queue's observer that counts attempts and their duration: `createJobQueue(store, { observer })`. */
export function observeJobs(metrics: Metrics): JobObserver {
  return (event) => {
    const labels = { name: event.name, outcome: event.outcome };
    metrics.jobs.inc(labels);
    metrics.jobDurationSeconds.observe(labels, event.durationSeconds);
  };
}

/**
 * The judge, counted: each request by outcome (a JudgeError's reason, else "error"), its tokens, and their price
 * when one is given. Behaviour is unchanged: results and errors pass through.
 */
export function observeJudge(
  judge: CommentJudge,
  metrics: Metrics,
  usdPerMillionTokens?: number,
): CommentJudge {
  return {
    promptVersion: judge.promptVersion,
    async judge(batch, options) {
      try {
        const results = await judge.judge(batch, {
          ...options,
          onUsage: (tokens) => {
            metrics.llmTokens.inc(tokens);
            if (usdPerMillionTokens !== undefined)
              metrics.llmSpendUsd.inc((tokens * usdPerMillionTokens) / 1e6);
            options.onUsage?.(tokens);
          },
        });
        metrics.llmCalls.inc({ outcome: "ok" });
        return results;
      } catch (error) {
        metrics.llmCalls.inc({ outcome: error instanceof JudgeError ? error.reason : "error" });
        throw error;
      }
    },
  };
}

/** Counts the coaching evaluations that changed GitHub (the coaching handler's observer). */
export function observeCoaching(metrics: Metrics): CoachingObserver {
  return ({ mode, outcome }) => {
    if (outcome === "nudged" || outcome === "updated" || outcome === "resolved")
      metrics.nudges.inc({ mode, outcome });
  };
}

/** A node:http handler for GET /metrics in the Prometheus text format. */
export function metricsHandler(
  registry: Registry,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" });
      res.end("review-coach: /metrics answers GET only\n");
      return;
    }
    let body: string;
    try {
      body = await registry.metrics();
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" });
      res.end(
        `review-coach: could not collect metrics: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return;
    }
    res.writeHead(200, { "content-type": registry.contentType });
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
