// Renders the summary-mode nudge: one PR comment per review, addressed to the reviewer, and its thank-you.
import type { NudgeContent } from "./policy.js";
import { nudgeSections } from "./render-sections.js";
import { capLength, escapeLogin, footer, link, nudgeMarker } from "./render-text.js";

export interface NudgeView {
  reviewId: number;
  /** The reviewer's login: the nudge is addressed to them (and only them). */
  reviewer: string;
  reviewHtmlUrl: string | null;
  content: NudgeContent;
}

export function renderSummaryNudge(view: NudgeView): string {
  const lines = [
    nudgeMarker(view.reviewId),
    `👋 Hi ${mention(view.reviewer)}, a quick note on ${link("your review", view.reviewHtmlUrl)}.`,
    "",
    ...nudgeSections(view.content),
    "",
    footer("comment"),
  ];
  return capLength(lines.join("\n"));
}

/** What the nudge becomes once the review's comments need no note any more (on_resolved: thank). */
export function renderSummaryThanks(
  view: Pick<NudgeView, "reviewId" | "reviewer" | "reviewHtmlUrl">,
): string {
  return [
    nudgeMarker(view.reviewId),
    `✅ Thanks, ${mention(view.reviewer)}: with the edits, ${link("your review", view.reviewHtmlUrl)} gives the author enough *why* to learn from. Nothing more to do here.`,
    "",
    footer("comment"),
  ].join("\n");
}

/** Addresses the reviewer: the login as it is, escaped (README, Security). */
function mention(login: string): string {
  return `@${escapeLogin(login)}`;
}
