// Whether a correction asks for a change a nudge can name (docs/architecture.md, "Coaching"). A correction still
// counts in the teaching ratio either way; these are the ones a suggestion under it would read as silly:
// - "question": every sentence is a question ("Are these the v2 routes?", "why not pass the client in?", "Should
//   this be `BytesIO`?"). A question already invites the author to answer with the reason; the line asking the
//   reviewer to add one was postable for about half of the first readings' judgements and 27% of the first blind
//   reading's (test/analysis/README.md, "Suggestions").
// - "elsewhere": its reason is in another comment ("ditto", "same here", "as above", "again, …", "not addressed").
// - "marked-nit": the reviewer called it a nit at the end ("(very minor nit)", "just a nit").
// - "reason-stated": it names the convention it asks for ("for consistency", "for readability", "to be consistent
//   with …"): a line asking for the why asks for what is already there.
// A comment whose reason is a verdict in a word ("useless", a typo) stays a candidate: its `nit:` or its rewrite read
// as postable to the readers (test/analysis/README.md). Whether a nudge lists it is up to its line (`worthListing`).
import type { Assessment } from "./assessment.js";
import { detectLabel } from "./detect-label.js";
import { splitProse } from "./split-prose.js";
import { splitSentences } from "./split-sentences.js";

export type NotNamedReason = "question" | "elsewhere" | "reason-stated" | "marked-nit";

const ELSEWHERE =
  /^\W*(?:ditto|same(?:\s+(?:here|as (?:above|before|below|earlier)|issue|thing|problem|comment|again|below|above))?\b|similarly|likewise|here too|as above|again\b|still\b|not (?:yet )?(?:addressed|done|fixed)\b|see (?:my (?:other|previous|earlier) comment|(?:the )?(?:previous|earlier|other) comment)|as (?:discussed|mentioned|said|noted|commented) (?:above|before|earlier|elsewhere)|(?:according to|per|as per) (?:the |my )?(?:comment|note|discussion) (?:above|before|earlier))\b/i;
// "…, same as above", "similar to the previous one", "see below", "and here", "same for the ones below", "+1", a
// short "drop this docstring too", "useless if you follow my suggestion": a pointer to the reason given elsewhere,
// wherever it stands.
const ELSEWHERE_ANYWHERE =
  /\b(?:same|similar(?:ly)?) (?:as|to) (?:above|before|below|earlier|(?:the |my )?(?:previous|other|earlier) (?:one|comment|file|patch(?:set)?))\b|\bsee (?:above|below)\b|^\W*(?:and|also) here\b|^\W*also,\s|^\W*\+1\b|^(?:\S+\s+){0,6}\S+\s+(?:too|as well)\W*$|\bsame (?:for|goes for|with) (?:the )?(?:ones?|others?|rest|below|above|\w+ below)\b|\b(?:if you (?:follow|take|apply) my |after applying (?:the |my )?)suggestion\b|\b(?:my|the) suggestion (?:below|above)\b/i;

// "(very minor nit)", "… - just a nit", "totally a nit.": the reviewer marked it minor at the end rather than with a
// label at the start.
const MARKED_NIT =
  /\((?:[\w\s-]{0,24}\s)?nit(?:pick)?\)\W*$|(?:^|[,;.-]\s*|\s)(?:just|only|totally|purely|a)\s+(?:a\s+)?(?:minor\s+|small\s+)?nit(?:pick)?\W*$/i;
const REASON_STATED =
  /\b(?:for (?:the sake of )?(?:consistency|readability|clarity|organi[sz]ation|symmetry)|to (?:be|stay|keep it) consistent|(?:to )?match(?:es)? the (?:rest|style|convention)|per (?:the )?(?:style guide|hacking rules|pep ?8))\b/i;

// Sentences around the questions that say nothing of the code: "That's interesting.", "Sorry, …", "I feel ignorant".
const REMARK =
  /^\W*(?:(?:that's|that is|this is|how) (?:very |really )?(?:interesting|nice|cool|neat|curious)|sorry|thanks|thank you|ok|okay|hmm+)\b|\b(?:ignorant|dumb question|stupid question|silly question)\b/i;
// A question written without its question mark: "Why dont we use a common helper.", "how about a map here". A
// polite request ending in a full stop ("Could you rename this.") is a request, not a question.
const QUESTION_OPENING =
  /^\W*(?:why (?:not|don'?t|doesn'?t|do|does|is|are|would|should)|how about|what about|shall we|is there (?:a|any) reason|i (?:don'?t|do not) know (?:if|whether)|(?:i'?m |i am )?not sure (?:if|whether))\b/i;
// "Drop those sections if they are not needed": the reviewer does not know either, so there is no why to add.
const UNSURE_CONDITION =
  /\bif (?:it|this|that|they|these|those) (?:is|are)(?:n't| not) (?:needed|used|necessary|required)\b/i;

const isQuestion = (sentence: string): boolean =>
  /\?\W*$/.test(sentence) || QUESTION_OPENING.test(sentence) || UNSURE_CONDITION.test(sentence);

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
  if (ELSEWHERE.test(prose) || ELSEWHERE_ANYWHERE.test(prose)) return "elsewhere";
  if (REASON_STATED.test(prose)) return "reason-stated";
  if (MARKED_NIT.test(prose)) return "marked-nit";
  // A proposed version ("```suggestion" block) is a change, whatever the sentence around it asks.
  if (parts.suggestions.length > 0) return undefined;
  const sentences = splitSentences(prose)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s) && (!REMARK.test(s) || isQuestion(s)));
  return sentences.length > 0 && sentences.every(isQuestion) ? "question" : undefined;
}
