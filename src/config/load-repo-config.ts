// Loads `.github/review-coach.yml` (the repo's, else the org `.github` repo's, then each `_extends`) and validates it:
// every limit on what a config may pull in is here (docs/architecture.md, "How a config is loaded").
import { LRUCache } from "lru-cache";
import { httpStatusOf } from "../github/github-error.js";
import { sha256Hex } from "../sha256-hex.js";
import { CONFIG_PATH } from "./config-path.js";
import type { ConfigProblem } from "./config-problem.js";
import { parseConfig } from "./parse-config.js";
import { parseConfigLayer } from "./parse-config-text.js";
import { type ConfigFileRef, type ContentsReader, fetchConfigFile } from "./read-config-files.js";
import { defaultConfig, type RepoConfig } from "./schema.js";

/** The slice of Probot's octokit this needs: the contents API. */
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

/** `_extends` hops followed at most: org defaults need one or two, and each is an API call (README, Security). */
export const MAX_EXTENDS_HOPS = 5;

/** Problems of files that failed to parse, by blob SHA: a broken file is parsed once per version, not per event. */
export interface ConfigParseMemory {
  get(sha: string): ConfigProblem[] | undefined;
  set(sha: string, problems: ConfigProblem[]): void;
}

export const createConfigParseMemory = (maxEntries = 1000): ConfigParseMemory =>
  new LRUCache<string, ConfigProblem[]>({ max: maxEntries });

const processMemory = createConfigParseMemory();

/** `_extends: REPO`, `OWNER/REPO` or `REPO:PATH.yml` (the schema has already checked the value's form). */
const EXTENDS_REGEX = /^(?:([^/:]+)\/)?([^/:]+)(?::(.+))?$/;

/** One file read: `settings` as parsed without `_extends`, null when absent, a fingerprint when it did not parse. */
type FileRead = ConfigFileRef & { settings: unknown };

const describeFile = (file: ConfigFileRef): string => `${file.owner}/${file.repo}/${file.path}`;

/** Identifies the contents of every file read, so a problem is reported once per file version. */
const versionOf = (files: readonly FileRead[]): string =>
  sha256Hex(
    files.map((file) => JSON.stringify([file.owner, file.repo, file.path, file.settings])).join("\n"),
  ).slice(0, 16);

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

const extendsTargetMissing = (target: ConfigFileRef): ConfigProblem => {
  const value = `${target.owner}/${target.repo}${target.path === CONFIG_PATH ? "" : `:${target.path}`}`;
  return extendsProblem(
    `_extends: ${JSON.stringify(value)} points to ${target.path} in ${target.owner}/${target.repo}, which does not ` +
      "exist or which the app cannot read (is it installed there?); fix _extends or add that file",
    value,
  );
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
  const status = httpStatusOf(error);
  const reason = error instanceof Error ? error.message : String(error);
  return status === undefined
    ? { status: "unavailable", reason, cause: error }
    : { status: "unavailable", reason, httpStatus: status, cause: error };
};

type Invalid = { source: string; problems: ConfigProblem[] };

/**
 * Reads and validates one file; a file that fails to parse is remembered by its blob SHA. Returns the file read and
 * its problems, if any.
 */
async function readLayer(
  octokit: ConfigReader,
  ref: ConfigFileRef,
  memory: ConfigParseMemory,
): Promise<{ file: FileRead; extendsValue?: string; invalid?: Invalid }> {
  const source = describeFile(ref);
  const fetched = await fetchConfigFile(octokit, ref);
  if (fetched.kind === "absent") return { file: { ...ref, settings: null } };
  if (fetched.kind === "unusable")
    return {
      file: { ...ref, settings: { unusable: fetched.problem.message } },
      invalid: { source, problems: [fetched.problem] },
    };
  const fingerprint = { unparsed: fetched.sha ?? sha256Hex(fetched.text) };
  const remembered = fetched.sha === undefined ? undefined : memory.get(fetched.sha);
  if (remembered)
    return { file: { ...ref, settings: fingerprint }, invalid: { source, problems: remembered } };
  const { result, settings } = parseConfigLayer(fetched.text, source);
  if (settings === undefined) {
    if (!result.ok && fetched.sha !== undefined) memory.set(fetched.sha, result.problems);
    return {
      file: { ...ref, settings: fingerprint },
      invalid: { source, problems: result.ok ? [] : result.problems },
    };
  }
  // An empty file (settings null) is a file with all defaults, not an absent one.
  const { _extends: extendsValue, ...own } = isPlainObject(settings) ? settings : {};
  const file = { ...ref, settings: isPlainObject(settings) ? own : (settings ?? {}) };
  if (!result.ok) return { file, invalid: { source, problems: result.problems } };
  return typeof extendsValue === "string" ? { file, extendsValue } : { file };
}

/**
 * Reads the config from the default branch (a config change in a PR applies once merged): the repository's file,
 * else the org's `.github` repository's, then each `_extends` (same path unless `:path.yml`, same owner unless
 * `owner/`), at most MAX_EXTENDS_HOPS deep and never the same file twice. Never throws for anything a user wrote;
 * see LoadedConfig.
 */
export const loadRepoConfig = async (
  octokit: ConfigReader,
  { owner, repo }: { owner: string; repo: string },
  memory: ConfigParseMemory = processMemory,
): Promise<LoadedConfig> => {
  const files: FileRead[] = [];
  const invalid = ({ source, problems }: Invalid): LoadedConfig => ({
    status: "invalid",
    config: defaultConfig(),
    problems,
    version: versionOf(files),
    source,
  });
  try {
    let layer = await readLayer(octokit, { owner, repo, path: CONFIG_PATH }, memory);
    files.push(layer.file);
    if (layer.file.settings === null && repo !== ".github") {
      layer = await readLayer(octokit, { owner, repo: ".github", path: CONFIG_PATH }, memory);
      files.push(layer.file);
    }
    if (layer.file.settings === null) return { status: "missing" };
    for (let hops = 0; ; hops++) {
      if (layer.invalid) return invalid(layer.invalid);
      if (layer.extendsValue === undefined) break;
      const from = layer.file;
      const source = describeFile(from);
      if (hops === MAX_EXTENDS_HOPS)
        return invalid({
          source,
          problems: [
            extendsProblem(
              `_extends: the chain of _extends files goes more than ${MAX_EXTENDS_HOPS} files deep; point this file's _extends at the org defaults directly, or remove it`,
            ),
          ],
        });
      const [, nextOwner, nextRepo = "", nextPath] = EXTENDS_REGEX.exec(layer.extendsValue) ?? [];
      // Another owner is allowed, as in Probot's convention; the installation's token reads only what it may.
      const target = { owner: nextOwner || from.owner, repo: nextRepo, path: nextPath || from.path };
      if (files.some((f) => f.owner === target.owner && f.repo === target.repo && f.path === target.path))
        return invalid({
          source,
          problems: [
            extendsProblem("_extends: the chain of _extends files loops back on itself; remove one _extends"),
          ],
        });
      layer = await readLayer(octokit, target, memory);
      files.push(layer.file);
      if (layer.file.settings === null) return invalid({ source, problems: [extendsTargetMissing(target)] });
    }
  } catch (error) {
    return unavailable(error);
  }

  const present = files.filter((file) => file.settings !== null);
  const first = present[0] as FileRead;
  // Lowest precedence first: the furthest `_extends` target, up to the repo's own file.
  const merged = [...present]
    .reverse()
    .reduce<unknown>((lower, file) => mergeLayers(lower, file.settings), {});
  const result = parseConfig(merged, describeFile(first));
  if (!result.ok) return invalid(result);
  const foreignTarget = foreignDigestTarget(result.config, owner);
  if (foreignTarget) return invalid({ source: result.source, problems: [foreignTarget] });
  return {
    status: "ok",
    config: result.config,
    version: versionOf(files),
    sources: present.map(describeFile),
  };
};
