import { describe, expect, it } from "@jest/globals";
import {
  capLength,
  escapeInline,
  GITHUB_BODY_LIMIT,
  link,
  MAX_QUOTE_CHARS,
  quoteComment,
  truncate,
} from "../../src/coaching/render-text.js";

const ZWSP = "\u200b";

describe("escapeInline", () => {
  it.each([
    ["@alice please", `@${ZWSP}alice please`],
    ["ping @acme/tech-leads", `ping @${ZWSP}acme/tech-leads`],
    ["see #123", `see #${ZWSP}123`],
    ["**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"],
    ["[x](https://evil.example)", `\\[x\\]\\(https${ZWSP}://evil.example\\)`],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert\\(1\\)&gt;"],
    ["ends the marker -->", "ends the marker --&gt;"],
    ["`@alice` stays code", "`@alice` stays code"],
    ["a | b ~~c~~", "a \\| b \\~\\~c\\~\\~"],
    ["email me: a@b.c", `email me: a@${ZWSP}b.c`],
  ])("%j → %j", (input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });
});

describe("quoteComment", () => {
  it("keeps prose on one line, drops code blocks and quoted lines", () => {
    const body = "> earlier\nRename this.\n```ts\nconst x = 1;\n```\nPlease.";
    expect(quoteComment(body)).toBe("Rename this. Please.");
  });

  it("truncates long comments to about 120 characters", () => {
    const quote = quoteComment("word ".repeat(100));
    expect(Array.from(quote).length).toBeLessThanOrEqual(MAX_QUOTE_CHARS);
    expect(quote.endsWith("…")).toBe(true);
  });

  it("says so when a comment is only code", () => {
    expect(quoteComment("```suggestion\nconst x = 1;\n```")).toBe("\\(code only\\)");
  });
});

describe("link", () => {
  it.each([
    ["https://github.com/a/b/pull/1#discussion_r1", "[x](https://github.com/a/b/pull/1#discussion_r1)"],
    ["javascript:alert(1)", "x"],
    ["https://example.com/a)b", "x"],
    [null, "x"],
  ])("%s", (url, expected) => {
    expect(link("x", url)).toBe(expected);
  });
});

describe("limits", () => {
  it("truncates on code points, never inside an emoji", () => {
    expect(truncate("ab😀cd", 4)).toBe("ab😀…");
  });

  it("caps a body under GitHub's 65,536 characters", () => {
    const capped = capLength("x".repeat(100_000));
    expect(capped.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(capped).toContain("shortened to fit");
  });
});
