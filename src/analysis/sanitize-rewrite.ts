// Defangs a model-written rewrite before it can reach a PR comment: no mentions, links, images or HTML, bounded length.

/** GitHub renders the rewrite in a comment the app posts; 500 characters is plenty for one kinder sentence or two. */
export const MAX_REWRITE_CHARS = 500;

const IMAGE = /!\[([^\]]*)\]\([^)]*\)/g;
const MD_LINK = /\[([^\]]*)\]\([^)]*\)/g;
const REF_LINK = /\[([^\]]+)\]\s*\[[^\]]*\]/g;
const REF_DEFINITION = /^\s*\[[^\]]+\]:\s*\S+.*$/gm;
const AUTOLINK = /<(?:https?|ftp|mailto):[^>]*>/gi;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const BARE_URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)\S+/gi;
// @user, @org/team: a zero-width space after "@" keeps the text readable and stops GitHub from notifying anyone.
const MENTION = /@(?=[A-Za-z0-9])/g;

/**
 * C0 and C1 controls (tab and line breaks aside: callers fold those) and the bidirectional marks and overrides that
 * make text read differently from what it is (U+202E "RIGHT-TO-LEFT OVERRIDE" …): nothing quoted or suggested by the
 * app carries them (README, Security).
 */
const UNSAFE_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point here.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, "");
}

export function sanitizeRewrite(text: string): string {
  const cleaned = stripUnsafeCharacters(text)
    .replace(HTML_COMMENT, "")
    .replace(IMAGE, "$1")
    .replace(MD_LINK, "$1")
    .replace(REF_LINK, "$1")
    .replace(REF_DEFINITION, "")
    .replace(AUTOLINK, "")
    .replace(HTML_TAG, "")
    .replace(BARE_URL, "")
    .replace(MENTION, "@\u200b")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (cleaned.length <= MAX_REWRITE_CHARS) return cleaned;
  // Cut on a code point boundary: a lone surrogate would render as garbage.
  const cut = cleaned.slice(0, MAX_REWRITE_CHARS - 1).replace(/[\uD800-\uDBFF]$/, "");
  return `${cut.trimEnd()}…`;
}
