import { describe, expect, it } from "@jest/globals";
import { isPermanentJobError, PermanentJobError } from "../../src/jobs/permanent-job-error.js";

const githubError = (status: number) => Object.assign(new Error("HttpError"), { status });

describe("PermanentJobError.fromGitHub", () => {
  it.each([404, 410, 422])("makes a %i permanent, keeping the cause", (status) => {
    const cause = githubError(status);
    const error = PermanentJobError.fromGitHub(cause);
    expect(error).toBeInstanceOf(PermanentJobError);
    expect((error as Error).message).toBe(`GitHub answered ${status}: HttpError`);
    expect((error as Error).cause).toBe(cause);
  });

  it.each([403, 429, 500, 502])("leaves a %i to be retried", (status) => {
    const cause = githubError(status);
    expect(PermanentJobError.fromGitHub(cause)).toBe(cause);
  });

  it("leaves errors without a status alone", () => {
    const cause = new TypeError("fetch failed");
    expect(PermanentJobError.fromGitHub(cause)).toBe(cause);
    expect(PermanentJobError.fromGitHub(null)).toBeNull();
  });
});

describe("isPermanentJobError", () => {
  it("knows one by class or by name", () => {
    expect(isPermanentJobError(new PermanentJobError("gone"))).toBe(true);
    expect(isPermanentJobError(Object.assign(new Error("gone"), { name: "PermanentJobError" }))).toBe(true);
    expect(isPermanentJobError(new Error("flaky"))).toBe(false);
    expect(isPermanentJobError("PermanentJobError")).toBe(false);
  });
});
