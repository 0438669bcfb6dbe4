// Whether a correction asks for a change a nudge can name (docs/architecture.md, "Coaching"). A correction still
// counts in the teaching ratio either way; these are the ones a suggestion under it would read as silly:
// - "question": every sentence is a question and none proposes a change or doubts the code ("Are these the v2
//   routes?", "is this fix Linux-only?", "the mirror seems to have gone missing?"): adding "the why" to a question
//   the author has not answered yet is not advice anyone would post.
// - "elsewhere": its reason is in another comment ("ditto", "same here", "as above", "according to the comment above").
import type { Assessment } from "./assessment.js";
import { REQUEST_VERBS } from "./correcting-signals.js";
import { detectLabel } from "./detect-label.js";
import { splitProse } from "./split-prose.js";
import { splitSentences } from "./split-sentences.js";

export type NotNamedReason = "question" | "elsewhere";

const ELSEWHERE =
  /^\W*(?:ditto|same(?:\s+(?:here|as (?:above|before|below|earlier)|issue|thing|problem|comment|again|below|above))?\b|similarly|likewise|here too|also here|as above|see (?:above|below|my (?:other|previous|earlier) comment|(?:the )?(?:previous|earlier|other) comment)|as (?:discussed|mentioned|said|noted|commented) (?:above|before|earlier|elsewhere)|(?:according to|per|as per) (?:the |my )?(?:comment|note|discussion) (?:above|before|earlier))\b/i;

// An aside before the question ("Dumb question:", "Just a sanity check,") says nothing about what it asks.
const ASIDE =
  /^\W*(?:(?:(?:(?:a|an|one|just a|possibly a|probably a|maybe a)\s+)?(?:(?:stupid|dumb|silly|naive|possibly dumb|quick|small|sanity|genuine)\s+)?(?:question|q|check|comment|sanity check)|(?:just )?(?:out of|for my) (?:curiosity|understanding)|(?:it )?(?:might|may|could) be a (?:stupid|dumb|silly|naive) (?:question|q)|[\w ]{0,30}\bignoramus here|(?:i'm )?(?:just )?curious|sorry(?: for)? (?:the|a|my) (?:dumb|stupid|silly|naive) question)\s*(?:,?\s*but\b|[:,.…-]+)\s*)+/i;
// "Why …?" asks the author for the reason, not for a change (no line under it read well to the suggestion readers,
// test/analysis/README.md); "why not X?" proposes X and stays a candidate.
const CURIOUS_WHY = /^why\b(?!\s+(?:not|don't|doesn't|can't|cannot|isn't|aren't|wouldn't|shouldn't)\b)/i;
// "Can you explain why …?": a request for an explanation, not for a change, whatever words follow.
const EXPLAIN_PLEASE = /^(?:can|could|would) you (?:please )?(?:explain|clarify|elaborate|tell me)\b/i;
// A question asking for information opens with a question word or an auxiliary: "Are these the v2 routes?".
const ASKS_INFORMATION =
  /^(?:is|are|was|were|am|does|do|did|has|have|had|will|what(?! about| if)|how|where|when|who|whom|which)\b/i;
// Sentences around the questions that say nothing of the code: "That's interesting.", "Sorry, …", "I feel ignorant".
const REMARK =
  /^\W*(?:(?:that's|that is|this is|how) (?:very |really )?(?:interesting|nice|cool|neat|curious)|sorry|thanks|thank you|ok|okay|hmm+)\b|\b(?:ignorant|dumb question|stupid question|silly question)\b/i;
// Anything that proposes a change or doubts the code makes it a request in question form ("Should this be X?",
// "want to make the loader lazy?", "why not Y?", "is this needed?", "`a` -> `b`?"): it stays a candidate, and the nudge's
// why-question fits it.
const PROPOSES_OR_DOUBTS =
  /\b(?:should(?:n't)?|must|could|can(?:'t)?|would you|want to|need(?:s|ed)? to|do we (?:really |still )?need|does (?:this|it|that) (?:really |still )?need|instead|rather|better|simpler|cleaner|prefer\w*|why not|why don't|useless|unused|unnecessary|redundant|needed|necessary|required|remove\w*|rename\w*|move\w*|use|using|consider|what about|what if|how about|maybe|perhaps|may be|shall we|let's|please|pls)\b|->|=>/i;
// A question that opens with a request verb proposes it: "Ignore malformed entries?", "make this lazy?".
const OPENS_WITH_REQUEST = new RegExp(`^\\W*(?:${REQUEST_VERBS})\\b`, "i");

/**
 * Whether a nudge may name a comment: a correction at least `minConfidence` sure, not harsh (never quoted back), not a
 * nit or praise, that asks for a change. The coaching policy, the model's suggestion requests and the eval share it.
 */
export function nameable(body: string, assessment: Assessment, minConfidence: number): boolean {
  return (
    assessment.verdict === "correcting" &&
    assessment.confidence >= minConfidence &&
    assessment.tone === "ok" &&
    assessment.label !== "nitpick" &&
    assessment.label !== "praise" &&
    notNamedBecause(body) === undefined
  );
}

export function notNamedBecause(body: string): NotNamedReason | undefined {
  const parts = splitProse(body);
  const prose = detectLabel(parts.prose).rest.trim();
  if (ELSEWHERE.test(prose)) return "elsewhere";
  if (parts.suggestions.length > 0) return undefined;
  const sentences = splitSentences(prose)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  if (sentences.length === 0) return undefined;
  const questions = sentences.filter((s) => !REMARK.test(s) || /\?\W*$/.test(s));
  if (questions.length === 0 || !questions.every((s) => /\?\W*$/.test(s))) return undefined;
  const asked = questions.map((s) => s.replace(ASIDE, ""));
  const informative = (s: string) =>
    ASKS_INFORMATION.test(s) || CURIOUS_WHY.test(s) || EXPLAIN_PLEASE.test(s);
  const proposes = (s: string) =>
    !EXPLAIN_PLEASE.test(s) && (PROPOSES_OR_DOUBTS.test(s) || OPENS_WITH_REQUEST.test(s));
  if (asked.some(proposes)) return undefined;
  // "lazy init `client`?", "`Foo.bar`?": a name or a few words asked alone propose them. A short fragment after a
  // question ("Dhcp server or..?") only offers answers to it.
  const [first = ""] = asked;
  if (first.split(/\s+/).length <= 3 && !informative(first)) return undefined;
  // Any other question that neither proposes a change nor doubts the code asks for information ("seems to have
  // gone missing?", "and the PID within the system UID?").
  return "question";
}
