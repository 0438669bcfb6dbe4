import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { Assessment } from "../../src/analysis/assessment.js";
import type { CommentJudge } from "../../src/analysis/judge.js";
import { type AssessedComment, secondOpinion } from "../../src/analysis/second-opinion.js";
import { LlmConfig } from "../../src/config/schema.js";
import { sha256Hex } from "../../src/sha256-hex.js";
import { createSqlJudgeBudget, createSqlJudgeCache } from "../../src/store/llm-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { storeTargets } from "../helpers/test-stores.js";

const NOW = new Date("2026-11-24T10:00:00Z");
const LLM = LlmConfig.parse({ enabled: true, timeout_ms: 1000 });
const BODY = "Please move this into its own module and rename the helper.";

/** An unsure heuristic correction, as assess() would leave one. */
const assessedItem = (id: string, body: string): AssessedComment => {
  const assessment: Assessment = {
    isFeedback: true,
    verdict: "correcting",
    tone: "ok",
    signals: [],
    confidence: 0.4,
    source: "heuristic",
    suggestion: "Could we move this? (why: what does it make easier?)",
  };
  return { comment: { id, body, author: "kim" }, assessment };
};

/** A judge whose rewrites name the installation it was asked for (by call number), and that counts its calls. */
function countingJudge() {
  const batches: number[] = [];
  const judge: CommentJudge = {
    promptVersion: "judge-comment.test",
    async judge(batch) {
      batches.push(batches.length + 1);
      return batch.map((c) => ({
        id: c.id,
        verdict: "correcting" as const,
        tone: "ok" as const,
        rewrite: batches.length === 1 ? "Rewrite from installation 1" : "Rewrite from installation 2",
      }));
    },
  };
  return { judge, batches };
}

describe.each(storeTargets())("LLM cache and budget on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("returns a cached result by hash, and keeps the first one", async () => {
    const cache = createSqlJudgeCache(store.db);
    expect(await cache.get(1, "h1")).toBeUndefined();
    await cache.set(1, "h1", { id: "c1", verdict: "teaching", tone: "ok" });
    await cache.set(1, "h1", { id: "c1", verdict: "correcting", tone: "ok" });
    expect(await cache.get(1, "h1")).toEqual({ id: "c1", verdict: "teaching", tone: "ok" });
  });

  it("keeps each installation's opinions to itself, even for the same comment text", async () => {
    const cache = createSqlJudgeCache(store.db);
    const { judge, batches } = countingJudge();
    const ports = { judge, cache, budget: createSqlJudgeBudget(store.db), clock: () => NOW, hash: sha256Hex };
    const items = [assessedItem("c1", BODY)];

    await secondOpinion({ installationId: 1, items, llm: LLM }, ports);
    await secondOpinion({ installationId: 1, items, llm: LLM }, ports);
    const other = await secondOpinion({ installationId: 2, items, llm: LLM }, ports);

    expect(batches).toEqual([1, 2]);
    expect(other.cacheHits).toBe(0);
    expect(other.assessments[0]?.suggestion).not.toContain("from installation 1");
  });

  it("reserves until either daily limit would be exceeded, per installation and day", async () => {
    const budget = createSqlJudgeBudget(store.db);
    const limits = { maxComments: 5, maxTokens: 1000 };
    expect(await budget.reserve(1, "2026-11-24", 3, 300, limits)).toBe(true);
    await budget.record(1, "2026-11-24", 600, 300);
    // 3 + 2 comments fits, but 600 + 500 tokens does not.
    expect(await budget.reserve(1, "2026-11-24", 2, 500, limits)).toBe(false);
    expect(await budget.reserve(1, "2026-11-24", 2, 400, limits)).toBe(true);
    expect(await budget.reserve(1, "2026-11-24", 1, 0, limits)).toBe(false);
    expect(await budget.reserve(2, "2026-11-24", 5, 0, limits)).toBe(true);
    expect(await budget.reserve(1, "2026-11-25", 5, 0, limits)).toBe(true);
  });

  it("never lets concurrent requests overspend the token budget: estimates are reserved before the call", async () => {
    const budget = createSqlJudgeBudget(store.db);
    const limits = { maxComments: 1000, maxTokens: 1000 };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => budget.reserve(7, "2026-11-24", 1, 400, limits)),
    );
    expect(results.filter(Boolean)).toHaveLength(2);
    // Settled with what the calls cost: 2 × 250 spent, so 500 left.
    await budget.record(7, "2026-11-24", 250, 400);
    await budget.record(7, "2026-11-24", 250, 400);
    expect(await budget.reserve(7, "2026-11-24", 1, 500, limits)).toBe(true);
    expect(await budget.reserve(7, "2026-11-24", 1, 1, limits)).toBe(false);
  });

  it("never lets concurrent reservations overspend", async () => {
    const budget = createSqlJudgeBudget(store.db);
    const limits = { maxComments: 10, maxTokens: 1_000_000 };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => budget.reserve(7, "2026-11-24", 3, 10, limits)),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
  });
});
