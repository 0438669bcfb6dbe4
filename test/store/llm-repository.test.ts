import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { createSqlJudgeBudget, createSqlJudgeCache } from "../../src/store/llm-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { storeTargets } from "../helpers/test-stores.js";

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
    expect(await cache.get("h1")).toBeUndefined();
    await cache.set("h1", { id: "c1", verdict: "teaching", tone: "ok" });
    await cache.set("h1", { id: "c1", verdict: "correcting", tone: "ok" });
    expect(await cache.get("h1")).toEqual({ id: "c1", verdict: "teaching", tone: "ok" });
  });

  it("reserves until either daily limit would be exceeded, per installation and day", async () => {
    const budget = createSqlJudgeBudget(store.db);
    const limits = { maxComments: 5, maxTokens: 1000 };
    expect(await budget.reserve(1, "2026-11-24", 3, 300, limits)).toBe(true);
    await budget.record(1, "2026-11-24", 600);
    // 3 + 2 comments fits, but 600 + 500 tokens does not.
    expect(await budget.reserve(1, "2026-11-24", 2, 500, limits)).toBe(false);
    expect(await budget.reserve(1, "2026-11-24", 2, 400, limits)).toBe(true);
    expect(await budget.reserve(1, "2026-11-24", 1, 0, limits)).toBe(false);
    expect(await budget.reserve(2, "2026-11-24", 5, 0, limits)).toBe(true);
    expect(await budget.reserve(1, "2026-11-25", 5, 0, limits)).toBe(true);
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
