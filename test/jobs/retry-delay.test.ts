import { describe, expect, it } from "@jest/globals";
import { retryDelaySecondsFor } from "../../src/jobs/retry-delay.js";

describe("retryDelaySecondsFor", () => {
  it("keeps the delay flat without backoff", () => {
    const policy = { retryDelaySeconds: 10, backoff: false };
    expect([1, 2, 3].map((n) => retryDelaySecondsFor(n, policy, () => 0.5))).toEqual([10, 10, 10]);
  });

  it("doubles the delay after each failure with backoff, as pg-boss does", () => {
    const policy = { retryDelaySeconds: 10, backoff: true };
    expect([1, 2, 3, 4].map((n) => retryDelaySecondsFor(n, policy, () => 0))).toEqual([10, 20, 40, 80]);
  });

  it("adds up to the same again as jitter", () => {
    const policy = { retryDelaySeconds: 10, backoff: true };
    expect(retryDelaySecondsFor(2, policy, () => 0.999)).toBeCloseTo(39.98, 2);
  });

  it("stops growing after 16 doublings", () => {
    const policy = { retryDelaySeconds: 1, backoff: true };
    expect(retryDelaySecondsFor(40, policy, () => 0)).toBe(2 ** 15);
  });
});
