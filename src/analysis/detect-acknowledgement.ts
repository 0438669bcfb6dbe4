// Recognises prose that only acknowledges, approves, thanks or runs a bot command: "LGTM", "thanks", "done", "+1", "/retest".
import type { Signal } from "./assessment.js";
import { splitSentences } from "./split-sentences.js";

const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D}/gu;
const SHORTCODE = /:[a-z0-9_+-]+:/gi;
const LEADING_MENTION = /^(?:@[\w-]+(?:\/[\w-]+)?[\s,:]*)+/;
// Bot commands on their own line: Prow (/retest, /lgtm), bors (r+), mergify, dependabot.
const COMMAND_LINE =
  /^\s*(?:\/[a-z][\w-]*(?:\s+\S+)*|(?:@[\w-]+\s+)?(?:r\+|r=\S+|retry|try|rebase|recreate|merge|squash))\s*$/i;

// Each phrase may be followed by a tail that adds no request ("fixed in abc123", "thanks for the fix").
const ACK_PHRASES = [
  /^(?:lgtm|sgtm|ptal|lgtm\w*)\b/,
  /^looks (?:good|great|fine|nice|ok|okay|solid)(?: to me| now| overall)?\b/,
  /^(?:ship ?it|approved?|approving|done|fixed|resolved|addressed|updated|changed|ack(?:nowledged)?|merged|rebased(?: on(?:to)? \S+)?)\b/,
  /^(?:many |big )?(?:thanks|thank you|thx|ty|tysm|cheers|kudos)(?: (?:a lot|so much|again|both))?(?: for\b[^.!?,;]*)?/,
  /^(?:very |really )?(?:nice|great|good|awesome|excellent|perfect|cool|neat|lovely|brilliant)(?: (?:work|job|one|catch|find|change|stuff|call|point|idea|cleanup|fix))?\b/,
  /^(?:sounds good|works for me|makes sense|that makes sense|agreed|ok(?:ay)?|yes|yep|yeah|sure|will do|on it|good to go|all good|no worries|np)\b/,
  /^(?:\+1|r\+)(?=\W|$)/,
  /^(?:in|at|with|via) [0-9a-f]{7,40}\b/,
  /^(?:now|overall|though|too|again|then|as well)\b/,
  /^(?:once|when|after|assuming|pending|if) (?:the )?(?:ci|tests?|checks?|build)(?: (?:is|are|passes|pass|goes|go|turns?))?(?: green| passing)?\b/,
  /^(?:from my side|from me|for me)\b/,
];

// Acknowledgements are short; longer prose is never only one, and skipping it keeps long comments cheap.
const MAX_ACKNOWLEDGEMENT_CHARS = 240;

export function detectAcknowledgement(prose: string): Signal | undefined {
  if (prose.length > MAX_ACKNOWLEDGEMENT_CHARS) return undefined;
  const lines = prose.split("\n").filter((l) => l.trim().length > 0);
  if (lines.length > 0 && lines.every((l) => COMMAND_LINE.test(l))) {
    return { name: "bot-command", kind: "not-feedback", span: lines.join(" ").slice(0, 80) };
  }
  const stripped = prose.replace(EMOJI, " ").replace(SHORTCODE, " ");
  // "?" alone is a (bare) question, not an emoji reaction.
  if (!/[\p{L}\p{N}?]/u.test(stripped)) {
    return { name: "emoji-only", kind: "not-feedback", span: prose.trim().slice(0, 80) };
  }
  const sentences = splitSentences(stripped);
  if (sentences.length > 0 && sentences.every(isAcknowledgement)) {
    return { name: "acknowledgement", kind: "not-feedback", span: prose.trim().slice(0, 80) };
  }
  return undefined;
}

function isAcknowledgement(sentence: string): boolean {
  let rest = normalize(sentence.replace(LEADING_MENTION, ""));
  if (rest.length === 0) return false;
  for (let guard = 0; rest.length > 0 && guard < 12; guard++) {
    const phrase = ACK_PHRASES.map((p) => p.exec(rest)).find((m) => m !== null);
    if (!phrase) return false;
    rest = normalize(rest.slice(phrase[0].length));
  }
  return rest.length === 0;
}

function normalize(text: string): string {
  // Separators between acknowledgements carry no request: "LGTM, thanks!", "Good catch - fixed".
  return text
    .toLowerCase()
    .replace(/^[\s,.;:!?\-–—()&]+|[\s,.;:!?\-–—()]+$/g, "")
    .replace(/^(?:and|but also)\s+/, "");
}
