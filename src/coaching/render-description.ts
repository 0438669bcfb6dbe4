// Renders the note on a PR's description: addressed to its author, naming only what is missing and why it helps
// the reviewers, with a skeleton to paste; and the thank-you it becomes (docs/architecture.md, "Descriptions"). Pure.
import type { DescriptionPart } from "../analysis/description/description-assessment.js";
import type { DescriptionNudgeContent } from "./policy-description.js";
import { capLength, escapeInline, escapeLogin, link } from "./render-text.js";

/** The README section on descriptions; every note links to it. */
export const DESCRIPTIONS_URL = "https://github.com/review-coach/review-coach#descriptions";

export interface DescriptionNudgeView {
  prNumber: number;
  author: string;
  content: DescriptionNudgeContent;
  changedLines: number | null;
  /** The UI files touched (for the screenshot line), at most a few. */
  uiFiles: readonly string[];
  /** Links for the ADR line: the folder, and its template when it has one. */
  adrFolder: { name: string; url: string | null; templateUrl: string | null };
}

/** The hidden marker that identifies the app's note on a PR's description. */
export function descriptionMarker(prNumber: number): string {
  return `<!-- review-coach:description pr=${prNumber} -->`;
}

const code = (text: string) => `\`${text.replace(/[`\n\r]/g, "")}\``;

/** Why each part helps, in one line a reviewer would agree with. */
function partLine(part: DescriptionPart, view: DescriptionNudgeView): string {
  switch (part) {
    case "what":
      return "**What changes**: a sentence or two beyond the title, so reviewers know what to look for before they open the diff.";
    case "why":
      return "**Why**: the problem this solves or the reason for it, so reviewers can judge the approach and not only the lines.";
    case "testing":
      return "**How it was tested**: the tests you added or ran, or the steps you tried by hand, so reviewers know what is already covered.";
    case "issue":
      return "**Issue**: a link to the issue or ticket, so the discussion that led here is one click away.";
    case "risks":
      return `**Risks and rollout**: ${view.changedLines === null ? "a change this size" : `${view.changedLines} changed lines`} deserve a word on what could go wrong and how it rolls out (or back).`;
    case "screenshot":
      return `**Screenshot**: this touches ${view.uiFiles.length > 0 ? view.uiFiles.slice(0, 2).map(code).join(" and ") : "UI files"}; a before/after image lets reviewers see the change without checking it out.`;
    case "template":
      return `**PR template**: ${headingList(view.content.unfilledHeadings)} ${view.content.unfilledHeadings.length === 1 ? "is" : "are"} still as the template left ${view.content.unfilledHeadings.length === 1 ? "it" : "them"}.`;
  }
}

function headingList(headings: readonly string[]): string {
  const names = headings.slice(0, 5).map((h) => `“${escapeInline(h)}”`);
  if (names.length <= 1) return `the heading ${names[0] ?? ""}`.trim();
  return `the headings ${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** The skeleton's section for a part: a heading and a one-line prompt in an HTML comment (invisible once pasted). */
function skeletonSection(part: DescriptionPart, view: DescriptionNudgeView): string[] {
  switch (part) {
    case "what":
      return ["## What changes", "<!-- One or two sentences beyond the title. -->"];
    case "why":
      return ["## Why", "<!-- The problem this solves, or the reason for the change. -->"];
    case "testing":
      return [
        "## How it was tested",
        "<!-- Tests added or run; steps tried by hand; what was not tested. -->",
      ];
    case "issue":
      return ["## Issue", "<!-- Closes #… -->"];
    case "risks":
      return ["## Risks and rollout", "<!-- What could break, who would notice, how to roll back. -->"];
    case "screenshot":
      return ["## Screenshots", "<!-- Before / after: drag images here. -->"];
    case "template":
      return view.content.unfilledHeadings
        .slice(0, 5)
        .flatMap((h) => [`## ${h.replace(/[\r\n`]/g, " ")}`, "<!-- … -->"]);
  }
}

export function renderDescriptionNudge(view: DescriptionNudgeView): string {
  const { missing, adr } = view.content;
  const lines = [
    descriptionMarker(view.prNumber),
    `👋 Hi @${escapeLogin(view.author)}, thanks for the pull request!`,
    "",
  ];
  if (missing.length > 0) {
    lines.push(
      missing.length === 1
        ? "One addition to the description would make the review faster and better aimed:"
        : "A few additions to the description would make the review faster and better aimed:",
      "",
      ...missing.map((part) => `- ${partLine(part, view)}`),
      "",
      "A skeleton with only those parts, to paste into the description and fill in:",
      "",
      "````markdown",
      ...missing.flatMap((part) => [...skeletonSection(part, view), ""]).slice(0, -1),
      "````",
    );
  }
  if (adr) {
    const folder = link(code(view.adrFolder.name), view.adrFolder.url);
    const template = view.adrFolder.templateUrl
      ? ` (start from ${link("the template", view.adrFolder.templateUrl)})`
      : "";
    const touched = adr.touched.length > 0 ? adr.touched.map(code).join(", ") : "files";
    if (missing.length > 0) lines.push("");
    lines.push(
      `🏛️ This changes ${touched}, which the team counts as architectural. If it makes a decision, a short ADR in ${folder}${template} records the why for whoever comes next; link it here, or mention its number (\`ADR-NNN\`).`,
    );
  }
  lines.push("", footer());
  return capLength(lines.join("\n"));
}

/** What the note becomes once the description has what the config asks for (coaching.on_resolved: thank). */
export function renderDescriptionThanks(view: { prNumber: number; author: string }): string {
  return [
    descriptionMarker(view.prNumber),
    `✅ Thanks, @${escapeLogin(view.author)}: with the edits, the description gives reviewers what they need to start. Nothing more to do here.`,
    "",
    footer(),
  ].join("\n");
}

function footer(): string {
  return `<sub>From review-coach · [What a description needs](${DESCRIPTIONS_URL}) · Reply \`/review-coach off\` to stop these notes (\`/review-coach on\` to resume).</sub>`;
}
