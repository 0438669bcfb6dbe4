// Renders check-mode nudges: a neutral "review-coach" check run with annotations, which notifies no one.
import { stripUnsafeCharacters } from "../analysis/sanitize-rewrite.js";
import type { NudgeContent } from "./policy.js";
import { harshWordsPlain } from "./render-kinder-phrasing.js";
import { nudgeSections } from "./render-sections.js";
import { hasSuggestion, suggestionPlain } from "./render-suggestion.js";
import { capLength, count, escapeLogin, footer, link, nudgeMarker, truncate } from "./render-text.js";
import type { CoachComment } from "./review-facts.js";

export const COACHING_CHECK_NAME = "review-coach";
/** GitHub takes at most 50 annotations per request; MAX_LISTED keeps a nudge well under it anyway. */
const MAX_ANNOTATIONS = 50;
/** A check run title is one line. */
const MAX_TITLE = 120;

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice";
  title: string;
  message: string;
}

export interface CheckOutput {
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

export interface CheckView {
  reviewId: number;
  reviewer: string;
  reviewHtmlUrl: string | null;
  content: NudgeContent;
  /** Line of each review comment (by GitHub id) in the file, from GitHub; comments without one get no annotation. */
  lines: ReadonlyMap<number, number>;
  /** Comments already annotated: annotations are appended on every update, so each is sent once. */
  annotated: ReadonlySet<number>;
}

export interface RenderedCheck {
  output: CheckOutput;
  /** The review comments the annotations are for (to remember, since GitHub appends annotations). */
  annotatedIds: number[];
}

export function renderCheckOutput(view: CheckView): RenderedCheck {
  const { couldTeachMore, harsh } = view.content;
  const parts = [
    couldTeachMore.length > 0 ? `${count(couldTeachMore.length, "comment")} could teach more` : "",
    harsh.length > 0 ? `${count(harsh.length, "comment")} may land harder than intended` : "",
  ].filter(Boolean);
  const summary = [
    nudgeMarker(view.reviewId),
    `A note for the author of ${link("this review", view.reviewHtmlUrl)} (@\u200b${escapeLogin(view.reviewer)}).`,
    "",
    ...nudgeSections(view.content),
    "",
    footer("check"),
  ].join("\n");
  const annotated = [
    ...couldTeachMore.map((c) => annotation(c, view, "Could teach more", teachMessage(c))),
    ...harsh.map((c) => annotation(c, view, "Wording may land harder than intended", harshMessage(c))),
  ]
    .filter((a) => a !== undefined)
    .slice(0, MAX_ANNOTATIONS);
  return {
    output: {
      title: truncate(`review-coach: ${parts.join(", ")}`, MAX_TITLE),
      summary: capLength(summary),
      annotations: annotated.map((a) => a.annotation),
    },
    annotatedIds: annotated.map((a) => a.commentId),
  };
}

export function renderCheckThanks(view: Pick<CheckView, "reviewId" | "reviewHtmlUrl">): CheckOutput {
  return {
    title: "review-coach: all set, thanks",
    summary: [
      nudgeMarker(view.reviewId),
      `✅ With the edits, ${link("this review", view.reviewHtmlUrl)} gives the author enough *why* to learn from. Nothing more to do here.`,
      "",
      footer("check"),
    ].join("\n"),
    annotations: [],
  };
}

function annotation(
  c: CoachComment,
  view: CheckView,
  title: string,
  message: string,
): { commentId: number; annotation: CheckAnnotation } | undefined {
  const line = view.lines.get(c.githubId);
  if (c.kind !== "review_comment" || !c.path || line === undefined || view.annotated.has(c.githubId))
    return undefined;
  return {
    commentId: c.githubId,
    annotation: {
      path: c.path,
      start_line: line,
      end_line: line,
      annotation_level: "notice",
      title,
      // Plain text, but quoted words could still carry controls or bidi overrides (README, Security).
      message: stripUnsafeCharacters(message),
    },
  };
}

// Annotation messages are plain text: no Markdown, and mentions in them notify no one.
function teachMessage(c: CoachComment): string {
  const intro =
    "This says what to change, not why: one sentence of reasoning lets the author reuse it next time.";
  // Without a suggestion worth making, the sentence above already says what is missing.
  return hasSuggestion(c.body, c.assessment.suggestion)
    ? `${intro} ${suggestionPlain(c.body, c.assessment.suggestion)}`
    : intro;
}

function harshMessage(c: CoachComment): string {
  const words = harshWordsPlain(c.body);
  return `${words ? `${words.charAt(0).toUpperCase()}${words.slice(1)}. ` : ""}The check summary offers the same remark without ${words.includes(";") ? "them" : "it"}.`;
}
