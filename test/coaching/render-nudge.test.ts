import { describe, expect, it } from "@jest/globals";
import { renderCheckOutput } from "../../src/coaching/render-check.js";
import { renderInlineReply } from "../../src/coaching/render-inline.js";
import { harshWords, kinderPhrasing } from "../../src/coaching/render-kinder-phrasing.js";
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
    const a = correcting();
    const t = teaching();
    const body = renderSummaryNudge(view({ couldTeachMore: [a], teaching: [t] }));
    expect(body.startsWith("<!-- review-coach:nudge review=42 -->\n")).toBe(true);
    expect(body).toContain(
      "👋 Hi @alice, a quick note on [your review](https://github.com/acme/app/pull/7#pullrequestreview-42).",
    );
    expect(body).toContain(`- [\`src/retry.ts\`](${url(a.githubId)}): “Rename to \`retryCount\`.”`);
    expect(body).toContain(
      "  → *Try:* “Could we rename this to `retryCount`?” and add the why: what does `retryCount` tell the reader?",
    );
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

  it("names the words that read as harsh and why, and offers the same remark without them", () => {
    const h = harsh(
      "Why would you do this?! This is obviously stupid. Use a map.",
      "Could we use a map, obviously?",
    );
    const body = renderSummaryNudge(view({ harsh: [h] }));
    expect(body).toContain(`[One comment](${url(h.githubId)}) may land harder than intended.`);
    expect(body).toContain("“Why would you” can read as a verdict on the person rather than the code");
    expect(body).toContain("“?\\!” reads as exasperation");
    // The suggestion kept "obviously": the checker replaced it by the comment's own checked rewrite.
    expect(body).toContain("The same remark without them: “Could we use a map?”");
    expect(body).not.toContain("This is obviously stupid");
  });

  it("offers the same remark of a harsh comment that already explains, without its markers", () => {
    const h = comment(
      "Why would you build the CSV by string concatenation?? This is obviously broken for commas in names.",
      { verdict: "teaching", tone: "harsh" },
    );
    const body = renderSummaryNudge(view({ harsh: [h] }));
    expect(body).toContain(
      "The same remark without them: “Is there a reason to build the CSV by string concatenation? This is broken for commas in names.”",
    );
  });

  it("links several harsh comments, numbered, each with its own note", () => {
    const body = renderSummaryNudge(view({ harsh: [harsh("Ugh, rubbish.", ""), harsh()] }));
    expect(body).toContain("2 comments' wording may land harder than intended:");
    expect(body).toMatch(/- \[comment 1\]\(https:[^)]+\): “Ugh” can read as a verdict/);
    expect(body).toMatch(
      /- \[comment 2\]\(https:[^)]+\): .*The same remark without them: “Could we use a map\?”/,
    );
  });

  it("quotes a rewrite and asks the question after it", () => {
    const a = correcting("Remove the sleep.", "Could we remove the sleep? Add the why: what breaks?");
    const body = renderSummaryNudge(view({ couldTeachMore: [a] }));
    expect(body).toContain("→ *Try:* “Could we remove the sleep?” and add the why: what breaks?");
  });

  it("shows the plain missing line, never a failed rewrite", () => {
    const a = correcting("Wrong.", "Wrong. What goes wrong with it, and what would you do instead?");
    const body = renderSummaryNudge(view({ couldTeachMore: [a] }));
    expect(body).toContain(
      "→ *Add the why:* what does it get wrong \\(a case, an input\\), and what would be right?",
    );
    expect(body).not.toContain("“Wrong. What goes wrong");
  });

  it("shows no suggestion where only a generic line is left: it names the comment and what is missing", () => {
    // "strictly" names nothing a question could be built on: the template would teach the reviewer nothing.
    const a = correcting("strictly", undefined);
    const body = renderSummaryNudge(view({ couldTeachMore: [a] }));
    expect(body).toMatch(/- \[`src\/retry\.ts`\]\([^)]+\): “strictly”\n {2}→ \*Missing:\* the why\./);
    expect(body).not.toContain("what goes wrong if it stays as it is");
  });

  it("keeps a rewrite but drops a generic question after it", () => {
    const a = correcting("Maybe call these allocations_before and allocations_after.", undefined);
    const body = renderSummaryNudge(view({ couldTeachMore: [a] }));
    expect(body).toContain(
      "→ *Try:* “Could we call these allocations\\_before and allocations\\_after?”, and add the why.",
    );
    expect(body).not.toContain("or what does the change make easier");
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
    ["Just use a map, obviously.", "Could we use a map, obviously?", "Could we use a map?"],
    ["Use a map.", "Could we use a map? Add the why: what does a map give us?", "Could we use a map?"],
    ["This is obviously stupid.", undefined, undefined],
  ])("%j with suggestion %j → %j", (body, suggestion, expected) => {
    const a = assessment(suggestion === undefined ? { tone: "harsh" } : { tone: "harsh", suggestion });
    expect(kinderPhrasing(body, a)).toBe(expected);
  });
});

describe("harshWords", () => {
  it("names each marker of a comment's prose with why it reads as harsh, not the code's", () => {
    expect(harshWords("WHY is this here?? `stupid_flag` stays.")).toEqual([
      { span: "WHY", why: "reads as shouting" },
      { span: "??", why: "reads as exasperation" },
    ]);
  });
});

describe("renderInlineReply", () => {
  it("suggests the why under the comment, without quoting it", () => {
    const c = correcting(
      "Remove the sleep.",
      "Could we remove the sleep? Add the why: what goes wrong if it stays?",
    );
    const reply = renderInlineReply(42, c);
    expect(reply).toContain(`<!-- review-coach:nudge review=42 comment=${c.githubId} -->`);
    expect(reply).toContain(
      "*Try:* “Could we remove the sleep?” and add the why: what goes wrong if it stays?",
    );
    expect(reply).not.toContain("“Remove the sleep.”");
  });

  it("says only what is missing when there is no suggestion worth making", () => {
    const reply = renderInlineReply(42, correcting("strictly", undefined));
    expect(reply).toContain(
      "💡 This says *what* to change, not *why*: one sentence of reasoning lets the author reuse it next time.\n",
    );
    expect(reply).not.toContain("Missing");
    expect(reply).not.toContain("Add the why");
  });

  it("words a harsh comment's reply gently", () => {
    const reply = renderInlineReply(42, harsh());
    expect(reply).toContain(
      "🤝 This comment may land harder than intended. “Why would you” can read as a verdict",
    );
    expect(reply).toContain("The same remark without them: “Could we use a map?”");
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
