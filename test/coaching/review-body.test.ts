import { describe, expect, it } from "@jest/globals";
import { asksForChange, asReviewBody } from "../../src/coaching/gather-review-facts.js";
import { assessment } from "./factory.js";

describe("a review's summary body", () => {
  it.each([
    "A few things before this can go in.",
    "Some comments inline.",
    "See my inline comments.",
    "LGTM overall, a couple of nits below.",
    "Thanks for this!",
    "Nice direction overall.",
  ])("%j only introduces, approves or thanks: not a correction", (body) => {
    expect(asksForChange(body)).toBe(false);
    const a = asReviewBody(body, assessment({ verdict: "correcting", suggestion: "x" }));
    expect(a).toMatchObject({ verdict: "not-feedback", isFeedback: false });
    expect(a.suggestion).toBeUndefined();
  });

  it.each([
    "Please rename `foo` before merging.",
    "A few things before this can go in. Remove the debug logging.",
    "This should not ship without a migration.",
  ])("%j asks for a change: still a correction", (body) => {
    expect(asksForChange(body)).toBe(true);
    expect(asReviewBody(body, assessment({ verdict: "correcting" })).verdict).toBe("correcting");
  });

  it("keeps a harsh introduction harsh, so its wording is still flagged", () => {
    const a = asReviewBody("A few things, obviously.", assessment({ verdict: "correcting", tone: "harsh" }));
    expect(a.tone).toBe("harsh");
  });
});
