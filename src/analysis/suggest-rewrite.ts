// Drafts a kinder rewrite of a correction: it keeps the reviewer's request and asks for the why (DESIGN §4).
import { REQUEST_VERBS } from "./correcting-signals.js";
import { detectAcknowledgement } from "./detect-acknowledgement.js";
import { detectLabel } from "./detect-label.js";
import { splitSentences } from "./split-sentences.js";
import { ACRONYMS, toneSignals } from "./tone-signals.js";

export interface RewriteInput {
  /** Prose after the Conventional Comments label, inline code kept. */
  prose: string;
  hasSuggestionBlock: boolean;
  /** Whether the comment's tone is harsh: only then are contempt-only sentences looked for and dropped. */
  harsh?: boolean;
  /** English templates around non-English prose read badly: then only a short English prompt for the why is added. */
  nonEnglish?: boolean;
}

// A why is easier to write when the prompt names the kind of reason that usually applies to the request.
const WHY_HINTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^rename\b/i, "what does the new name tell the next reader that the old one doesn't?"],
  [/^(?:remove|delete|drop|get rid of)\b/i, "what goes wrong or gets confusing if it stays?"],
  [
    /^(?:use|switch|replace|change|convert|swap)\b/i,
    "what does it give us here: safety, speed, or consistency with the rest of the codebase?",
  ],
  [/^add\b/i, "which case or failure would it catch?"],
  [
    /^(?:move|extract|split|inline|combine|hoist|pull|wrap)\b/i,
    "what gets easier once it's there: testing, reuse, or reading?",
  ],
  [/^(?:revert|undo|restore|start over|redo)\b/i, "what did the change break or put at risk?"],
  [
    /^(?:fix|format|indent|sort|reorder|clean)\b/i,
    "point at the rule or tool that expects it, if there is one.",
  ],
];
const DEFAULT_HINT = "what would go wrong otherwise, or what does it make easier?";
const ADD_HINT = "which case or failure would it catch?";
const REMOVE_HINT = "what goes wrong or gets confusing if it stays?";
const TOOL_HINT = "point at the rule or tool that expects it, if there is one.";
const QUESTION_HINT = "say what you suspect, e.g. it's unused, duplicated, or breaks a case.";
const VERDICT_HINT = "name the case or cost, so the author can check it.";
const SUGGESTION_ONLY =
  "Suggested change above, because it … (why: one sentence on what goes wrong without it, or what it makes easier).";
const NOTHING_TO_KEEP =
  "I'm not sure about this part: what happens when …? (why: name the case or cost you have in mind, so the author can check it.)";

const POLITE =
  /^(?:(?:lgtm|looks good(?: to me)?|thanks|nice)[,.!]*\s+(?:but\s+)?|(?:please|pls|maybe|perhaps|also|and|then|so|just|let's|lets|can you|could you|would you|can we|could we|we should|you should|i'd|i would)\s+)+/i;
const IMPERATIVE = new RegExp(`^(?:${REQUEST_VERBS})\\b`, "i");
const DONT = /^(?:don't|do not|never|rather not)\s+(.+)$/i;
const SHOULD = /^(?:(?:this|that|it|these|those)\s+)?(?:should|must|needs? to)\s+(.+)$/i;
const NEEDS = /^(?:(?:this|that|it)\s+)?needs\s+(?!to\b)(.+)$/i;
const INSTEAD = /^(.+?)\s+instead of\s+(.+)$/i;
const PREFER_OVER = /^prefer\s+(.+?)\s+(?:over|to|instead of)\s+(.+)$/i;
const MECHANICAL =
  /^(?:typo|spelling|trailing (?:whitespace|space)|extra (?:blank )?(?:line|space)|double space|(?:missing|no) (?:period|newline|comma|full stop)|(?:the )?indentation|formatting|whitespace)\b/i;
const MISSING = /^missing\s+(.+)$/i;
const UNNEEDED = /^(?:unnecessary|not needed|not necessary|unneeded|redundant|unused)\b/i;
const NO_CONTENT = /^\W*(?:why|hmm+|hm+|meh|huh|eh|uh+|ugh+|no|nope|like this|please|pls|this)?\W*$/i;
const MAX_REQUEST = 300;
// Only short sentences can be a bare "LGTM."/"Thanks!"; longer ones skip that check.
const SHORT_SENTENCE = 40;

export function suggestRewrite(input: RewriteInput): string {
  const sentences = splitSentences(input.prose)
    .map((s) => calm(detectLabel(s).rest))
    // Contempt-only sentences ("This is stupid.") and thanks go: the rewrite keeps the request, not the heat.
    .filter((s) => s.length > 0 && (s.length > SHORT_SENTENCE || !detectAcknowledgement(s)))
    .filter((s) => !input.harsh || toneSignals(s).length === 0 || isRequest(s));
  const request = sentences.find(isRequest) ?? sentences[0];
  if (!request || NO_CONTENT.test(request))
    return input.hasSuggestionBlock ? SUGGESTION_ONLY : NOTHING_TO_KEEP;
  if (input.nonEnglish) return `${truncate(request, MAX_REQUEST)} (why: ${DEFAULT_HINT})`;

  const core = request
    .replace(POLITE, "")
    .replace(/[.!:;\s]+$/, "")
    .replace(PREFER_OVER, "use $1 rather than $2")
    .replace(/^prefer\s+/i, "use ");
  const others = sentences.filter((s) => s !== request && !NO_CONTENT.test(s)).join(" ");
  const tail =
    others.length > 0 ? ` ${truncate(others, MAX_REQUEST - Math.min(core.length, MAX_REQUEST))}` : "";
  const why = (hint: string) => `${tail} (why: ${hint})`;
  const short = (text: string) => truncate(text, MAX_REQUEST);

  if (IMPERATIVE.test(core)) {
    const hint = WHY_HINTS.find(([pattern]) => pattern.test(core))?.[1] ?? DEFAULT_HINT;
    return `Could we ${short(withObject(lowerFirst(core.replace(/\?$/, ""))))}?${why(hint)}`;
  }
  const dont = DONT.exec(core);
  if (dont?.[1]) return `Could we not ${short(dont[1].replace(/\?$/, ""))}?${why(DEFAULT_HINT)}`;
  if (core.endsWith("?")) return `${upperFirst(short(core))} I'm asking because …${why(QUESTION_HINT)}`;
  const should = SHOULD.exec(core);
  if (should?.[1]) return `Should this ${short(should[1])}?${why(DEFAULT_HINT)}`;
  const needs = NEEDS.exec(core) ?? MISSING.exec(core);
  if (needs?.[1] && !MECHANICAL.test(core)) return `Could we add ${short(needs[1])}?${why(ADD_HINT)}`;
  if (MECHANICAL.test(core)) return `${upperFirst(short(core))} here, could you fix it?${why(TOOL_HINT)}`;
  if (UNNEEDED.test(core)) return `This looks unnecessary to me: could we remove it?${why(REMOVE_HINT)}`;
  const instead = INSTEAD.exec(core);
  if (instead?.[1] && instead[2])
    return `Could we use ${short(instead[1])} instead of ${short(instead[2])}?${why(DEFAULT_HINT)}`;
  // Any other verdict ("Wrong.", "Bad naming.") stays, followed by the question its author should answer.
  return `${short(core)}. What goes wrong with it, and what would you do instead?${why(VERDICT_HINT)}`;
}

function isRequest(sentence: string): boolean {
  const core = sentence.replace(POLITE, "");
  return IMPERATIVE.test(core) || DONT.test(core) || SHOULD.test(core);
}

/** Shouted words are lowered ("FIX THE INDENTATION" → "fix the indentation"); acronyms stay; "!!!"/"???" become one. */
function calm(sentence: string): string {
  return (
    sentence
      .replace(/\b[A-Z][A-Z']{2,}\b/g, (word) => (ACRONYMS.has(word) ? word : word.toLowerCase()))
      .replace(/([!?])[!?]+/g, "$1")
      // Condescending asides ("…, obviously.") carry no request: the rewrite drops them.
      .replace(/,?\s*\b(?:obviously|clearly|of course|duh)\b\s*(?=[.!?]?$)/i, "")
      .trim()
  );
}

/** "rename to x" → "rename this to x"; "remove" → "remove this": the request reads naturally as a question. */
function withObject(request: string): string {
  const match = new RegExp(
    `^(${REQUEST_VERBS})(?=\\s+(?:to|into|in|as|from|with|here|instead|for)\\b|\\s*$)`,
    "i",
  ).exec(request);
  return match ? `${match[1]} this${request.slice(match[0].length)}` : request;
}

function upperFirst(text: string): string {
  return (text[0]?.toUpperCase() ?? "") + text.slice(1);
}

function lowerFirst(text: string): string {
  // Keep "I" and identifiers that start upper-case (`UserId`, API) as written.
  return /^[A-Z][a-z]/.test(text) ? (text[0]?.toLowerCase() ?? "") + text.slice(1) : text;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
