import { describe, expect, it } from "@jest/globals";
import { createInMemoryJudgeBudget } from "../helpers/in-memory-judge-budget.js";

const limits = { maxComments: 5, maxTokens: 1000 };

describe("createInMemoryJudgeBudget", () => {
  it("reserves comments up to the daily limit, per installation and per day", async () => {
    const budget = createInMemoryJudgeBudget();

    expect(await budget.reserve(1, "2026-03-02", 4, 100, limits)).toBe(true);
    expect(await budget.reserve(1, "2026-03-02", 2, 100, limits)).toBe(false);
    expect(await budget.reserve(2, "2026-03-02", 2, 100, limits)).toBe(true);
    expect(await budget.reserve(1, "2026-03-03", 5, 100, limits)).toBe(true);
  });

  it("refuses a request whose estimate does not fit in the tokens left", async () => {
    const budget = createInMemoryJudgeBudget();
    await budget.record(1, "2026-03-02", 900);

    expect(await budget.reserve(1, "2026-03-02", 1, 200, limits)).toBe(false);
    expect(await budget.reserve(1, "2026-03-02", 1, 100, limits)).toBe(true);
  });

  it("reserves the estimate at once, so concurrent reviews cannot overspend, and settles with the actual cost", async () => {
    const budget = createInMemoryJudgeBudget();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => budget.reserve(1, "2026-03-02", 1, 400, limits)),
    );
    expect(results.filter(Boolean)).toHaveLength(2);
    await budget.record(1, "2026-03-02", 100, 400);
    expect(budget.usage(1, "2026-03-02")).toEqual({ comments: 2, tokens: 500 });
  });
});
