// Markdown that tells a team what is wrong with their config file (a check run summary or a PR comment).
import { escapeMarkdown } from "../markdown/escape-markdown.js";
import type { ConfigProblem } from "./config-problem.js";

const configReferenceUrl = "https://github.com/review-coach/review-coach#configuration";

/** Enough to fix a file in one go, and far below GitHub's 65,536-character limit for comments and summaries. */
const maxListed = 50;

/** A code span that survives backticks inside it (CommonMark: a longer fence, padded with spaces). */
const codeSpan = (text: string): string => {
  const flat = text.replace(/[\r\n]+/g, " ");
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  return `${fence} ${flat} ${fence}`;
};

const renderProblem = (problem: ConfigProblem): string => {
  const prefix = `${problem.path === "" ? "top level" : problem.path}: `;
  const text = problem.message.startsWith(prefix) ? problem.message.slice(prefix.length) : problem.message;
  const where =
    problem.line === undefined
      ? ""
      : ` (line ${problem.line}${problem.column === undefined ? "" : `, column ${problem.column}`})`;
  const subject = problem.path === "" ? `the file${where}` : `${codeSpan(problem.path)}${where}`;
  return `- ${subject}: ${escapeMarkdown(text)}`;
};

/** `version` identifies the file contents; the hidden marker lets the caller report each version once. */
export const renderConfigProblems = ({
  source,
  problems,
  version,
}: {
  source: string;
  problems: readonly ConfigProblem[];
  version: string;
}): string => {
  const safeVersion = version.replace(/[^A-Za-z0-9._:-]/g, "");
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const listed = problems.slice(0, maxListed).map(renderProblem);
  const hidden = problems.length - listed.length;
  return [
    `<!-- review-coach:config-problems version=${safeVersion} -->`,
    "### review-coach cannot use its configuration",
    "",
    `Found ${count} in ${codeSpan(source)}:`,
    "",
    ...listed,
    ...(hidden > 0 ? [`- …and ${hidden} more; run the validator below to see them all.`] : []),
    "",
    "Until the file is fixed, review-coach uses safe defaults: it records and measures reviews in this repository " +
      "but posts no nudges. Config is read from the default branch, so a fix applies once it is merged.",
    "",
    `See the [configuration reference](${configReferenceUrl}); to check a file before pushing, run ` +
      "`npx review-coach validate-config .github/review-coach.yml`.",
    "",
  ].join("\n");
};
