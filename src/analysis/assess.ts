// Assesses one review comment: not-feedback, teaching or correcting, its tone and label (DESIGN §4). Pure: data in, data out.
import type { Assessment, CommentContext, CommentInput, Signal, Verdict } from "./assessment.js";
import { authorExclusion } from "./author-exclusion.js";
import { correctingSignals } from "./correcting-signals.js";
import { detectAcknowledgement } from "./detect-acknowledgement.js";
import { detectLabel } from "./detect-label.js";
import { findExplanation } from "./find-explanation.js";
import { looksNonEnglish } from "./looks-non-english.js";
import { splitProse } from "./split-prose.js";
import { splitSentences } from "./split-sentences.js";
import { suggestRewrite } from "./suggest-rewrite.js";
import { teachingSignals } from "./teaching-signals.js";
import { type ToneOptions, toneSignals } from "./tone-signals.js";

export interface AssessOptions extends ToneOptions {
  /**
   * Ask compromise's tagger about longer comments no cheap marker explained. On by default; the eval sets'
   * macro-F1 with and without it is in test/analysis/README.md.
   */
  nlp?: boolean;
}

// Reasons a reader can point at ("because", a link, "what happens if…") are trusted more than inferred ones.
const STRONG_TEACHING = new Set([
  "reason",
  "consequence",
  "purpose",
  "reference",
  "guiding-question",
  "example",
]);
// Above this many words a comment with no reason found may still explain in ways the rules miss: ask the LLM.
const LONG_COMMENT_WORDS = 25;
// Below llm.confidence_below (default 0.6), so non-English comments are the ones the LLM sees.
const NON_ENGLISH_CONFIDENCE = 0.35;

export function assess(
  comment: CommentInput,
  context: CommentContext,
  options: AssessOptions = {},
): Assessment {
  const parts = splitProse(comment.body);
  const { label, blocking, rest } = detectLabel(parts.prose);
  const tone = toneSignals(rest, options);
  const result = (verdict: Verdict, signals: Signal[], confidence: number): Assessment => {
    const assessment: Assessment = {
      isFeedback: verdict !== "not-feedback",
      verdict,
      tone: tone.length > 0 ? "harsh" : "ok",
      signals: [...signals, ...tone],
      confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100,
      source: "heuristic",
    };
    if (label) assessment.label = label;
    if (blocking !== undefined) assessment.blocking = blocking;
    return assessment;
  };

  // 1. Who wrote it: the PR author's replies and bots are never feedback.
  const excluded = authorExclusion(comment, context);
  if (excluded) return result("not-feedback", [excluded], 0.99);

  // 2. What is left once code, suggestions and quotes are set aside: nothing, a quote, or only thanks/LGTM/emoji.
  const hasSuggestion = parts.suggestions.length > 0;
  if (!/[\p{L}\p{N}?]/u.test(rest) && !hasSuggestion) {
    if (parts.codeBlocks.length > 0)
      return result("correcting", [signal("code-only", "correcting", "```")], 0.4);
    const quoted = parts.quotes.length > 0;
    return result(
      "not-feedback",
      [signal(quoted ? "quote-only" : "empty", "not-feedback", quoted ? ">" : "")],
      0.95,
    );
  }
  const acknowledgement = hasSuggestion ? undefined : detectAcknowledgement(rest);
  if (acknowledgement) return result("not-feedback", [acknowledgement], 0.92);

  // 3. Teaching signals; then, only if none fired and the comment is long enough to hide one, the tagger.
  const sentences = splitSentences(rest);
  const nonEnglish = looksNonEnglish(rest);
  const teaching = teachingSignals(rest, sentences, parts.urls, nonEnglish);
  const correcting = correctingSignals(sentences, parts.suggestions);
  const words = rest.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  const inconclusive = teaching.length === 0 && !nonEnglish && (sentences.length >= 2 || words >= 12);
  if (inconclusive && options.nlp !== false) {
    const explanation = findExplanation(sentences);
    if (explanation) teaching.push(signal("explanation", "teaching", explanation));
  }
  const cap = (confidence: number) =>
    nonEnglish ? Math.min(confidence, NON_ENGLISH_CONFIDENCE) : confidence;

  // 4. praise: is never a correction; without a why it is a thank-you (DESIGN §4).
  if (label === "praise" && teaching.length === 0) return result("not-feedback", [], cap(0.8));
  if (teaching.length > 0)
    return result("teaching", [...teaching, ...correcting], cap(teachingConfidence(teaching)));

  const assessment = result(
    "correcting",
    correcting,
    cap(correctingConfidence(correcting.length, words, hasSuggestion)),
  );
  assessment.suggestion = suggestRewrite({
    prose: detectLabel(parts.proseWithCode).rest,
    hasSuggestionBlock: hasSuggestion,
    harsh: tone.length > 0,
    nonEnglish,
  });
  return assessment;
}

function teachingConfidence(teaching: readonly Signal[]): number {
  const strong = teaching.filter((s) => STRONG_TEACHING.has(s.name)).length;
  if (strong >= 2) return 0.95;
  if (strong === 1) return teaching.length > 1 ? 0.9 : 0.85;
  // Only inferred signals (an explanation clause, a benefit verb): plausible, and worth a second opinion.
  return teaching.length > 1 ? 0.75 : 0.58;
}

function correctingConfidence(correctingSignals: number, words: number, hasSuggestion: boolean): number {
  // No request recognised, or a long comment: a reason may be there in words the rules do not know.
  if (correctingSignals === 0 || words > LONG_COMMENT_WORDS) return 0.55;
  if (words > 12) return 0.7;
  return hasSuggestion || words <= 6 ? 0.9 : 0.8;
}

function signal(name: string, kind: Signal["kind"], span: string): Signal {
  return { name, kind, span };
}
