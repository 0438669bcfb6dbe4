// Renders inline-mode nudges: one reply in the thread of each comment that could teach more (or may land hard).
import { kinderPhrasing } from "./render-kinder-phrasing.js";
import { capLength, footer, nudgeMarker, quoteSuggestion } from "./render-text.js";
import type { CoachComment } from "./review-facts.js";

/** The reply under one comment; the thread already shows the comment, so nothing of it is quoted. */
export function renderInlineReply(reviewId: number, comment: CoachComment): string {
  const body = comment.assessment.tone === "harsh" ? harshReply(comment) : couldTeachMoreReply(comment);
  return capLength([nudgeMarker(reviewId, comment.githubId), body, "", footer("thread")].join("\n"));
}

function couldTeachMoreReply(comment: CoachComment): string {
  const suggestion = comment.assessment.suggestion;
  return (
    "💡 This says *what* to change, not *why*: one sentence of reasoning lets the author reuse it next time." +
    (suggestion ? ` *Try:* “${quoteSuggestion(suggestion)}”` : "")
  );
}

function harshReply(comment: CoachComment): string {
  const kinder = kinderPhrasing(comment.assessment);
  return (
    "🤝 This comment's wording may land harder than intended. " +
    (kinder
      ? `A kinder phrasing could be: “${kinder}”`
      : "Naming the concern and its reason, without judgement, usually lands better.")
  );
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
