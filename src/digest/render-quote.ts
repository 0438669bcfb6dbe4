// Makes someone's words safe to show inside a digest: no Markdown of theirs, no pings, no cross-references.
import { stripUnsafeCharacters } from "../analysis/sanitize-rewrite.js";

/**
 * Escapes text for one line of GitHub Markdown. Every ASCII punctuation GitHub gives a meaning to is
 * backslash-escaped; `@name`, `#123` and `GH-123` get a zero-width space after the sign, and bare URLs after their
 * scheme or `www` (the idiom Renovate uses), because GitHub would otherwise notify that person or link that issue or
 * page from the digest; `&` becomes an entity so `&copy;` stays text; line breaks become spaces; control and
 * bidirectional-override characters are dropped.
 */
export function escapeMarkdownInline(text: string): string {
  return (
    stripUnsafeCharacters(text)
      .replace(/[\r\n]+/g, " ")
      .replace(/&/g, "&amp;")
      .replace(/[\\`*_{}[\]()<>#+!|~]/g, (char) => `\\${char}`)
      .replace(/@(?=[A-Za-z0-9])/g, "@&#8203;")
      .replace(/\\#(?=\d)/g, "#&#8203;")
      // GH-123 is an issue reference too, and GitHub links bare URLs: a quote links nothing (README, Security).
      .replace(/\b(GH-)(?=\d)/gi, "$1&#8203;")
      .replace(/\b(https?|ftp)(?=:\/\/)/gi, "$1&#8203;")
      .replace(/\b(www)(?=\.)/gi, "$1&#8203;")
  );
}
