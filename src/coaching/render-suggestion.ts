// The one gate every renderer passes a suggestion through (README, "Coaching"): the checker's rules, and the plain
// "what is missing" line in place of any suggestion that breaks one (a model's rewrite or an older stored one).
import type { Assessment } from "../analysis/assessment.js";
import {
  checkSuggestion,
  firstPassing,
  type SuggestionParts,
  splitSuggestion,
} from "../analysis/check-suggestion.js";
import { detectLabel } from "../analysis/detect-label.js";
import { looksNonEnglish } from "../analysis/looks-non-english.js";
import { nameable } from "../analysis/names-a-change.js";
import { splitProse } from "../analysis/split-prose.js";
import {
  isConcreteQuestion,
  isGenericMissing,
  type RewriteInput,
  statesWhyUnneeded,
  suggestRewrite,
  whatIsMissing,
} from "../analysis/suggest-rewrite.js";
import { toneSignals } from "../analysis/tone-signals.js";
import { MAX_SUGGESTION_CHARS, quoteSuggestion, truncate } from "./render-text.js";

const MAX_BODY_CHARS = 4000;

/** What suggestRewrite reads of a comment body: its prose after the label (inline code kept), and the flags. */
export function rewriteInput(body: string): RewriteInput {
  // Only the start of a very long comment is read: its quote and suggestion are cut to a line anyway.
  const parts = splitProse(body.slice(0, MAX_BODY_CHARS));
  const rest = detectLabel(parts.prose).rest;
  return {
    prose: detectLabel(parts.proseWithCode).rest,
    hasSuggestionBlock: parts.suggestions.length > 0,
    harsh: toneSignals(rest).length > 0,
    nonEnglish: looksNonEnglish(rest),
  };
}

/**
 * The suggestion to show for a comment: the given one when it passes the checker, else the comment's own "what is
 * missing" line, else a line that names nothing of the comment. Never undefined: a listed comment always gets one.
 */
export function postableSuggestion(body: string, suggestion: string | undefined): string {
  return postableFor(rewriteInput(body), suggestion);
}

function postableFor(input: RewriteInput, suggestion: string | undefined): string {
  return firstPassing(input.prose, [
    suggestion ?? "",
    () => suggestRewrite(input),
    () => whatIsMissing(input.prose, input),
  ]);
}

/**
 * The parts of the postable suggestion: what to post instead, and the question that would add the why. Empty when
 * only a generic line is left (one that names nothing of the comment): the nudge then shows no suggestion, only
 * MISSING_BRIEF, rather than a template the reviewer would skip (README, "Coaching").
 */
export function suggestionParts(body: string, suggestion: string | undefined): SuggestionParts {
  return partsFor(rewriteInput(body), suggestion);
}

function partsFor(input: RewriteInput, suggestion: string | undefined): SuggestionParts {
  const parts = splitSuggestion(postableFor(input, suggestion));
  if (parts.missing === undefined || !isGenericMissing(parts.missing)) return parts;
  // A rewrite keeps its place; the generic question after it does not (the renderers say "add the why").
  return parts.rewrite ? { rewrite: parts.rewrite, missing: "" } : {};
}

/**
 * Whether a correction gets a line concrete enough to list it under (docs/coaching.md): a `nit:`, the model's own
 * line, a rewrite with its own question, or a concrete question (`isConcreteQuestion`); never a question the comment
 * already answers (`statesWhyUnneeded`). Without one the comment still counts in the ratio, but the nudge does not
 * list it: a reviewer who reads one empty line skips the next ones.
 */
export function worthListing(body: string, assessment: Pick<Assessment, "source" | "suggestion">): boolean {
  // The comment is read once: the policy asks this for every correction of a review.
  const input = rewriteInput(body);
  const { rewrite, missing } = partsFor(input, assessment.suggestion);
  if (!rewrite && !missing) return false;
  // A line the model wrote for this comment (not the heuristic's own, which the assessment carries too).
  if (assessment.source === "llm" && assessment.suggestion !== suggestRewrite(input)) return true;
  if (rewrite?.startsWith("nit:")) return true;
  // "Remove this unused import": the comment already says what a question would ask.
  if (statesWhyUnneeded(input.prose)) return false;
  // A rewrite with its own question; one whose question was too generic to show ("…, and add the why.") only
  // rephrases the request, and readers passed it for 63% of 141 judgements (readings 9–16, `--compare` summed).
  if (rewrite) return missing !== "";
  return missing !== undefined && isConcreteQuestion(missing);
}

/**
 * Whether a nudge lists a correction: it may be named (`nameable`: sure enough, not harsh, not a nit, asks for a
 * change) and the line under it is concrete (`worthListing`). The policy, the eval and the suggestion sample share it.
 */
export function listable(body: string, assessment: Assessment, minConfidence: number): boolean {
  return nameable(body, assessment, minConfidence) && worthListing(body, assessment);
}

/** What a listed comment shows when there is no suggestion worth making: what is missing, in two words. */
export const MISSING_BRIEF = "the why";

/** Whether a suggestion would be shown as it is (for tests and the corpus check). */
export const passesChecker = (body: string, suggestion: string): boolean =>
  checkSuggestion(rewriteInput(body).prose, suggestion).length === 0;

/** Whether a listed comment gets a suggestion (else only what is missing: see suggestionParts). */
export function hasSuggestion(body: string, suggestion: string | undefined): boolean {
  const { rewrite, missing } = suggestionParts(body, suggestion);
  return Boolean(rewrite || missing);
}

/** The suggestion as Markdown after "→": a rewrite in quotes, then the question that would add the why. */
export function suggestionMarkdown(body: string, suggestion: string | undefined): string {
  const { rewrite, missing } = suggestionParts(body, suggestion);
  if (!rewrite && !missing) return `*Missing:* ${MISSING_BRIEF}.`;
  const quoted = rewrite ? `*Try:* “${quoteSuggestion(rewrite)}”` : "";
  if (missing === "") return `${quoted}, and add the why.`;
  if (!missing) return quoted;
  return rewrite
    ? `${quoted} and add the why: ${quoteSuggestion(missing)}`
    : `*Add the why:* ${quoteSuggestion(missing)}`;
}

/** The same as plain text, for check-run annotations (no Markdown there). */
export function suggestionPlain(body: string, suggestion: string | undefined): string {
  const { rewrite, missing } = suggestionParts(body, suggestion);
  if (!rewrite && !missing) return `Missing: ${MISSING_BRIEF}.`;
  const quoted = rewrite ? `Try: “${truncate(rewrite, MAX_SUGGESTION_CHARS)}”` : "";
  if (missing === "") return `${quoted}, and add the why.`;
  if (!missing) return quoted;
  return rewrite ? `${quoted} and add the why: ${missing}` : `Add the why: ${missing}`;
}
