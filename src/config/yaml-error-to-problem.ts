// Turns an error from the `yaml` package (syntax, alias bomb, bad alias) into a config problem with its position.
import type { ConfigProblem } from "./config-problem.js";

type LinePos = { line: number; col: number };

const linePosOf = (error: Error): LinePos | undefined => {
  const linePos: unknown = "linePos" in error ? error.linePos : undefined;
  const first: unknown = Array.isArray(linePos) ? linePos[0] : undefined;
  if (typeof first !== "object" || first === null || !("line" in first) || !("col" in first))
    return undefined;
  return typeof first.line === "number" && typeof first.col === "number"
    ? { line: first.line, col: first.col }
    : undefined;
};

/** yaml's pretty messages add " at line 3, column 9:" and a code excerpt; the location is reported separately. */
const firstSentence = (message: string): string =>
  (message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "").trim();

/**
 * Duck-typed rather than `instanceof`: the error may come from the copy of `yaml` inside
 * @probot/octokit-plugin-config, wrapped as the `cause` of the plugin's own error.
 */
export const yamlErrorToProblem = (error: unknown): ConfigProblem => {
  const base = { kind: "file", path: "", keys: [] } as const;
  if (!(error instanceof Error)) return { ...base, message: "YAML could not be read" };
  if (error.message.includes("Excessive alias count")) {
    // yaml's guard against "billion laughs" files: aliases that would expand to a huge document.
    return { ...base, message: "YAML aliases expand to too large a document; write the values out instead" };
  }
  const position = linePosOf(error);
  const text = `YAML syntax error: ${firstSentence(error.message)}`;
  return position === undefined
    ? { ...base, message: text }
    : { ...base, message: text, line: position.line, column: position.col };
};
