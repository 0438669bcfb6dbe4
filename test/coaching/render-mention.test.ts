// Logins in the app's own text keep every character: escaped for Markdown, never stripped (issue #12, item 13).
import { describe, expect, it } from "@jest/globals";
import { renderCheckOutput } from "../../src/coaching/render-check.js";
import { renderSummaryNudge, renderSummaryThanks } from "../../src/coaching/render-summary.js";
import { correcting } from "./factory.js";

const view = (reviewer: string) => ({
  reviewId: 42,
  reviewer,
  reviewHtmlUrl: "https://github.com/acme/app/pull/7#pullrequestreview-42",
  content: { couldTeachMore: [correcting()], harsh: [], teaching: [] },
});

describe("the reviewer's login in a nudge", () => {
  it("keeps an enterprise login with an underscore, escaped for Markdown", () => {
    expect(renderSummaryNudge(view("alice_acme"))).toContain("👋 Hi @alice\\_acme, a quick note");
    expect(renderSummaryThanks(view("alice_acme"))).toContain("✅ Thanks, @alice\\_acme:");
    const check = { ...view("alice_acme"), lines: new Map<number, number>(), annotated: new Set<number>() };
    expect(renderCheckOutput(check).output.summary).toContain("(@\u200balice\\_acme).");
  });

  it("never lets a login that is not one inject Markdown or HTML, and never makes it someone else", () => {
    const body = renderSummaryNudge(view("x](https://evil.test) <b>"));
    expect(body).toContain("Hi @x\\]\\(https://evil.test\\) &lt;b&gt;, a quick note");
    expect(body).not.toContain("](https://evil.test)");
  });
});
