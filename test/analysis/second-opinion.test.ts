import { describe, expect, it } from "@jest/globals";
import { createInMemoryJudgeFailures } from "../../src/analysis/in-memory-judge-failures.js";
import {
  type CommentJudge,
  JudgeError,
  type JudgeRequest,
  type JudgeResult,
} from "../../src/analysis/judge.js";
import { type AssessedComment, secondOpinion } from "../../src/analysis/second-opinion.js";
import {
  assessed,
  FIXED_NOW,
  llmConfig,
  portsFor,
  UNSURE_BODIES,
  unsureItems,
} from "./helpers/second-opinion-fixtures.js";

/** A judge that answers "teaching" for every comment and remembers each batch it was sent. */
function recordingJudge(answer?: (batch: readonly JudgeRequest[]) => Promise<JudgeResult[]>) {
  const batches: JudgeRequest[][] = [];
  const judge: CommentJudge = {
    promptVersion: "judge-comment.test",
    async judge(batch, options) {
      batches.push([...batch]);
      options.onUsage?.(321);
      return answer
        ? answer(batch)
        : batch.map((c) => ({ id: c.id, verdict: "teaching", tone: "ok", confidence: 0.7 }));
    },
  };
  return { judge, batches };
}

describe("secondOpinion", () => {
  it("sends only the unsure comments of a review, in one request, when it writes no suggestions", async () => {
    const { judge, batches } = recordingJudge();
    const { ports } = portsFor(judge);
    const sure = assessed("s1", "Rename to `userId`.");
    const items = [sure, ...unsureItems()];

    const outcome = await secondOpinion(
      { installationId: 1, items, llm: llmConfig({ write_suggestions: false }) },
      ports,
    );

    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((c) => c.id)).toEqual(["u1", "u2", "u3"]);
    expect(outcome.assessments[0]).toBe(sure.assessment);
    expect(outcome.assessments.slice(1).map((a) => [a.verdict, a.source])).toEqual([
      ["teaching", "llm"],
      ["teaching", "llm"],
      ["teaching", "llm"],
    ]);
    expect(outcome).toMatchObject({ unsure: 3, sent: 3, cacheHits: 0 });
    expect(outcome.fallback).toBeUndefined();
  });

  it("also sends the sure corrections a nudge would name, so the model writes their suggestion", async () => {
    const { judge, batches } = recordingJudge(async (batch) =>
      batch.map((c) => ({
        id: c.id,
        verdict: "correcting" as const,
        tone: "ok" as const,
        confidence: 0.9,
        rewrite: `Could we ${c.id}? Because it matters.`,
      })),
    );
    const { ports } = portsFor(judge);
    const items = [
      assessed("s1", "Rename to `userId`."),
      assessed("nit", "nit: trailing space"),
      assessed("question", "Are these the v2 routes?"),
      assessed("teaching", "Rename to `userId`, because `data` hides what it holds."),
      assessed("harsh", "This is stupid. Rename it."),
      ...unsureItems(),
    ];
    expect(items[0]?.assessment).toMatchObject({ verdict: "correcting", tone: "ok" });
    expect((items[0]?.assessment.confidence ?? 0) >= 0.6).toBe(true);

    const outcome = await secondOpinion({ installationId: 1, items, llm: llmConfig() }, ports);

    // Sure (by the rules) and sent only for its suggestion: s1 alone; the nit, the question, the teaching and the
    // harsh comment are never sent for one (some are unsure, and go for a verdict as before).
    const sent = batches.flat().map((c) => c.id);
    expect(batches).toHaveLength(1);
    expect(outcome.forSuggestion).toBe(1);
    expect(sent).toContain("s1");
    expect(sent.length).toBe(outcome.unsure + 1);
    expect(outcome.assessments[0]).toMatchObject({
      source: "llm",
      suggestion: "Could we s1? Because it matters.",
    });
  });

  it("keeps a rewrite written with the review's other comments for that review's later evaluations only", async () => {
    const { judge, batches } = recordingJudge(async (batch) =>
      batch.map((c) => ({
        id: c.id,
        verdict: "correcting" as const,
        tone: "ok" as const,
        rewrite: `For ${c.id}`,
      })),
    );
    const { ports } = portsFor(judge);
    const first = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig(), scope: "acme/app#7" },
      ports,
    );
    const again = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig(), scope: "acme/app#7" },
      ports,
    );
    const other = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig(), scope: "acme/app#8" },
      ports,
    );

    expect(batches).toHaveLength(1);
    expect(again.assessments.map((a) => a.suggestion)).toEqual(first.assessments.map((a) => a.suggestion));
    expect(again.assessments[0]?.suggestion).toBe("For u1");
    expect(other.cacheHits).toBe(3);
    expect(other.assessments.some((a) => a.suggestion?.startsWith("For "))).toBe(false);
  });

  it("asks nothing when the LLM is disabled", async () => {
    const { judge, batches } = recordingJudge();

    const outcome = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig({ enabled: false }) },
      portsFor(judge).ports,
    );

    expect(batches).toHaveLength(0);
    expect(outcome.assessments.every((a) => a.source === "heuristic")).toBe(true);
  });

  it("answers a repeated review from the cache without a request", async () => {
    const { judge, batches } = recordingJudge();
    const { ports } = portsFor(judge);
    await secondOpinion({ installationId: 1, items: unsureItems(), llm: llmConfig() }, ports);

    const again = await secondOpinion({ installationId: 1, items: unsureItems(), llm: llmConfig() }, ports);

    expect(batches).toHaveLength(1);
    expect(again).toMatchObject({ cacheHits: 3, sent: 0 });
    expect(again.assessments.every((a) => a.source === "llm")).toBe(true);
  });

  it("lets the heuristics stand when the day's comment budget is used up", async () => {
    const { judge, batches } = recordingJudge();

    const outcome = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig({ max_comments_per_day: 2 }) },
      portsFor(judge).ports,
    );

    expect(batches).toHaveLength(0);
    expect(outcome.fallback?.reason).toBe("budget-exhausted");
    expect(outcome.assessments.every((a) => a.source === "heuristic")).toBe(true);
  });

  it("counts tokens as the provider reports them, and stops when the token budget would be exceeded", async () => {
    const { judge, batches } = recordingJudge();
    const { ports, budget } = portsFor(judge);
    const llm = llmConfig({ max_tokens_per_day: 1500 });
    await secondOpinion({ installationId: 7, items: unsureItems(), llm }, ports);

    expect(budget.usage(7, "2026-03-02")).toEqual({ comments: 3, tokens: 321 });

    const others = [assessed("x1", `${"Please change the loop. ".repeat(200)}`)];
    const outcome = await secondOpinion({ installationId: 7, items: others, llm }, ports);
    expect(outcome.fallback?.reason).toBe("budget-exhausted");
    expect(batches).toHaveLength(1);
  });

  it("falls back on timeout even when the judge ignores its abort signal", async () => {
    const { judge } = recordingJudge(() => new Promise(() => {}));

    const outcome = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig({ timeout_ms: 100 }) },
      portsFor(judge).ports,
    );

    expect(outcome.fallback?.reason).toBe("timeout");
    expect(outcome.assessments.every((a) => a.source === "heuristic")).toBe(true);
  });

  it.each([
    [new JudgeError("rate-limited", "429"), "rate-limited"],
    [new JudgeError("server-error", "500"), "server-error"],
    [new TypeError("fetch failed"), "request-failed"],
  ])("returns the reason when the judge fails (%s)", async (error, reason) => {
    const { judge } = recordingJudge(() => Promise.reject(error));

    const outcome = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig() },
      portsFor(judge).ports,
    );

    expect(outcome.fallback?.reason).toBe(reason);
    expect(outcome.assessments.every((a) => a.source === "heuristic")).toBe(true);
  });

  it("does not trust a judge that answers outside the rubric", async () => {
    const { judge } = recordingJudge(async (batch) =>
      batch.map((c) => ({ id: c.id, verdict: "approve" as "teaching", tone: "ok" as const })),
    );

    const outcome = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig() },
      portsFor(judge).ports,
    );

    expect(outcome.fallback?.reason).toBe("invalid-output");
  });

  it("keeps a correction's rewrite only after defanging it", async () => {
    const { judge } = recordingJudge(async (batch) =>
      batch.map((c) => ({
        id: c.id,
        verdict: "correcting" as const,
        tone: "ok" as const,
        rewrite: "Could we split this? cc @org/everyone [click](https://evil.test)",
      })),
    );

    const outcome = await secondOpinion(
      { installationId: 1, items: unsureItems(), llm: llmConfig() },
      portsFor(judge).ports,
    );

    expect(outcome.assessments[0]?.suggestion).toBe("Could we split this? cc @\u200borg/everyone click");
  });

  it("never serves one installation's cached opinion to another", async () => {
    const { judge, batches } = recordingJudge();
    const { ports } = portsFor(judge);
    await secondOpinion({ installationId: 1, items: unsureItems(), llm: llmConfig() }, ports);

    const other = await secondOpinion({ installationId: 2, items: unsureItems(), llm: llmConfig() }, ports);

    expect(batches).toHaveLength(2);
    expect(other).toMatchObject({ cacheHits: 0, sent: 3 });
  });

  it("caches a verdict per comment but never a rewrite written with other comments in the request", async () => {
    const { judge, batches } = recordingJudge(async (batch) =>
      batch.map((c) => ({
        id: c.id,
        verdict: "correcting" as const,
        tone: "ok" as const,
        rewrite: `Steered rewrite for ${c.id}`,
      })),
    );
    const { ports } = portsFor(judge);
    const review = await secondOpinion({ installationId: 1, items: unsureItems(), llm: llmConfig() }, ports);
    expect(review.assessments[0]?.suggestion).toBe("Steered rewrite for u1");

    // The same comment in a later review of the same installation: its verdict comes from the cache, its
    // rewrite from the heuristics, since the cached one was written with u2 and u3 in the prompt.
    const [alone] = unsureItems();
    const later = await secondOpinion(
      { installationId: 1, items: [alone as AssessedComment], llm: llmConfig() },
      ports,
    );
    expect(batches).toHaveLength(1);
    expect(later.cacheHits).toBe(1);
    expect(later.assessments[0]).toMatchObject({ verdict: "correcting", source: "llm" });
    expect(later.assessments[0]?.suggestion).not.toContain("Steered");
    expect(later.assessments[0]?.suggestion).toBe(alone?.assessment.suggestion);
  });

  it("keeps concurrent reviews of one installation within the daily token budget", async () => {
    const { judge, batches } = recordingJudge();
    const { ports } = portsFor(judge);
    // Each review's estimate is about 1,000 tokens: two fit in 2,500, a third does not.
    const llm = llmConfig({ max_tokens_per_day: 2500 });
    const outcomes = await Promise.all(
      UNSURE_BODIES.flatMap((body, i) => [0, 1].map((j) => assessed(`c${i}${j}`, `${body} ${i}${j}`))).map(
        (item) => secondOpinion({ installationId: 7, items: [item], llm }, ports),
      ),
    );
    expect(batches).toHaveLength(2);
    expect(outcomes.filter((o) => o.fallback?.reason === "budget-exhausted")).toHaveLength(
      outcomes.length - batches.length,
    );
  });

  it("remembers a failed request for a while, so re-evaluating the review does not pay for it again", async () => {
    const { judge, batches } = recordingJudge(async () => [{ id: "nope", verdict: "teaching", tone: "ok" }]);
    let now = FIXED_NOW;
    const { ports: base } = portsFor(judge);
    const ports = {
      ...base,
      clock: () => now,
      failures: createInMemoryJudgeFailures({ ttlMs: 10 * 60_000 }),
    };

    const outcomes = [];
    for (let i = 0; i < 4; i++)
      outcomes.push(
        await secondOpinion({ installationId: 1, items: unsureItems(), llm: llmConfig() }, ports),
      );

    expect(batches).toHaveLength(1);
    expect(outcomes.map((o) => o.fallback?.reason)).toEqual(Array(4).fill("invalid-output"));
    expect(outcomes.slice(1).map((o) => o.sent)).toEqual([0, 0, 0]);
    // Another installation's identical comments are not affected, and after the pause the model is asked again.
    await secondOpinion({ installationId: 2, items: unsureItems(), llm: llmConfig() }, ports);
    expect(batches).toHaveLength(2);
    now = new Date(FIXED_NOW.getTime() + 10 * 60_000 + 1);
    await secondOpinion({ installationId: 1, items: unsureItems(), llm: llmConfig() }, ports);
    expect(batches).toHaveLength(3);
  });
});
