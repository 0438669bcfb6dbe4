// Loads `.github/review-coach.yml` the Probot way (repo, else the org `.github` repo, then `_extends`) and validates it.
import { createHash } from "node:crypto";
import { CONFIG_PATH } from "./config-path.js";
import type { ConfigProblem } from "./config-problem.js";
import { parseConfig } from "./parse-config.js";
import {
  type ConfigFileRead,
  type ConfigParseMemory,
  type ContentsReader,
  MAX_CONFIG_BYTES,
  MAX_EXTENDS_HOPS,
  readConfigFiles,
} from "./read-config-files.js";
import { defaultConfig, RepoConfig } from "./schema.js";
import { yamlErrorToProblem } from "./yaml-error-to-problem.js";

export type { ConfigFileRead } from "./read-config-files.js";

/** The slice of Probot's octokit this needs: the contents API, read by readConfigFiles. */
export type ConfigReader = ContentsReader;

/**
 * - `missing`: no file in the repo nor in the org `.github` repo: the repo is observed, not coached (docs/architecture.md, "Configuration").
 * - `ok`: `sources` lists the files merged, highest precedence first.
 * - `invalid`: run with `config` (safe defaults), observe only, and report `problems` once per `version`.
 * - `unavailable`: GitHub could not be asked (403, 5xx, network): the config is unknown, not wrong. Callers log it,
 *   observe only for this event and report nothing to users; the next event tries again. Returned rather than
 *   thrown so that an outage can never take down event ingestion.
 */
export type LoadedConfig =
  | { status: "missing" }
  | { status: "ok"; config: RepoConfig; version: string; sources: string[] }
  | { status: "invalid"; config: RepoConfig; problems: ConfigProblem[]; version: string; source: string }
  | { status: "unavailable"; reason: string; httpStatus?: number; cause: unknown };

/** Same limit as parseConfigText and the file itself: a config is a few dozen lines. */
const maxSerializedBytes = MAX_CONFIG_BYTES;

const pluginPrefix = "[@probot/octokit-plugin-config]";

const describeFile = (file: { owner: string; repo: string; path: string }): string =>
  `${file.owner}/${file.repo}/${file.path}`;

/** `https://api.github.com/repos/acme/.github/contents/.github%2Freview-coach.yml` → `acme/.github/.github/…`. */
const describeUrl = (url: string): string => {
  const match = /\/repos\/([^/]+)\/([^/]+)\/contents\/([^?#\s]+)/.exec(url);
  if (match?.[1] === undefined || match[2] === undefined || match[3] === undefined) return url;
  const [owner, repo, path] = [match[1], match[2], match[3]].map((part) => decodeURIComponent(part));
  return `${owner}/${repo}/${path}`;
};

/** JSON of a parsed file, or undefined when YAML aliases made it cyclic (`a: &x [*x]`). */
const serialize = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

/** Identifies the contents of every file read, so a problem is reported once per file version. */
const hash = (parts: readonly unknown[]): string =>
  createHash("sha256")
    .update(parts.map((part) => serialize(part) ?? "<cyclic>").join("\n"))
    .digest("hex")
    .slice(0, 16);

const versionOf = (files: readonly ConfigFileRead[]): string =>
  hash(files.map((file) => [file.owner, file.repo, file.path, file.config]));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Mappings merge key by key, lists and scalars replace. Unlike context.config's deepmerge default, lists are
 * not concatenated: a repo that sets `windows` or `ignore_users` means exactly those.
 */
const mergeLayers = (lower: unknown, higher: unknown): unknown => {
  if (!isPlainObject(lower) || !isPlainObject(higher)) return higher;
  const merged: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(lower), ...Object.keys(higher)])) {
    const value = Object.hasOwn(higher, key) ? mergeLayers(lower[key], higher[key]) : lower[key];
    // defineProperty: a key named "__proto__" stays data and never becomes the object's prototype.
    Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return merged;
};

const extendsProblem = (message: string, value?: string): ConfigProblem => {
  const base: ConfigProblem = { kind: "invalid_value", path: "_extends", keys: ["_extends"], message };
  return value === undefined ? base : { ...base, value };
};

const extendsTargetMissing = (target: ConfigFileRead): ConfigProblem => {
  const value = `${target.owner}/${target.repo}${target.path === CONFIG_PATH ? "" : `:${target.path}`}`;
  return extendsProblem(
    `_extends: ${JSON.stringify(value)} points to ${target.path} in ${target.owner}/${target.repo}, which does not ` +
      "exist or which the app cannot read (is it installed there?); fix _extends or add that file",
    value,
  );
};

const invalid = (
  source: string,
  problems: ConfigProblem[],
  version: string,
  config: RepoConfig,
): LoadedConfig => ({
  status: "invalid",
  config,
  problems,
  version,
  source,
});

/** readConfigFiles throws plain errors, prefixed like the plugin's, for file contents it cannot use: those are invalid. */
const fromPluginError = (error: Error, defaults: RepoConfig): LoadedConfig | undefined => {
  const { message } = error;
  if (!message.startsWith(pluginPrefix)) return undefined;
  const cause: unknown = error.cause;
  const version = hash([message, cause instanceof Error ? cause.message : undefined]);
  const url = /https?:\/\/\S+/.exec(message)?.[0] ?? "";
  const source = describeUrl(url.replace(/[.,)]+$/, ""));

  if (message.includes("(invalid YAML)"))
    return invalid(source, [yamlErrorToProblem(cause)], version, defaults);
  if (message.includes("(YAML is not an object)")) {
    const sections = Object.keys(RepoConfig.shape).filter((key) => key !== "_extends");
    const problem: ConfigProblem = {
      kind: "invalid_value",
      path: "",
      keys: [],
      message: `top level: expected a mapping with sections such as ${sections.join(", ")}, got a string`,
    };
    return invalid(source, [problem], version, defaults);
  }
  const badExtends = /Invalid value (.+) for _extends in (\S+)$/.exec(message);
  if (badExtends?.[1] !== undefined && badExtends[2] !== undefined) {
    const problem = extendsProblem(
      `_extends: ${badExtends[1]} is not valid; expected a repository such as ".github", "acme/settings" or "settings:path.yml"`,
      badExtends[1],
    );
    return invalid(describeUrl(badExtends[2]), [problem], version, defaults);
  }
  const tooLarge = /is too large \((\d+) bytes/.exec(message);
  if (tooLarge?.[1] !== undefined) {
    const problem: ConfigProblem = {
      kind: "file",
      path: "",
      keys: [],
      message: `the file is ${tooLarge[1]} bytes; a config file may be at most 64 KiB`,
    };
    return invalid(source, [problem], version, defaults);
  }
  const tooDeep = /Too many _extends: (\S+) extends/.exec(message);
  if (tooDeep?.[1] !== undefined) {
    const problem = extendsProblem(
      `_extends: the chain of _extends files goes more than ${MAX_EXTENDS_HOPS} files deep; point this file's _extends at the org defaults directly, or remove it`,
    );
    return invalid(describeUrl(tooDeep[1]), [problem], version, defaults);
  }
  if (message.includes("Recursion detected")) {
    const from = /from (\S+) because/.exec(message)?.[1] ?? url;
    const loop = extendsProblem(
      "_extends: the chain of _extends files loops back on itself; remove one _extends",
    );
    return invalid(describeUrl(from), [loop], version, defaults);
  }
  if (message.includes("is either a directory or a submodule")) {
    const problem: ConfigProblem = {
      kind: "file",
      path: "",
      keys: [],
      message: `${CONFIG_PATH} is a directory or a submodule; expected a YAML file`,
    };
    return invalid(source, [problem], version, defaults);
  }
  return undefined;
};

/**
 * A digest posts with this repository's installation, so its target must be in the same account (an app has one
 * installation per account): another organisation's figures must never reach, or govern, its digest (README,
 * Security).
 */
const foreignDigestTarget = (config: RepoConfig, owner: string): ConfigProblem | undefined => {
  const target = config.digest.repository;
  if (target === "" || target.split("/")[0]?.toLowerCase() === owner.toLowerCase()) return undefined;
  return {
    kind: "invalid_value",
    path: "digest.repository",
    keys: ["digest", "repository"],
    value: target,
    message:
      `digest.repository: ${JSON.stringify(target)} is not in this repository's account; ` +
      `expected a repository of ${owner}/, or "" for this repository`,
  };
};

const unavailable = (error: unknown): LoadedConfig => {
  const status: unknown =
    typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  return typeof status === "number"
    ? { status: "unavailable", reason, httpStatus: status, cause: error }
    : { status: "unavailable", reason, cause: error };
};

/**
 * Reads the config the way `context.config("review-coach.yml")` would, from the default branch (a config
 * change in a PR applies once merged). Never throws for anything a user wrote; see LoadedConfig.
 */
export const loadRepoConfig = async (
  octokit: ConfigReader,
  { owner, repo }: { owner: string; repo: string },
  memory?: ConfigParseMemory,
): Promise<LoadedConfig> => {
  const defaults = defaultConfig();
  let files: readonly ConfigFileRead[];
  try {
    files = await readConfigFiles(octokit, { owner, repo, path: CONFIG_PATH }, memory);
  } catch (error) {
    // A 404 never gets here: readConfigFiles turns it into a file with `config: null`.
    return (error instanceof Error ? fromPluginError(error, defaults) : undefined) ?? unavailable(error);
  }

  const present = files.filter((file) => file.config !== null && file.config !== undefined);
  const first = present[0];
  if (first === undefined) return { status: "missing" };
  const version = versionOf(files);

  // Validate file by file so each problem names the file it is in (the repo's, or the org defaults).
  for (const [index, file] of files.entries()) {
    const source = describeFile(file);
    if (file.config === null || file.config === undefined) {
      // Index 1 may be the org `.github` fallback for a repo without a file; any other gap is an `_extends` target.
      const previous = files[index - 1];
      if (previous?.config !== null && previous?.config !== undefined) {
        return invalid(describeFile(previous), [extendsTargetMissing(file)], version, defaults);
      }
      continue;
    }
    const serialized = serialize(file.config);
    if (serialized === undefined || Buffer.byteLength(serialized, "utf8") > maxSerializedBytes) {
      const problem: ConfigProblem = {
        kind: "file",
        path: "",
        keys: [],
        message:
          serialized === undefined
            ? "YAML syntax error: an alias refers to the value that contains it"
            : "the file's settings exceed 64 KiB; a config file may be at most 64 KiB",
      };
      return invalid(source, [problem], version, defaults);
    }
    const result = parseConfig(file.config, source);
    if (!result.ok) return invalid(source, result.problems, version, defaults);
  }

  // Lowest precedence first: the furthest `_extends` target, up to the repo's own file.
  const merged = [...present].reverse().reduce<unknown>((lower, file) => mergeLayers(lower, file.config), {});
  const result = parseConfig(merged, describeFile(first));
  if (!result.ok) return invalid(result.source, result.problems, version, defaults);
  const foreignTarget = foreignDigestTarget(result.config, owner);
  if (foreignTarget) return invalid(result.source, [foreignTarget], version, defaults);
  return { status: "ok", config: result.config, version, sources: present.map(describeFile) };
};
