import { describe, expect, it } from "@jest/globals";
import { assess } from "../../src/analysis/assess.js";
import type { CommentContext, CommentInput } from "../../src/analysis/assessment.js";

const context: CommentContext = { prAuthor: "dana", ignoreUsers: ["Copilot", "coderabbitai[bot]"] };
const byReviewer = (body: string, extra: Partial<CommentInput> = {}): CommentInput => ({
  id: "c1",
  body,
  author: "kim",
  ...extra,
});
const verdictOf = (body: string) => assess(byReviewer(body), context).verdict;
// The rules alone (no model), as they find the signals a nudge names and decide when no model is given.
const RULES = { model: null, nlp: true } as const;
const rulesVerdictOf = (body: string) => assess(byReviewer(body), context, RULES).verdict;

describe("assess: who wrote it", () => {
  it("does not count the PR author's own replies as feedback, even when they explain", () => {
    const a = assess(
      byReviewer("I disagree, because the API guarantees ordering.", { author: "Dana" }),
      context,
    );

    expect(a).toMatchObject({ isFeedback: false, verdict: "not-feedback", confidence: 0.99 });
    expect(a.signals[0]?.name).toBe("pr-author");
  });

  it.each([
    { author: "dependabot[bot]", authorIsBot: false },
    { author: "some-app", authorIsBot: true },
    { author: "copilot", authorIsBot: false },
  ])("does not count bots and ignored users ($author) as feedback", ({ author, authorIsBot }) => {
    expect(
      assess(byReviewer("This will throw if `items` is empty.", { author, authorIsBot }), context).verdict,
    ).toBe("not-feedback");
  });
});

describe("assess: not feedback", () => {
  it.each([
    "LGTM",
    "lgtm 👍",
    "Thanks!",
    "Done",
    "Fixed in 3f2a1bc",
    "+1",
    "🚀🚀",
    ":shipit:",
    "> Returns the user or null",
    "Looks good to me, thanks for picking this up!",
    "/retest",
    "praise: nice",
  ])("treats %j as not feedback", (body) => {
    expect(verdictOf(body)).toBe("not-feedback");
  });

  it("still sees the request after an LGTM", () => {
    expect(verdictOf("LGTM, but please rename `foo` before merging.")).toBe("correcting");
  });
});

describe("assess with the rules alone: teaching or correcting", () => {
  it.each([
    "race: two workers can read the same row",
    "This will leak the file handle if `parse` throws.",
    "What happens if `items` is empty?",
    "See https://docs.python.org/3/library/functools.html#functools.cache",
    "We use `Decimal` everywhere else in `ledger/`, e.g. `ledger/fees.py`.",
    "`some` stops at the first match instead of building the whole filtered array.",
  ])("teaches: %j", (body) => {
    expect(rulesVerdictOf(body)).toBe("teaching");
  });

  it.each([
    "Rename to `userId`.",
    "remove",
    "Wrong.",
    "typo",
    "?",
    "Why?",
    "Is this needed?",
    "nit: trailing whitespace",
    "You can drop this line.",
  ])("corrects: %j", (body) => {
    expect(rulesVerdictOf(body)).toBe("correcting");
  });

  it("counts a suggestion block alone as a correction and with a why as teaching", () => {
    const block = "```suggestion\nconst timeout = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;\n```";

    expect(rulesVerdictOf(block)).toBe("correcting");
    expect(rulesVerdictOf(`${block}\n\`??\` so that an explicit \`0\` from config is kept.`)).toBe(
      "teaching",
    );
  });

  it("ignores reasons that appear only in code, quotes or suggestion blocks", () => {
    const body = "```suggestion\n// because the API is stupid, otherwise it breaks\nlet x = 1\n```";
    const a = assess(byReviewer(body), context, RULES);

    expect(a.verdict).toBe("correcting");
    expect(a.tone).toBe("ok");
  });

  it("gives praise with a why as teaching, never as a correction", () => {
    const a = assess(
      byReviewer("praise: great test names, they make it obvious what broke."),
      context,
      RULES,
    );

    expect(a.verdict).toBe("teaching");
    expect(a.label).toBe("praise");
  });

  it("records the Conventional Comments label and its blocking decoration", () => {
    const a = assess(byReviewer("issue (blocking): missing tests."), context, RULES);

    expect(a).toMatchObject({ verdict: "correcting", label: "issue", blocking: true });
  });

  it("gives low confidence rather than trust to non-English comments", () => {
    for (const body of [
      "Renomeie para `userId`.",
      "这里会有竞态条件，因为两个线程同时写入同一个 map。",
      "Bitte umbenennen in `maxRetries`.",
    ]) {
      expect(assess(byReviewer(body), context, RULES).confidence).toBeLessThanOrEqual(0.4);
    }
  });

  it("is more confident about a short bare imperative than about a long comment with no reason found", () => {
    const short = assess(byReviewer("Rename to `userId`."), context, RULES);
    const long = assess(
      byReviewer(
        "Please move this to a separate function, add a docstring, rename `tmp` to something meaningful, split the test into three cases, and use the logger instead of print.",
      ),
      context,
      RULES,
    );

    expect(short.confidence).toBeGreaterThan(long.confidence);
    expect(long.confidence).toBeLessThan(0.6);
  });
});

describe("assess: tone", () => {
  it.each([
    ["contempt-marker", "Obviously wrong."],
    ["contempt-marker", "Did you even test this?"],
    ["shouting", "FIX THE INDENTATION"],
    ["stacked-punctuation", "Why is this here???"],
    ["profanity", "wtf is this"],
  ])("flags %s in %j", (signal, body) => {
    const a = assess(byReviewer(body), context);

    expect(a.tone).toBe("harsh");
    expect(a.signals.some((s) => s.name === signal && s.kind === "harsh")).toBe(true);
  });

  it.each([
    "Just use a map here.",
    "The API returns JSON over HTTP, so the NOT NULL column is fine.",
    "`MAX_RETRIES` should be lower.",
    "They can't be garbage collected after unmount; lazy-load them instead.",
    "Dumb question: why is the mark located here?",
  ])("keeps %j ok", (body) => {
    expect(assess(byReviewer(body), context).tone).toBe("ok");
  });

  it("ignores harsh words that are only quoted or in code", () => {
    expect(
      assess(byReviewer("> this is stupid!!!\n\nI don't think so: it protects against replays."), context)
        .tone,
    ).toBe("ok");
  });
});

describe("assess: rewrite suggestion", () => {
  it("keeps the request and asks for the why", () => {
    const a = assess(byReviewer("Rename to `userId`."), context, RULES);

    expect(a.suggestion).toMatch(/^Could we rename this to `userId`\? Add the why: .+\?$/);
  });

  it("drops the contempt but keeps the request of a harsh correction", () => {
    const a = assess(byReviewer("This is stupid. Use the existing helper."), context, RULES);

    expect(a.suggestion).toContain("Could we use the existing helper?");
    expect(a.suggestion).not.toMatch(/stupid/i);
  });

  it("is only given for corrections", () => {
    expect(
      assess(byReviewer("What happens if `items` is empty?"), context, RULES).suggestion,
    ).toBeUndefined();
  });

  it("reads a rhetorical, sneering question as a harsh correction and rewrites it without the sneer", () => {
    const a = assess(byReviewer("Why would you loop twice?! Just use a map, obviously."), context, RULES);

    expect(a).toMatchObject({ verdict: "correcting", tone: "harsh" });
    expect(a.suggestion).toMatch(/^Could we use a map\? Add the why: /);
    expect(a.suggestion).not.toMatch(/obviously|why would you/i);
  });

  it("still counts code that runs twice as a failure mode worth explaining", () => {
    const a = assess(byReviewer("This handler runs twice when the webhook is redelivered."), context, RULES);
    expect(a.verdict).toBe("teaching");
  });
});

describe("assess: the contract", () => {
  it("returns a heuristic assessment with confidence in 0..1 and spans taken from prose", () => {
    const a = assess(byReviewer("`MAX_RETRIES` is fine because we retry at most `3` times."), context);

    expect(a.source).toBe("heuristic");
    expect(a.confidence).toBeGreaterThanOrEqual(0);
    expect(a.confidence).toBeLessThanOrEqual(1);
    for (const signal of a.signals) expect(signal.span).not.toContain("MAX_RETRIES");
  });
});
