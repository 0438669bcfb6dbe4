// The README's coaching examples, rendered by the real assess() → decideNudge() → render*() path.
// Print them with `npx tsx test/coaching/print-readme-examples.ts`; readme-examples.test.ts keeps README.md in step.
import { assess } from "../../src/analysis/assess.js";
import { decideNudge, type NudgeDecision } from "../../src/coaching/policy.js";
import { renderCheckOutput } from "../../src/coaching/render-check.js";
import { renderInlineReply } from "../../src/coaching/render-inline.js";
import { renderSummaryNudge, renderSummaryThanks } from "../../src/coaching/render-summary.js";
import type { CoachComment, ReviewFacts } from "../../src/coaching/review-facts.js";
import { CoachingConfig } from "../../src/config/schema.js";

const PR = "https://github.com/acme/shop/pull/42";

function written(id: number, path: string, body: string): CoachComment {
  return {
    key: `review_comment:${id}`,
    kind: "review_comment",
    githubId: id,
    threadId: id,
    path,
    htmlUrl: `${PR}#discussion_r${id}`,
    body,
    assessment: assess({ id: `review_comment:${id}`, body, author: "alice" }, { prAuthor: "bob" }),
  };
}

const reviewOf = (comments: CoachComment[]): ReviewFacts => ({
  repoFullName: "acme/shop",
  reviewId: 2001,
  prNumber: 42,
  reviewer: "alice",
  reviewerIsBot: false,
  prAuthor: "bob",
  prDraft: false,
  prLabels: [],
  prCreatedAt: "2026-11-19T10:00:00Z",
  reviewHtmlUrl: `${PR}#pullrequestreview-2001`,
  comments,
});

const decide = (comments: CoachComment[], mode: CoachingConfig["mode"] = "summary"): NudgeDecision =>
  decideNudge({
    review: reviewOf(comments),
    config: CoachingConfig.parse({ mode }),
    timezone: "Europe/Berlin",
    coach: true,
    optedOut: false,
    nudgesToday: 0,
    existing: "none",
  });

/** A review of 4 comments: 2 bare corrections, a nit, and one that teaches. */
export const correctingReview = [
  written(1001, "src/capture.ts", "Rename this to `captureWithRetry`."),
  written(1002, "src/capture.ts", "Remove the sleep."),
  written(1003, "src/capture.ts", "nit: trailing whitespace"),
  written(
    1004,
    "src/retry.ts",
    "What happens if `attempts` is 0? The loop below would never set `lastError`, so we'd throw `undefined`.",
  ),
];

/** A review that teaches, with one comment whose wording may land hard. */
export const harshReview = [
  written(1101, "src/cart.ts", "Why would you do this?! Use a map, obviously."),
  written(
    1102,
    "src/cart.ts",
    "Extract this into `applyDiscount()` so that the checkout and the cart share one rule.",
  ),
  written(
    1103,
    "src/cart.ts",
    "What happens if `items` is empty? `reduce` without a start value throws on an empty array.",
  ),
];

function shown(decision: NudgeDecision) {
  if (decision.action !== "nudge") throw new Error(`README example should nudge, got ${decision.reason}`);
  return decision;
}

/** Markdown as GitHub shows it: each line quoted. */
const quoted = (markdown: string) =>
  markdown
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");

const view = (decision: ReturnType<typeof shown>) => ({
  reviewId: 2001,
  reviewer: "alice",
  reviewHtmlUrl: `${PR}#pullrequestreview-2001`,
  content: decision.content,
});

export function summaryExample(): string {
  return quoted(renderSummaryNudge(view(shown(decide(correctingReview)))));
}

export function harshExample(): string {
  return quoted(renderSummaryNudge(view(shown(decide(harshReview)))));
}

export function thanksExample(): string {
  return quoted(
    renderSummaryThanks({ reviewId: 2001, reviewer: "alice", reviewHtmlUrl: `${PR}#pullrequestreview-2001` }),
  );
}

export function inlineExample(): string {
  const decision = shown(decide(correctingReview, "inline"));
  const first = decision.content.couldTeachMore[0];
  if (!first) throw new Error("README inline example needs a comment");
  return quoted(renderInlineReply(2001, first));
}

export function checkExample(): string {
  const decision = shown(decide(correctingReview, "check"));
  const { output } = renderCheckOutput({
    ...view(decision),
    lines: new Map([
      [1001, 12],
      [1002, 31],
    ]),
    annotated: new Set(),
  });
  const annotations = output.annotations.map(
    (a) => `- \`${a.path}\` line ${a.start_line}, notice **${a.title}**: ${a.message}`,
  );
  return [`**${output.title}** (neutral)`, "", ...annotations, "", quoted(output.summary)].join("\n");
}

export function offExample(): string {
  const d = decide(correctingReview, "off");
  const t = d.tally;
  return [
    "| outcome | reason | feedback | teaching | correcting | nits | harsh | ratio |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    `| skipped | ${d.reason} | ${t.feedback} | ${t.teaching} | ${t.correcting} | ${t.nits} | ${t.harsh} | ${t.ratio?.toFixed(2)} |`,
  ].join("\n");
}

export const README_EXAMPLES: Record<string, () => string> = {
  summary: summaryExample,
  harsh: harshExample,
  thanks: thanksExample,
  inline: inlineExample,
  check: checkExample,
  off: offExample,
};
