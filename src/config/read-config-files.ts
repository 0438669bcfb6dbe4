// Fetches one config file through the REST contents API, checking its size from the answer before decoding it
// (README, Security: a large file must not stall other tenants). Parsing and `_extends` are load-repo-config.ts's.
import { httpStatusOf } from "../github/github-error.js";
import type { ConfigProblem } from "./config-problem.js";
import { MAX_CONFIG_BYTES, tooLargeProblem } from "./parse-config-text.js";

/** The slice of an Octokit this needs (Probot's `context.octokit` has it). */
export interface ContentsReader {
  request(
    route: "GET /repos/{owner}/{repo}/contents/{path}",
    params: { owner: string; repo: string; path: string },
  ): Promise<{ data: unknown }>;
}

export type ConfigFileRef = { owner: string; repo: string; path: string };

/**
 * - `absent`: GitHub answered 404.
 * - `text`: the file's text; `sha` is its blob SHA when the answer gave one (it names this version of the file).
 * - `unusable`: not a file we may parse (too large, a directory): the problem to report, nothing decoded.
 * Any other GitHub error is thrown: the config is unavailable, not wrong.
 */
export type FetchedConfigFile =
  | { kind: "absent" }
  | { kind: "text"; text: string; sha?: string }
  | { kind: "unusable"; problem: ConfigProblem };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

const fileProblem = (message: string): ConfigProblem => ({ kind: "file", path: "", keys: [], message });

export async function fetchConfigFile(
  octokit: ContentsReader,
  { owner, repo, path }: ConfigFileRef,
): Promise<FetchedConfigFile> {
  let data: unknown;
  try {
    ({ data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner, repo, path }));
  } catch (error) {
    if (httpStatusOf(error) === 404) return { kind: "absent" };
    throw error;
  }
  if (typeof data === "string") {
    // A server that answers with the raw file: its size is known only now, still before parsing.
    const bytes = Buffer.byteLength(data, "utf8");
    return bytes > MAX_CONFIG_BYTES
      ? { kind: "unusable", problem: tooLargeProblem(bytes) }
      : { kind: "text", text: data };
  }
  if (!isObject(data) || Array.isArray(data) || data.type !== "file")
    return {
      kind: "unusable",
      problem: fileProblem(`${path} is a directory or a submodule; expected a YAML file`),
    };
  const size = typeof data.size === "number" ? data.size : Number.POSITIVE_INFINITY;
  if (size > MAX_CONFIG_BYTES) return { kind: "unusable", problem: tooLargeProblem(size) };
  const content = typeof data.content === "string" ? data.content : "";
  const text = Buffer.from(content, data.encoding === "base64" ? "base64" : "utf8").toString("utf8");
  return typeof data.sha === "string" ? { kind: "text", text, sha: data.sha } : { kind: "text", text };
}
