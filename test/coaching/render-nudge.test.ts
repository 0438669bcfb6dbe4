import { describe, expect, it } from "@jest/globals";
import { renderCheckOutput } from "../../src/coaching/render-check.js";
import { renderInlineReply } from "../../src/coaching/render-inline.js";
import { kinderPhrasing } from "../../src/coaching/render-kinder-phrasing.js";
import { renderSummaryNudge, renderSummaryThanks } from "../../src/coaching/render-summary.js";
import { MAX_LISTED, RUBRIC_URL } from "../../src/coaching/render-text.js";
import { assessment, comment, correcting, harsh, teaching, url } from "./factory.js";

const view = (content: Partial<Parameters<typeof renderSummaryNudge>[0]["content"]>) => ({
  reviewId: 42,
  reviewer: "alice",
  reviewHtmlUrl: "https://github.com/acme/app/pull/7#pullrequestreview-42",
  content: { couldTeachMore: [], harsh: [], teaching: [], ...content },
});

describe("renderSummaryNudge", () => {
  it("addresses the reviewer, links and quotes each comment with a rewrite, credits what teaches, and says how to stop", () => {
    const a = correcting("Rename to `retryCount`.", "Could we rename this to `retryCount`? (why: …)");
    const t = teaching();
    const body = renderSummaryNudge(view({ couldTeachMore: [a], teaching: [t] }));
    expect(body.startsWith("<!-- review-coach:nudge review=42 -->\n")).toBe(true);
    expect(body).toContain(
      "👋 Hi @alice, a quick note on [your review](https://github.com/acme/app/pull/7#pullrequestreview-42).",
    );
    expect(body).toContain(`- [\`src/retry.ts\`](${url(a.githubId)}): “Rename to \`retryCount\`.”`);
    expect(body).toContain("  → *Try:* “Could we rename this to `retryCount`? \\(why: …\\)”");
    expect(body).toContain(
      `✨ Already teaching: [this comment](${url(t.githubId)}) explains its *why*. Thank you!`,
    );
    expect(body).toContain(`[How comments are assessed](${RUBRIC_URL})`);
    expect(body).toContain("Reply `/review-coach off` to stop these notes (`/review-coach on` to resume).");
  });

  it("escapes mentions, references and Markdown in quoted review text", () => {
    const a = correcting("@bob see #12, **now**. <b>x</b>", "@bob: could we fix #12? <i>");
    const body = renderSummaryNudge(view({ couldTeachMore: [a] }));
    expect(body).not.toMatch(/@bob|#12|\*\*now|<b>|<i>/);
    expect(body).toContain("“@\u200bbob see #\u200b12, \\*\\*now\\*\\*. &lt;b&gt;x&lt;/b&gt;”");
  });

  it("never quotes a harsh comment; offers a kinder phrasing only from the suggestion, without its contempt", () => {
    const h = harsh(
      "Why would you do this?! This is obviously stupid. Use a map.",
      "Could we use a map, obviously? (why: …)",
    );
    const body = renderSummaryNudge(view({ harsh: [h] }));
    expect(body).toContain(
      `One comment's wording may land harder than intended ([this one](${url(h.githubId)})).`,
    );
    expect(body).toContain("A kinder phrasing could be: “Could we use a map? \\(why: …\\)”");
    for (const words of ["Why would you", "stupid", "obviously", "?!"]) expect(body).not.toContain(words);
  });

  it("links several harsh comments, numbered, without quoting any", () => {
    const body = renderSummaryNudge(view({ harsh: [harsh("Ugh, rubbish.", ""), harsh()] }));
    expect(body).toContain("2 comments' wording may land harder than intended:");
    expect(body).toMatch(
      /- \[comment 1\]\(https:[^)]+\)\n- \[comment 2\]\(https:[^)]+\): a kinder phrasing could be “Could we use a map\?/,
    );
    expect(body).not.toContain("rubbish");
  });

  it("lists at most 10 comments and counts the rest", () => {
    const many = Array.from({ length: 14 }, (_, i) => correcting(`Rename thing ${i}.`));
    const body = renderSummaryNudge(view({ couldTeachMore: many }));
    expect(body.match(/→ \*Try:\*/g)).toHaveLength(MAX_LISTED);
    expect(body).toContain("- …and 4 more comments.");
  });

  it("stays far under GitHub's limit however long the comments are", () => {
    const huge = Array.from({ length: 40 }, () => correcting("x".repeat(50_000), "y".repeat(50_000)));
    expect(renderSummaryNudge(view({ couldTeachMore: huge, harsh: [harsh()] })).length).toBeLessThan(10_000);
  });

  it("thanks the reviewer in place, keeping the marker", () => {
    const body = renderSummaryThanks({ reviewId: 42, reviewer: "alice", reviewHtmlUrl: null });
    expect(body).toContain("<!-- review-coach:nudge review=42 -->");
    expect(body).toContain("✅ Thanks, @alice: with the edits, your review gives the author enough *why*");
  });
});

describe("kinderPhrasing", () => {
  it.each([
    ["Could we use a map, obviously? (why: …)", "Could we use a map? \\(why: …\\)"],
    ["Could we rename this? (why: …)", "Could we rename this? \\(why: …\\)"],
    ["obviously stupid", undefined],
    [undefined, undefined],
  ])("%j → %j", (suggestion, expected) => {
    expect(kinderPhrasing(assessment(suggestion === undefined ? {} : { suggestion }))).toBe(expected);
  });
});

describe("renderInlineReply", () => {
  it("suggests the why under the comment, without quoting it", () => {
    const c = correcting(
      "Remove the sleep.",
      "Could we remove the sleep? (why: what goes wrong if it stays?)",
    );
    const reply = renderInlineReply(42, c);
    expect(reply).toContain(`<!-- review-coach:nudge review=42 comment=${c.githubId} -->`);
    expect(reply).toContain("*Try:* “Could we remove the sleep? \\(why: what goes wrong if it stays?\\)”");
    expect(reply).not.toContain("“Remove the sleep.”");
  });

  it("words a harsh comment's reply gently", () => {
    const reply = renderInlineReply(42, harsh());
    expect(reply).toContain("🤝 This comment's wording may land harder than intended.");
    expect(reply).not.toContain("obviously");
  });
});

describe("renderCheckOutput", () => {
  it("annotates each comment on its line once, and summarises like the comment does", () => {
    const a = correcting();
    const b = correcting();
    const body = comment(
      "Use a map.",
      { verdict: "correcting", suggestion: "Could we use a map?" },
      { kind: "review", threadId: null, path: null },
    );
    const { output, annotatedIds } = renderCheckOutput({
      ...view({ couldTeachMore: [a, b, body] }),
      lines: new Map([
        [a.githubId, 12],
        [b.githubId, 30],
      ]),
      annotated: new Set([b.githubId]),
    });
    expect(output.title).toBe("review-coach: 3 comments could teach more");
    expect(output.annotations).toEqual([
      expect.objectContaining({
        path: "src/retry.ts",
        start_line: 12,
        end_line: 12,
        annotation_level: "notice",
        title: "Could teach more",
      }),
    ]);
    expect(annotatedIds).toEqual([a.githubId]);
    expect(output.summary).toContain(`- [review summary](${url(body.githubId)}): “Use a map.”`);
    expect(output.summary).toContain("@\u200balice");
  });
});
