// The parts every nudge shares (summary comment and check run): what could teach more, wording, and credit.
import type { NudgeContent } from "./policy.js";
import { harshWordsMarkdown, kinderPhrasing, kinderQuestion } from "./render-kinder-phrasing.js";
import { suggestionMarkdown } from "./render-suggestion.js";
import { count, link, MAX_LISTED, quoteComment } from "./render-text.js";
import type { CoachComment } from "./review-facts.js";

/** Where a comment is: its file for a line comment, "review summary" for the review body. */
export function location(c: CoachComment): string {
  if (c.kind === "review" || !c.path) return "review summary";
  return `\`${c.path.replace(/[`\n\r]/g, "")}\``;
}

export function couldTeachMoreSection(items: readonly CoachComment[]): string[] {
  if (items.length === 0) return [];
  const lines = [
    `${items.length === 1 ? "This comment says" : `These ${count(items.length, "comment")} say`} *what* to change, ` +
      "not *why*. One sentence of reasoning turns a correction into something the author can reuse next time:",
    "",
  ];
  for (const c of items.slice(0, MAX_LISTED)) {
    lines.push(`- ${link(location(c), c.htmlUrl)}: “${quoteComment(c.body)}”`);
    lines.push(`  → ${suggestionMarkdown(c.body, c.assessment.suggestion)}`);
  }
  if (items.length > MAX_LISTED) lines.push(`- …and ${count(items.length - MAX_LISTED, "more comment")}.`);
  return lines;
}

/**
 * Harsh comments are linked, never quoted whole (issue #4): the note names the words that read as harsh, says why,
 * and offers the same remark without them (the checked rewrite) or, when there is none, the question to ask instead.
 */
export function wordingSection(items: readonly CoachComment[]): string[] {
  if (items.length === 0) return [];
  const first = items[0];
  if (items.length === 1 && first)
    return [`${link("One comment", first.htmlUrl)} may land harder than intended. ${wordingNote(first)}`];
  const lines = [`${items.length} comments' wording may land harder than intended:`, ""];
  items.slice(0, MAX_LISTED).forEach((c, i) => {
    lines.push(`- ${link(`comment ${i + 1}`, c.htmlUrl)}: ${wordingNote(c)}`);
  });
  if (items.length > MAX_LISTED) lines.push(`- …and ${count(items.length - MAX_LISTED, "more comment")}.`);
  return lines;
}

/** "“obviously” can read as …. The same remark without it: “…”" for one harsh comment. */
export function wordingNote(c: CoachComment): string {
  const words = harshWordsMarkdown(c.body);
  const why = words ? `${words}.` : "Its wording reads as a judgement more than a request.";
  const kinder = kinderPhrasing(c.body, c.assessment);
  if (kinder) return `${why} The same remark without ${words.includes(";") ? "them" : "it"}: “${kinder}”`;
  const question = c.assessment.verdict === "correcting" ? kinderQuestion(c.body, c.assessment) : undefined;
  return question
    ? `${why} Instead, the remark could ask the one question that matters: ${question}`
    : `${why} Naming the concern and what it affects, without those words, keeps it direct and kind.`;
}

/** One line of credit for what already teaches. */
export function creditLine(teaching: readonly CoachComment[]): string {
  const first = teaching[0];
  if (!first) return "🙏 Thanks for taking the time to review.";
  if (teaching.length === 1)
    return `✨ Already teaching: ${link("this comment", first.htmlUrl)} explains its *why*. Thank you!`;
  const links = teaching
    .slice(0, 5)
    .map((c, i) => link(String(i + 1), c.htmlUrl))
    .join(", ");
  return `✨ Already teaching: ${teaching.length} of your comments explain their *why* (${links}${
    teaching.length > 5 ? ", …" : ""
  }). Thank you!`;
}

export function nudgeSections(content: NudgeContent): string[] {
  const sections = [couldTeachMoreSection(content.couldTeachMore), wordingSection(content.harsh)].filter(
    (s) => s.length > 0,
  );
  return sections.flatMap((s) => [...s, ""]).concat(creditLine(content.teaching));
}
