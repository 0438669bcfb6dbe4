// What is wrong with a config file, in words a user can act on, and where (docs/architecture.md, "Configuration").
import type { RepoConfig } from "./schema.js";

export type ConfigProblem = {
  /**
   * `file`: the file as a whole (YAML syntax, size, aliases, a missing `_extends` target); `unknown_key`: a key the
   * schema does not accept (typos must not silently do nothing); `missing_key`: a required key is absent;
   * `invalid_value`: a known key with a value that is not allowed.
   */
  kind: "file" | "unknown_key" | "missing_key" | "invalid_value";
  /** YAML path of the bad key, e.g. "coaching.mode" or "review_windows.windows[0]"; "" for the whole file. */
  path: string;
  /** The same path as keys and list indexes, for locating it in a YAML document. */
  keys: readonly (string | number)[];
  /** Names the path, the bad value and what is allowed, e.g. `coaching.mode: "loud" is not allowed; …`. */
  message: string;
  /** The offending value as parsed, when there is one. */
  value?: unknown;
  /** 1-based, when the problem was located in the file's text. */
  line?: number;
  /** 1-based, when the problem was located in the file's text. */
  column?: number;
};

/** The outcome of validating a config; an invalid one still carries safe defaults to run with. */
export type ConfigResult =
  | { ok: true; config: RepoConfig; source: string }
  | { ok: false; config: RepoConfig; problems: ConfigProblem[]; source: string };
