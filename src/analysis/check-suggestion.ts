// The hard rules every suggested rewrite must pass before the app shows it (README, "Coaching"): no harsh marker or
// jab, the comment's code, identifiers and links kept verbatim, an approval kept, the author never "the author", short.
import { toneSignals } from "./tone-signals.js";

/** Offline suggestions end with this line: what is missing, asked as the one question that would add it. */
export const MISSING_PREFIX = "Add the why:";
/** The line that passes whatever the comment says: it names nothing of it. */
export const GENERIC_MISSING = `${MISSING_PREFIX} one sentence on what goes wrong otherwise, or what the change makes easier.`;
/** A suggestion is a sentence or two: longer ones are cut by the renderers, and a cut rewrite is not one. */
export const MAX_CHECKED_CHARS = 280;
const MAX_REWRITE_SENTENCES = 2;

export type SuggestionProblem =
  | "empty"
  | "harsh-marker"
  | "jab"
  | "code-span-changed"
  | "code-span-dropped"
  | "identifier-changed"
  | "identifier-dropped"
  | "link-changed"
  | "link-dropped"
  | "approval-dropped"
  | "third-person"
  | "too-long";

export interface SuggestionParts {
  /** What the reviewer could post instead (absent when the app cannot write one). */
  rewrite?: string;
  /** The question that would add the missing why, addressed to the reviewer. */
  missing?: string;
}

// Jabs the tone markers do not catch, because they are about the person only in context.
const JAB =
  /\b(?:honestly|\w+ hates? you|seriously|i (?:don't|do not|can't|cannot) (?:know|understand|see|believe) how|how (?:did|does|could|can|would) (?:this|that|it|you)\b[^.?!]*\b(?:pass|work|get|compile|merge|land)|did you (?:even|actually|test|try|read|run)|have you (?:even|actually|tested|tried|read|run)|as i (?:said|told|mentioned)|like i said|i already (?:said|told)|for the (?:last|second|third|nth) time|again\?)/i;
// A rewrite that opens with the bare verdict ("Wrong.") keeps the curtness it is meant to replace.
const CURT_VERDICT =
  /^\W*(?:wrong|incorrect|no|nope|bad|ugly|gross|meh|pointless|useless|not needed|unnecessary)\s*[.!]/i;
const THIRD_PERSON =
  /\b(?:the (?:pr |patch |change |code |commit |cl )?(?:author|submitter|committer|contributor|developer|owner)|the op|(?:he|she) (?:should|needs?|must|has|had|did|forgot|wrote|is|was))\b/i;
const APPROVAL = /^\W*(?:lgtm|sgtm|looks (?:good|great|fine)|nice|great|thanks|thank you)\b/i;
const CODE_SPAN = /`([^`\n]+)`/g;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>()`]+[^\s<>()`.,;:!?'"]/g;
// Names a reader would copy: dotted paths, snake_case, camelCase, calls. "e.g." and "i.e." are not.
const IDENTIFIER =
  /(?<![\w$`])(?:[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)+(?:\(\))?|[A-Za-z$]*_[\w$]*[A-Za-z0-9$][\w$]*|[a-z][a-z0-9]*[A-Z][\w$]*|[A-Z][a-z0-9]+[A-Z][\w$]*|[A-Za-z_$][\w$]*\(\))(?![\w$`])/g;

/** A jab the tone markers miss ("Honestly I don't know how this passed CI"). */
export const hasJab = (text: string): boolean => JAB.test(text);

export function splitSuggestion(suggestion: string): SuggestionParts {
  const at = suggestion.indexOf(MISSING_PREFIX);
  if (at < 0) return { rewrite: suggestion.trim() };
  const rewrite = suggestion.slice(0, at).trim();
  const missing = suggestion.slice(at + MISSING_PREFIX.length).trim();
  return { ...(rewrite ? { rewrite } : {}), ...(missing ? { missing } : {}) };
}

/** Every rule the suggestion breaks against the comment's prose (inline code kept); empty when it may be shown. */
export function checkSuggestion(originalProse: string, suggestion: string): SuggestionProblem[] {
  const problems = new Set<SuggestionProblem>();
  const text = suggestion.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return ["empty"];
  const { rewrite } = splitSuggestion(text);
  // Tone: the suggestion as a whole, so a marker kept from the comment and one the app would add are both found.
  if (toneSignals(text).length > 0) problems.add("harsh-marker");
  if (JAB.test(text) || (rewrite !== undefined && CURT_VERDICT.test(rewrite))) problems.add("jab");
  if (text.length > MAX_CHECKED_CHARS) problems.add("too-long");

  // Nothing the suggestion quotes may differ from the comment: code, names and links are copied, never retyped.
  const original = originalProse;
  for (const span of codeSpans(text)) if (!original.includes(span)) problems.add("code-span-changed");
  for (const url of urls(text)) if (!original.includes(url)) problems.add("link-changed");
  for (const id of identifiers(text)) if (!original.includes(id)) problems.add("identifier-changed");

  if (rewrite) {
    // A rewrite stands in for the comment: it keeps all of its code, names and links, and its approval.
    for (const span of codeSpans(original)) if (!rewrite.includes(span)) problems.add("code-span-dropped");
    for (const url of urls(original)) if (!rewrite.includes(url)) problems.add("link-dropped");
    for (const id of identifiers(original)) if (!rewrite.includes(id)) problems.add("identifier-dropped");
    if (APPROVAL.test(original) && !APPROVAL.test(rewrite)) problems.add("approval-dropped");
    if (THIRD_PERSON.test(rewrite)) problems.add("third-person");
    if (sentences(rewrite) > MAX_REWRITE_SENTENCES) problems.add("too-long");
  }
  return [...problems];
}

/** The first candidate that passes the checker, else GENERIC_MISSING (which always does). */
export function firstPassing(
  originalProse: string,
  candidates: ReadonlyArray<string | (() => string)>,
): string {
  for (const candidate of candidates) {
    const text = typeof candidate === "function" ? candidate() : candidate;
    if (text && checkSuggestion(originalProse, text).length === 0) return text;
  }
  return GENERIC_MISSING;
}

function codeSpans(text: string): string[] {
  return [...text.matchAll(CODE_SPAN)].map((m) => m[1] ?? "").filter((s) => s.trim() !== "");
}

function urls(text: string): string[] {
  return text.match(URL) ?? [];
}

/** Identifiers outside code spans and links (those are checked whole). */
export function identifiers(text: string): string[] {
  const prose = text.replace(CODE_SPAN, " ").replace(URL, " ");
  return [...new Set(prose.match(IDENTIFIER) ?? [])].filter((id) => !/^(?:e\.g|i\.e|etc\.)$/i.test(id));
}

function sentences(text: string): number {
  return text.split(/(?<=[.!?])\s+(?=\S)/).filter((s) => /[\p{L}\p{N}]/u.test(s)).length;
}
