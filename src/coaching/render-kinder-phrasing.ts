// The harsh-tone part of a nudge (README, "Coaching"): which words of the comment read as harsh and why, and the same
// remark without them. The remark comes from the checked suggestion, so it never keeps or adds a harsh marker.
import type { Assessment, Signal } from "../analysis/assessment.js";
import { checkSuggestion, hasJab } from "../analysis/check-suggestion.js";
import { detectLabel } from "../analysis/detect-label.js";
import { splitProse } from "../analysis/split-prose.js";
import { splitSentences } from "../analysis/split-sentences.js";
import { toneSignals } from "../analysis/tone-signals.js";
import { rewriteInput, suggestionParts } from "./render-suggestion.js";
import { escapeInline, quoteSuggestion, truncate } from "./render-text.js";

/** A marker is a word or two; a longer span (a shouted sentence) is cut so the note never re-publishes the comment. */
const MAX_MARKER_CHARS = 30;

export interface HarshWord {
  span: string;
  /** Why it reads as harsh, in a clause: "can read as a verdict on the person, not the code". */
  why: string;
}

/** The tone markers the comment's prose carries (code, quotes and links are not read), at most one of each kind. */
export function harshWords(body: string): HarshWord[] {
  const prose = detectLabel(splitProse(body).prose).rest;
  return toneSignals(prose).map((s) => ({ span: truncate(s.span.trim(), MAX_MARKER_CHARS), why: reason(s) }));
}

function reason(signal: Signal): string {
  switch (signal.name) {
    case "profanity":
      return "reads as anger, even when it is aimed at the code";
    case "shouting":
      return "reads as shouting";
    case "stacked-punctuation":
      return "reads as exasperation";
    default:
      return "can read as a verdict on the person rather than the code";
  }
}

/** "“obviously” can read as …; “?!” reads as exasperation" (Markdown, escaped); empty when no marker is known. */
export function harshWordsMarkdown(body: string): string {
  return harshWords(body)
    .map((w) => `“${escapeInline(w.span)}” ${w.why}`)
    .join("; ");
}

export function harshWordsPlain(body: string): string {
  return harshWords(body)
    .map((w) => `“${w.span}” ${w.why}`)
    .join("; ");
}

/**
 * The same remark without the harsh words: the rewrite part of the checked suggestion, escaped. Undefined when the
 * app has no rewrite for the comment (only the question that would add the why).
 */
export function kinderPhrasing(body: string, assessment: Assessment): string | undefined {
  const { rewrite } = suggestionParts(body, assessment.suggestion);
  return rewrite ? quoteSuggestion(rewrite) : withoutHarshSentences(body);
}

/**
 * A comment that already explains keeps its words: a sneering "why would you…" becomes "is there a reason to…",
 * contempt adverbs and stacked punctuation go, and a sentence that still reads as harsh is left out.
 */
function withoutHarshSentences(body: string): string | undefined {
  const input = rewriteInput(body);
  const kept = splitSentences(input.prose)
    .map(soften)
    .filter((s) => s !== "" && toneSignals(s).length === 0 && !hasJab(s))
    .join(" ");
  if (kept === "" || kept === input.prose.replace(/\s+/g, " ").trim()) return undefined;
  return checkSuggestion(input.prose, kept).length === 0 ? quoteSuggestion(kept) : undefined;
}

function soften(sentence: string): string {
  const softened = sentence
    .replace(
      /\bwhy (?:would|did|do|on earth would) (?:you|anyone|someone|somebody)\s+(?:even\s+)?/i,
      "is there a reason to ",
    )
    .replace(/,?\s*\b(?:obviously|of course|seriously|honestly)\b,?/gi, "")
    .replace(/([!?])[!?]+/g, "$1")
    .replace(/\s{2,}/g, " ")
    .trim();
  return softened.charAt(0).toUpperCase() + softened.slice(1);
}

/** The question that would add the why, for a harsh correction with no rewrite (escaped), if there is one. */
export function kinderQuestion(body: string, assessment: Assessment): string | undefined {
  const { missing } = suggestionParts(body, assessment.suggestion);
  return missing ? quoteSuggestion(missing) : undefined;
}
