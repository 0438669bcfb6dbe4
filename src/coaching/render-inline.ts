// Renders inline-mode nudges: one reply in the thread of each comment that could teach more (or may land hard).
import { wordingNote } from "./render-sections.js";
import { hasSuggestion, suggestionMarkdown } from "./render-suggestion.js";
import { capLength, footer, nudgeMarker } from "./render-text.js";
import type { CoachComment } from "./review-facts.js";

/** The reply under one comment; the thread already shows the comment, so nothing of it is quoted. */
export function renderInlineReply(reviewId: number, comment: CoachComment): string {
  const body = comment.assessment.tone === "harsh" ? harshReply(comment) : couldTeachMoreReply(comment);
  return capLength([nudgeMarker(reviewId, comment.githubId), body, "", footer("thread")].join("\n"));
}

function couldTeachMoreReply(comment: CoachComment): string {
  const intro =
    "💡 This says *what* to change, not *why*: one sentence of reasoning lets the author reuse it next time.";
  // Without a suggestion worth making, the sentence above already says what is missing.
  return hasSuggestion(comment.body, comment.assessment.suggestion)
    ? `${intro} ${suggestionMarkdown(comment.body, comment.assessment.suggestion)}`
    : intro;
}

function harshReply(comment: CoachComment): string {
  return `🤝 This comment may land harder than intended. ${wordingNote(comment)}`;
}

/** What a reply becomes once its comment teaches (on_resolved: thank). */
export function renderInlineThanks(reviewId: number, commentId: number): string {
  return [
    nudgeMarker(reviewId, commentId),
    "✅ Thanks: this comment gives its *why* now.",
    "",
    footer("thread"),
  ].join("\n");
}
