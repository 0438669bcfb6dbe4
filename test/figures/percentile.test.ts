import { describe, expect, it } from "@jest/globals";
import { nearestRank } from "../../src/figures/percentile.js";

describe("nearestRank", () => {
  it("returns null for no values, never NaN", () => {
    expect(nearestRank([], 50)).toBeNull();
  });

  it.each([
    // rank = ceil(p/100 × n), 1-based, over the sorted values
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 50, expected: 5 }, // ceil(5) = 5
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 90, expected: 9 }, // ceil(9) = 9, not 9.1
    { values: [3, 1, 2], p: 50, expected: 2 }, // ceil(1.5) = 2
    { values: [3, 1, 2], p: 90, expected: 3 }, // ceil(2.7) = 3
    { values: [4, 1], p: 50, expected: 1 }, // ceil(1) = 1: the lower value, not the mean 2.5
    { values: [7], p: 90, expected: 7 },
    { values: [5, 5, 1], p: 100, expected: 5 },
  ])("p$p of $values is $expected", ({ values, p, expected }) => {
    expect(nearestRank(values, p)).toBe(expected);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    nearestRank(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it.each([0, -1, 101, Number.NaN])("rejects percentile %p", (p) => {
    expect(() => nearestRank([1], p)).toThrow(RangeError);
  });
});
