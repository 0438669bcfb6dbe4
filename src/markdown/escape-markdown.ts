// The one way the app writes someone else's text into its own Markdown (nudges, digests, config reports): it renders
// as that text and nothing more (README, Security: "Text from others").
import { stripUnsafeCharacters } from "../analysis/sanitize-rewrite.js";

/** A code span (`x`): nothing inside one renders, mentions included. */
const CODE_SPAN = /(`[^`\n]+`)/;

/**
 * HTML as entities (so no tag, nor a `-->` that would end a hidden marker) and every character that changes
 * Markdown's layout backslash-escaped. Notifies and links as the text would: for a login, or inside escapeMarkdown.
 */
export function escapeMarkdownCharacters(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]()|~!]/g, "\\$&");
}

/** A zero-width space after "@", "#", "GH-", a URL scheme or "www" keeps the text readable and inert. */
function defuse(text: string): string {
  return (
    text
      // Stops GitHub from notifying anyone or cross-linking an issue (`GH-123` is an issue reference too).
      .replace(/@(?=[\p{L}\p{N}_-])/gu, "@\u200b")
      .replace(/#(?=\d)/g, "#\u200b")
      .replace(/\b(GH-)(?=\d)/gi, "$1\u200b")
      // GitHub links bare URLs: quoted text links nothing.
      .replace(/\b(https?|ftp)(?=:\/\/)/gi, "$1\u200b")
      .replace(/\b(www)(?=\.)/gi, "$1\u200b")
  );
}

/**
 * Text written by someone else, safe on one line of the app's Markdown: control and bidirectional-override
 * characters dropped, line breaks as spaces, no HTML, no Markdown of theirs, no @mention, #reference or link.
 * `keepCodeSpans` leaves their `code spans` as code (a nudge quoting a review comment shows its code as code).
 */
export function escapeMarkdown(text: string, { keepCodeSpans = false } = {}): string {
  const line = stripUnsafeCharacters(text).replace(/[\r\n]+/g, " ");
  const escapePart = (part: string) => defuse(escapeMarkdownCharacters(part));
  if (!keepCodeSpans) return escapePart(line);
  return line
    .split(CODE_SPAN)
    .map((part, i) => (i % 2 === 1 ? part : escapePart(part)))
    .join("");
}
