// Safe pieces of nudge Markdown: escaped quotes of review text, links, the marker, and GitHub's length limit.
import { stripUnsafeCharacters } from "../analysis/sanitize-rewrite.js";
import { escapeMarkdown, escapeMarkdownCharacters } from "../markdown/escape-markdown.js";

/** The README section that explains the rubric; every nudge links to it. */
export const RUBRIC_URL = "https://github.com/review-coach/review-coach#how-comments-are-assessed";
/** Quotes of review text are short: enough to recognise the comment, not to re-publish it. */
export const MAX_QUOTE_CHARS = 120;
/** A suggested rewrite is one or two sentences. */
export const MAX_SUGGESTION_CHARS = 300;
/** Comments named in one nudge; the rest are counted. A long list is a lecture, not a nudge. */
export const MAX_LISTED = 10;
/** GitHub rejects issue comment bodies and check run summaries above 65,536 characters. */
export const GITHUB_BODY_LIMIT = 65_536;

const MARKER_PREFIX = "<!-- review-coach:nudge";

/** The hidden marker that identifies the app's nudge for a review (and, inline, for one thread). */
export function nudgeMarker(reviewId: number, commentId?: number): string {
  return commentId === undefined
    ? `${MARKER_PREFIX} review=${reviewId} -->`
    : `${MARKER_PREFIX} review=${reviewId} comment=${commentId} -->`;
}

/** Someone else's text inline in a nudge: escaped, inert, their code spans kept as code (src/markdown). */
export const escapeInline = (text: string): string => escapeMarkdown(text, { keepCodeSpans: true });

/**
 * A login as the app writes it after an "@": every character kept (an enterprise login such as `alice_acme` must
 * not become someone else's), escaped for Markdown rather than stripped.
 */
export function escapeLogin(login: string): string {
  return escapeMarkdownCharacters(stripUnsafeCharacters(login).replace(/\s+/g, " "));
}

/** Cuts at a code point boundary and marks the cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join("")
    .trimEnd()}…`;
}

/**
 * A short, escaped quote of a review comment: prose only (fenced code, suggestion blocks and quoted lines are
 * dropped), on one line, at most MAX_QUOTE_CHARS characters.
 */
export function quoteComment(body: string): string {
  const prose = body
    .replace(/^[ \t]*(```|~~~)[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm, " ")
    .replace(/^[ \t]*>.*$/gm, " ")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return escapeInline(truncate(prose || "(code only)", MAX_QUOTE_CHARS));
}

/** An escaped, length-limited rewrite suggested by the assessment. */
export function quoteSuggestion(suggestion: string): string {
  return escapeInline(truncate(suggestion.replace(/\s+/g, " ").trim(), MAX_SUGGESTION_CHARS));
}

/** `[label](url)` for a GitHub https URL; the bare label for anything else (nothing else is trusted as a link). */
export function link(label: string, url: string | null | undefined): string {
  return url && /^https:\/\/[^\s()<>]+$/.test(url) ? `[${label}](${url})` : label;
}

/** "1 comment", "2 comments". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** The line every nudge ends with: the rubric, and how to stop (or resume) these notes. */
export function footer(where: "comment" | "thread" | "check"): string {
  const how =
    where === "check"
      ? "Comment `/review-coach off` on a pull request to stop these notes (`/review-coach on` to resume)."
      : `Reply \`/review-coach off\`${where === "thread" ? " here or on the PR" : ""} to stop these notes (\`/review-coach on\` to resume).`;
  return `<sub>From review-coach · [How comments are assessed](${RUBRIC_URL}) · ${how}</sub>`;
}

/** Hard cap under GitHub's limit; never reached with MAX_LISTED items, but a limit is a limit. */
export function capLength(markdown: string, limit = GITHUB_BODY_LIMIT): string {
  if (markdown.length <= limit) return markdown;
  const note = "\n\n*(shortened to fit GitHub's comment size limit)*";
  // Cut in UTF-16 units (what the limit counts), never inside a surrogate pair.
  return `${markdown.slice(0, limit - note.length - 1).replace(/[\uD800-\uDBFF]$/, "")}…${note}`;
}
