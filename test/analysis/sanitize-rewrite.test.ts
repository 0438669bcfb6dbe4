import { describe, expect, it } from "@jest/globals";
import { MAX_REWRITE_CHARS, sanitizeRewrite } from "../../src/analysis/sanitize-rewrite.js";

describe("sanitizeRewrite", () => {
  it("escapes user and team mentions so nobody is notified", () => {
    const text = sanitizeRewrite("Ping @org/everyone and @alice about this");

    expect(text).toBe("Ping @\u200borg/everyone and @\u200balice about this");
    expect(text).not.toMatch(/@[A-Za-z]/);
  });

  it("strips markdown links, images, autolinks, bare URLs and HTML", () => {
    const text = sanitizeRewrite(
      'Could we rename this? See [the guide](https://evil.test/x) ![pixel](https://evil.test/p.png) <https://evil.test> https://evil.test/y <img src="x"> <a href="y">z</a>',
    );

    expect(text).toBe("Could we rename this? See the guide pixel z");
    expect(text).not.toContain("evil.test");
  });

  it("limits the length to 500 characters", () => {
    const text = sanitizeRewrite("x".repeat(2000));

    expect(text.length).toBeLessThanOrEqual(MAX_REWRITE_CHARS);
    expect(text.endsWith("…")).toBe(true);
  });
});
