// Reads the config files the way @probot/octokit-plugin-config does (repo, else the org's .github repo, then each
// `_extends`), but checks each file's size from the contents API before decoding or parsing it, and remembers
// files that failed to parse by blob SHA (README, Security: a large or broken file must not stall other tenants).
import yaml from "yaml";

/** One file read; `config` is null when the file does not exist. */
export type ConfigFileRead = { owner: string; repo: string; path: string; url: string; config: unknown };

/** The slice of an Octokit this needs (Probot's `context.octokit` has it). */
export interface ContentsReader {
  request(
    route: "GET /repos/{owner}/{repo}/contents/{path}",
    params: { owner: string; repo: string; path: string },
  ): Promise<{ data: unknown }>;
}

/** Same limit as parseConfigText: a config is a few dozen lines. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** `_extends` hops followed at most: org defaults need one or two. */
export const MAX_EXTENDS_HOPS = 5;

/** Errors carry the plugin's prefix, so loadRepoConfig turns them into the same located problems. */
const PREFIX = "[@probot/octokit-plugin-config]";

const EXTENDS_REGEX =
  /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

/** Parse failures by blob SHA: an invalid file is parsed once per version, not on every event. */
export interface ConfigParseMemory {
  get(sha: string): Error | undefined;
  set(sha: string, error: Error): void;
}

export function createConfigParseMemory(maxEntries = 1000): ConfigParseMemory {
  const entries = new Map<string, Error>();
  return {
    get: (sha) => entries.get(sha),
    set(sha, error) {
      entries.delete(sha);
      entries.set(sha, error);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
  };
}

const processMemory = createConfigParseMemory();

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

const contentsUrl = (owner: string, repo: string, path: string): string =>
  `https://api.github.com/repos/${owner}/${repo}/contents/${encodeURIComponent(path)}`;

function parseText(text: string, path: string, url: string): unknown {
  if (path.toLowerCase().endsWith(".json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${PREFIX} Configuration could not be parsed from ${url} (invalid JSON)`);
    }
  }
  let config: unknown;
  try {
    config = yaml.parse(text, { logLevel: "error" }) || {};
  } catch (error) {
    throw new Error(`${PREFIX} Configuration could not be parsed from ${url} (invalid YAML)`, {
      cause: error,
    });
  }
  if (typeof config === "string")
    throw new Error(`${PREFIX} Configuration could not be parsed from ${url} (YAML is not an object)`);
  return config;
}

async function readFile(
  octokit: ContentsReader,
  memory: ConfigParseMemory,
  { owner, repo, path }: { owner: string; repo: string; path: string },
): Promise<ConfigFileRead> {
  const url = contentsUrl(owner, repo, path);
  const absent = { owner, repo, path, url, config: null };
  let data: unknown;
  try {
    ({ data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path }));
  } catch (error) {
    if (isObject(error) && error.status === 404) return absent;
    throw error;
  }
  let text: string;
  let sha: string | undefined;
  if (typeof data === "string") {
    // A server that answers with the raw file: its size is known only now, still before parsing.
    if (Buffer.byteLength(data, "utf8") > MAX_CONFIG_BYTES)
      throw tooLarge(url, Buffer.byteLength(data, "utf8"));
    text = data;
  } else {
    if (!isObject(data) || Array.isArray(data) || data.type !== "file")
      throw new Error(`${PREFIX} ${url} exists, but is either a directory or a submodule. Ignoring.`);
    const size = typeof data.size === "number" ? data.size : Number.POSITIVE_INFINITY;
    if (size > MAX_CONFIG_BYTES) throw tooLarge(url, size);
    sha = typeof data.sha === "string" ? data.sha : undefined;
    const remembered = sha === undefined ? undefined : memory.get(sha);
    if (remembered) throw remembered;
    const content = typeof data.content === "string" ? data.content : "";
    text = Buffer.from(content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
  }
  try {
    return { ...absent, config: parseText(text, path, url) };
  } catch (error) {
    if (sha !== undefined && error instanceof Error) memory.set(sha, error);
    throw error;
  }
}

const tooLarge = (url: string, size: number): Error =>
  new Error(`${PREFIX} ${url} is too large (${size} bytes; at most ${MAX_CONFIG_BYTES})`);

function extendsTarget(owner: string, path: string, url: string, value: unknown) {
  const match = typeof value === "string" ? EXTENDS_REGEX.exec(value) : null;
  if (match?.[2] === undefined)
    throw new Error(
      `${PREFIX} Invalid value ${typeof value === "string" ? `"${value}"` : JSON.stringify(value)} for _extends in ${url}`,
    );
  return { owner: match[1] || owner, repo: match[2], path: match[3] || path };
}

const configOf = (file: ConfigFileRead): Record<string, unknown> | undefined =>
  isObject(file.config) && !Array.isArray(file.config) ? file.config : undefined;

/**
 * The files a config is made of, highest precedence first, with `_extends` removed from each; throws errors
 * prefixed like the plugin's for contents that cannot be used.
 */
export async function readConfigFiles(
  octokit: ContentsReader,
  { owner, repo, path }: { owner: string; repo: string; path: string },
  memory: ConfigParseMemory = processMemory,
): Promise<ConfigFileRead[]> {
  const first = await readFile(octokit, memory, { owner, repo, path });
  const files = [first];
  if (!first.config) {
    if (repo === ".github") return files;
    files.push(await readFile(octokit, memory, { owner, repo: ".github", path }));
  }
  let file = files[files.length - 1] as ConfigFileRead;
  let config = configOf(file);
  let hops = 0;
  while (config?._extends !== undefined) {
    // Each hop is an API call on the installation's rate limit (README, Security).
    if (++hops > MAX_EXTENDS_HOPS)
      throw new Error(
        `${PREFIX} Too many _extends: ${file.url} extends more than ${MAX_EXTENDS_HOPS} files deep`,
      );
    const next = extendsTarget(owner, path, file.url, config._extends);
    const extendsValue = config._extends;
    delete config._extends;
    const loaded = files.find((f) => f.owner === next.owner && f.repo === next.repo && f.path === next.path);
    if (loaded)
      throw new Error(
        `${PREFIX} Recursion detected. Ignoring  "_extends: ${String(extendsValue)}" from ${file.url} because ${loaded.url} was already loaded.`,
      );
    file = await readFile(octokit, memory, next);
    files.push(file);
    config = configOf(file);
  }
  return files;
}
