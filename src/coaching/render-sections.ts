// The parts every nudge shares (summary comment and check run): what could teach more, wording, and credit.
import type { NudgeContent } from "./policy.js";
import { kinderPhrasing } from "./render-kinder-phrasing.js";
import { count, link, MAX_LISTED, quoteComment, quoteSuggestion } from "./render-text.js";
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
    if (c.assessment.suggestion) lines.push(`  → *Try:* “${quoteSuggestion(c.assessment.suggestion)}”`);
  }
  if (items.length > MAX_LISTED) lines.push(`- …and ${count(items.length - MAX_LISTED, "more comment")}.`);
  return lines;
}

/** Harsh comments are linked, never quoted (issue #4): the kinder phrasing comes from the suggested rewrite only. */
export function wordingSection(items: readonly CoachComment[]): string[] {
  if (items.length === 0) return [];
  const fallback = "Naming the concern and its reason, without judgement, usually lands better.";
  const first = items[0];
  if (items.length === 1 && first) {
    const kinder = kinderPhrasing(first.assessment);
    return [
      `One comment's wording may land harder than intended (${link("this one", first.htmlUrl)}). ` +
        (kinder ? `A kinder phrasing could be: “${kinder}”` : fallback),
    ];
  }
  const lines = [`${items.length} comments' wording may land harder than intended:`, ""];
  items.slice(0, MAX_LISTED).forEach((c, i) => {
    const kinder = kinderPhrasing(c.assessment);
    lines.push(
      `- ${link(`comment ${i + 1}`, c.htmlUrl)}${kinder ? `: a kinder phrasing could be “${kinder}”` : ""}`,
    );
  });
  if (items.length > MAX_LISTED) lines.push(`- …and ${count(items.length - MAX_LISTED, "more comment")}.`);
  lines.push("", fallback);
  return lines;
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
