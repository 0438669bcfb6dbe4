// Plain-text list of config problems for logs and terminals.
import type { ConfigProblem } from "./config-problem.js";

const location = (problem: ConfigProblem): string =>
  problem.line === undefined
    ? ""
    : `line ${problem.line}${problem.column === undefined ? "" : `, col ${problem.column}`}: `;

export const formatProblems = (source: string, problems: readonly ConfigProblem[]): string =>
  [
    `Invalid config in ${source}:`,
    ...problems.map((problem) => `- ${location(problem)}${problem.message}`),
  ].join("\n");
