import { describe, expect, it } from "@jest/globals";
import { classifyGitHubError, httpStatusOf, survivableStatus } from "../../src/github/github-error.js";

const githubError = (status: number, message = "HttpError", headers: Record<string, string> = {}) =>
  Object.assign(new Error(message), { status, response: { headers } });

describe("classifyGitHubError", () => {
  it.each([404, 410, 422])("calls a %i permanent: the object is gone or the request invalid", (status) => {
    expect(classifyGitHubError(githubError(status))).toBe("permanent");
    expect(survivableStatus(githubError(status))).toBe(status);
  });

  it.each([400, 401, 403])("calls a %i survivable: a coaching action logs it and carries on", (status) => {
    expect(classifyGitHubError(githubError(status))).toBe("survivable");
    expect(survivableStatus(githubError(status))).toBe(status);
  });

  it.each([
    ["a 5xx", githubError(502)],
    ["a 429", githubError(429)],
    ["a 403 with retry-after", githubError(403, "Forbidden", { "retry-after": "30" })],
    ["a 403 with the hourly budget used up", githubError(403, "Forbidden", { "x-ratelimit-remaining": "0" })],
    ["a 403 naming a secondary rate limit", githubError(403, "You have exceeded a secondary rate limit")],
    ["a network error", new TypeError("fetch failed")],
    ["a non-error", null],
  ])("calls %s retry", (_name, error) => {
    expect(classifyGitHubError(error)).toBe("retry");
    expect(survivableStatus(error)).toBeUndefined();
  });

  it("reads the status only when it is a number", () => {
    expect(httpStatusOf({ status: "404" })).toBeUndefined();
    expect(httpStatusOf(githubError(404))).toBe(404);
  });
});
