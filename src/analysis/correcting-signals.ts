// Finds the marks of a bare correction (docs/architecture.md, "The rubric"): an imperative or verdict with no why, a suggestion block alone, "?" alone.
import type { Signal } from "./assessment.js";

/** Verbs reviewers open a request with ("rename to x", "drop the log"). */
export const REQUEST_VERBS =
  "add|adjust|align|annotate|avoid|bump|cache|call|catch|change|check|clean|combine|consider|convert|declare|define|delete|do(?! (?:we|you|i|they|it|these|those)\\b)|document|drop|extract|fix|format|get rid of|handle|hoist|import|indent|inline|introduce|keep|lowercase|make|mark|merge|move|pass|pin|prefer|pull|put|raise|read|redo|refactor|remove|rename|reorder|replace|restore|return|reuse|revert|rewrite|rework|simplify|sort|split|squash|start|stop|swap|switch|test|throw|try|undo|update|uppercase|use|validate|wrap|write";

const POLITE_PREFIX =
  "(?:(?:please|pls|maybe|perhaps|probably|also|and|then|so|just|let's|lets|we should|you should|i'd|i would|can you|could you|would you|can we|could we|shall we|we can|we could|you can|you could|might want to|want to|need to|should)\\s+)*";
const IMPERATIVE = new RegExp(`^\\W*${POLITE_PREFIX}(?:${REQUEST_VERBS})\\b`, "i");
const PROHIBITION = /^\W*(?:please\s+)?(?:don't|do not|never|no need to|avoid)\b/i;
const VERDICT =
  /^\W*(?:(?:this|that|it)(?:'s| is) (?:wrong|incorrect|not (?:right|correct|needed|necessary))|wrong|incorrect|typo|nope|unnecessary|unneeded|redundant|not needed|not necessary|not a fan|bad (?:\w+)|missing\b|same (?:as above|here|issue)|too (?:long|complex|big|many)|(?:should|must|needs? to) be\b|[\w\s]{0,40}\b(?:should|must|needs? to) (?:be|go|live|move|use|have|return|not)\b|(?:[\w\s]{0,30}\bneeds? (?:a|an|more|some|tests?|docs?|to)\b)|(?:[\w\s]{0,30}\bis (?:off|wrong|incorrect|unclear|confusing|misleading|redundant|unused|not used|too long))|(?:[\w\s]{0,30}\bcan be (?:removed|dropped|simplified|combined|inlined|deleted))|(?:i'?d prefer|i prefer|prefer)\b)/i;
const BARE_QUESTION =
  /^\W*(?:\?+|why\s*\?+|why (?:this|that|not)\b[^?]{0,40}\?|is (?:this|that|it) (?:needed|necessary|required|used)\s*\?|where is (?:this|that|it) used\s*\?|why is (?:this|that|it)\b[^?]{0,40}\?)\s*$/i;

export function correctingSignals(sentences: readonly string[], suggestions: readonly string[]): Signal[] {
  const signals: Signal[] = [];
  for (const sentence of sentences) {
    if (BARE_QUESTION.test(sentence))
      signals.push({ name: "bare-question", kind: "correcting", span: sentence });
    else if (IMPERATIVE.test(sentence) || PROHIBITION.test(sentence))
      signals.push({ name: "bare-imperative", kind: "correcting", span: sentence });
    else if (VERDICT.test(sentence)) signals.push({ name: "verdict", kind: "correcting", span: sentence });
  }
  if (suggestions.length > 0) {
    signals.push({ name: "suggestion-block", kind: "correcting", span: "```suggestion" });
  }
  return signals;
}
