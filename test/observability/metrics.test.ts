import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "@jest/globals";
import { register as globalRegistry } from "prom-client";
import { JudgeError } from "../../src/analysis/judge.js";
import {
  createMetrics,
  metricsHandler,
  observeCoaching,
  observeJobs,
  observeJudge,
} from "../../src/observability/metrics.js";

describe("createMetrics", () => {
  it("gives each app its own registry and leaves prom-client's global one alone", async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });

    a.webhookDeliveries.inc({ event: "pull_request_review", outcome: "processed" });

    expect(await a.registry.metrics()).toContain(
      'review_coach_webhook_deliveries_total{event="pull_request_review",outcome="processed"} 1',
    );
    expect(await b.registry.metrics()).not.toContain('outcome="processed"');
    expect(globalRegistry.getSingleMetric("review_coach_webhook_deliveries_total")).toBeUndefined();
  });

  it("exposes every metric the app records, by its documented name", async () => {
    const metrics = createMetrics({ processMetrics: false });
    metrics.deliveryAckSeconds.observe({ event: "pull_request_review" }, 0.03);
    metrics.llmCalls.inc({ outcome: "timeout" });
    metrics.llmTokens.inc(812);
    metrics.llmSpendUsd.inc(0.0004);
    metrics.nudges.inc({ mode: "summary", outcome: "nudged" });

    const text = await metrics.registry.metrics();

    expect(text).toContain(
      'review_coach_webhook_ack_seconds_bucket{le="0.05",event="pull_request_review"} 1',
    );
    expect(text).toContain('review_coach_llm_calls_total{outcome="timeout"} 1');
    expect(text).toContain("review_coach_llm_tokens_total 812");
    expect(text).toContain("review_coach_llm_spend_usd_total 0.0004");
    expect(text).toContain('review_coach_nudges_total{mode="summary",outcome="nudged"} 1');
    expect(text).toContain("# TYPE review_coach_jobs_total counter");
    expect(text).toContain("# TYPE review_coach_job_duration_seconds histogram");
  });

  it("includes Node.js process metrics unless told not to", async () => {
    expect(await createMetrics().registry.metrics()).toContain("process_cpu_user_seconds_total");
    expect(await createMetrics({ processMetrics: false }).registry.metrics()).not.toContain("process_cpu");
  });
});

describe("observeJobs", () => {
  it("counts a finished attempt by name and outcome, with its duration", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const observe = observeJobs(metrics);

    observe({ name: "coach-review", outcome: "retrying", attempt: 1, durationSeconds: 0.2 });
    observe({ name: "coach-review", outcome: "completed", attempt: 2, durationSeconds: 0.3 });

    const text = await metrics.registry.metrics();
    expect(text).toContain('review_coach_jobs_total{name="coach-review",outcome="retrying"} 1');
    expect(text).toContain('review_coach_jobs_total{name="coach-review",outcome="completed"} 1');
    expect(text).toContain(
      'review_coach_job_duration_seconds_count{name="coach-review",outcome="completed"} 1',
    );
  });
});

describe("observeJudge", () => {
  const batch = [{ id: "c1", body: "rename this", verdict: "correcting" }] as never;

  it("counts a request, its tokens and their price, and passes the usage on to the budget", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const budget: number[] = [];
    const judge = observeJudge(
      {
        promptVersion: "judge-comment.v1",
        async judge(_batch, options) {
          options.onUsage?.(1500);
          return [];
        },
      },
      metrics,
      2,
    );

    await judge.judge(batch, { model: "gpt-4o-mini", onUsage: (t) => budget.push(t) });

    const text = await metrics.registry.metrics();
    expect(judge.promptVersion).toBe("judge-comment.v1");
    expect(budget).toEqual([1500]);
    expect(text).toContain('review_coach_llm_calls_total{outcome="ok"} 1');
    expect(text).toContain("review_coach_llm_tokens_total 1500");
    expect(text).toContain("review_coach_llm_spend_usd_total 0.003");
  });

  it("counts a failure by the judge's reason and rethrows it; no price means no spend", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const failing = (error: Error) =>
      observeJudge(
        {
          promptVersion: "v",
          async judge() {
            throw error;
          },
        },
        metrics,
      );

    await expect(
      failing(new JudgeError("timeout", "took too long")).judge(batch, {} as never),
    ).rejects.toThrow("took too long");
    await expect(failing(new Error("socket hang up")).judge(batch, {} as never)).rejects.toThrow(
      "socket hang up",
    );

    const text = await metrics.registry.metrics();
    expect(text).toContain('review_coach_llm_calls_total{outcome="timeout"} 1');
    expect(text).toContain('review_coach_llm_calls_total{outcome="error"} 1');
    expect(text).toContain("review_coach_llm_spend_usd_total 0");
  });
});

describe("observeCoaching", () => {
  it("counts what changed GitHub, by mode and outcome, and nothing else", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const observe = observeCoaching(metrics);

    for (const outcome of ["nudged", "nudged", "updated", "resolved", "skipped", "unchanged", "busy"])
      observe({ mode: "summary", outcome });
    observe({ mode: "check", outcome: "nudged" });

    const text = await metrics.registry.metrics();
    expect(text).toContain('review_coach_nudges_total{mode="summary",outcome="nudged"} 2');
    expect(text).toContain('review_coach_nudges_total{mode="summary",outcome="updated"} 1');
    expect(text).toContain('review_coach_nudges_total{mode="summary",outcome="resolved"} 1');
    expect(text).toContain('review_coach_nudges_total{mode="check",outcome="nudged"} 1');
    expect(text).not.toContain('outcome="skipped"');
    expect(text).not.toContain('outcome="busy"');
  });
});

describe("metricsHandler", () => {
  let server: Server;
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  async function serve(): Promise<string> {
    const metrics = createMetrics({ processMetrics: false });
    metrics.nudges.inc({ mode: "inline", outcome: "nudged" });
    server = createServer(metricsHandler(metrics.registry));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  }

  it("answers GET in the Prometheus text format", async () => {
    const res = await fetch(await serve());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toContain('review_coach_nudges_total{mode="inline",outcome="nudged"} 1');
  });

  it("refuses other methods", async () => {
    const res = await fetch(await serve(), { method: "POST" });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, HEAD");
  });
});
