// Quoted and suggested text links nothing and pings nothing: GH-123 references and bare URLs are defused in nudges
// and digest quotes alike (issue #12, item 12; README, Coaching and Security).
import { describe, expect, it } from "@jest/globals";
import { escapeInline, quoteComment } from "../../src/coaching/render-text.js";
import { escapeMarkdown } from "../../src/markdown/escape-markdown.js";

/** What GitHub would turn into a link: GH-123, http(s):// and www. addresses. */
const LINKABLE = /\bGH-\d|\bhttps?:\/\/|\bwww\./i;

describe("defusing references and bare URLs", () => {
  const text = "Fixed in GH-123 and gh-7, see https://evil.test/pay?x=1 or www.evil.test or HTTP://x.test";

  it("in a nudge's quote", () => {
    const quoted = quoteComment(text);
    expect(quoted).not.toMatch(LINKABLE);
    // Still readable: only invisible characters were added.
    expect(quoted.replace(/\u200b/g, "")).toBe(text);
  });

  it("in a digest's quote", () => {
    const quoted = escapeMarkdown(text);
    expect(quoted).not.toMatch(LINKABLE);
    expect(quoted.replace(/\u200b/g, "").replace(/\\(.)/g, "$1")).toBe(text);
  });

  it("but not inside a code span, where nothing renders", () => {
    expect(escapeInline("`curl https://x.test` GH-1")).toMatch(/^`curl https:\/\/x\.test` GH-\u200b1$/);
  });
});
