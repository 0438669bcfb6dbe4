// Core of `review-coach validate-config FILE`: reads a local config file and reports it like a compiler would.
import { readFile as readFileFromDisk } from "node:fs/promises";
import { batchingBound } from "../figures/batching-bound.js";
import type { ConfigProblem } from "./config-problem.js";
import { parseConfigText } from "./parse-config-text.js";
import type { RepoConfig } from "./schema.js";

export type ReadTextFile = (path: string, encoding: "utf8") => Promise<string>;

const errorCode = (error: unknown): unknown =>
  typeof error === "object" && error !== null && "code" in error ? error.code : undefined;

const readFailure = (path: string, error: unknown): string => {
  switch (errorCode(error)) {
    case "ENOENT":
      return `${path}: file not found (the config lives at .github/review-coach.yml)`;
    case "EISDIR":
      return `${path}: is a directory; expected a YAML file`;
    default:
      return `${path}: cannot read the file (${error instanceof Error ? error.message : String(error)})`;
  }
};

/** `FILE:3:9 message`, the shape editors and CI annotations pick up. */
const locatedLine = (path: string, problem: ConfigProblem): string =>
  problem.line === undefined
    ? `${path}: ${problem.message}`
    : `${path}:${problem.line}:${problem.column ?? 1} ${problem.message}`;

const summarize = (config: RepoConfig): string => {
  const { coaching, review_windows: windows, digest, llm } = config;
  const nudges =
    !coaching.enabled || coaching.mode === "off"
      ? "coaching off (record and measure only)"
      : `coaching ${coaching.mode}, nudge below ${coaching.teaching_ratio_threshold} teaching from ${coaching.min_comments} comments`;
  const reviewWindows = `windows ${windows.windows.join(", ") || "none"} (${windows.timezone})`;
  const digestText = digest.enabled ? `digest ${digest.day} ${digest.time}` : "digest off";
  return `  ${nudges}; ${reviewWindows}; ${digestText}; llm ${llm.enabled ? llm.model : "off"}`;
};

/** A warning, not an error (the file is valid): the windows alone cannot meet the target (docs/metrics.md). */
const windowsWarning = (config: RepoConfig): string[] => {
  const rules = config.review_windows;
  const bound = batchingBound(rules);
  const target = rules.first_review_target_hours;
  if (bound === null || bound.hours <= target) return [];
  const hours = (value: number): string => `${Number(value.toFixed(2))} h`;
  return [
    `  ⚠ review_windows: the windows cannot meet first_review_target_hours (${hours(target)}): a PR ready just ` +
      `after the ${bound.after} window waits ${hours(bound.hours)} of business time for the next one ` +
      "(the batching bound, docs/metrics.md); add a window in that stretch or raise the target",
  ];
};

export const validateConfigFile = async (
  path: string,
  readFile: ReadTextFile = readFileFromDisk,
): Promise<{ exitCode: 0 | 1; output: string }> => {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    return { exitCode: 1, output: readFailure(path, error) };
  }
  const result = parseConfigText(text, path);
  if (!result.ok) {
    const count = result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`;
    const lines = result.problems.map((problem) => locatedLine(path, problem));
    const footer = `✗ ${count} in ${path}; until it is fixed, review-coach observes the repository only (no nudges)`;
    return { exitCode: 1, output: [...lines, footer].join("\n") };
  }
  const extendsNote =
    result.config._extends === undefined
      ? []
      : [`  _extends: ${result.config._extends} (org defaults are merged on GitHub, not checked here)`];
  return {
    exitCode: 0,
    output: [
      `✓ ${path} is valid`,
      summarize(result.config),
      ...extendsNote,
      ...windowsWarning(result.config),
    ].join("\n"),
  };
};
