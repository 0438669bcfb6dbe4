import { describe, expect, it } from "@jest/globals";
import { ExpectedRetryJobError, isExpectedRetryJobError } from "../../src/jobs/expected-retry-job-error.js";

describe("isExpectedRetryJobError", () => {
  it("is true for an ExpectedRetryJobError, also one from another module copy, and false otherwise", () => {
    expect(isExpectedRetryJobError(new ExpectedRetryJobError("lease held"))).toBe(true);
    expect(
      isExpectedRetryJobError(Object.assign(new Error("lease held"), { name: "ExpectedRetryJobError" })),
    ).toBe(true);
    expect(isExpectedRetryJobError(new Error("lease held"))).toBe(false);
    expect(isExpectedRetryJobError("ExpectedRetryJobError")).toBe(false);
  });
});
