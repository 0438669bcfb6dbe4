// Validates an already-parsed config object against the schema; bad input yields problems and safe defaults.
import type { ConfigResult } from "./config-problem.js";
import { defaultConfig, RepoConfig } from "./schema.js";
import { toConfigProblems } from "./to-config-problems.js";

/**
 * `source` names the file in messages (a path, or `owner/repo/.github/review-coach.yml`). An empty YAML file
 * parses to null, so null and undefined mean "no settings": all defaults.
 */
export const parseConfig = (input: unknown, source: string): ConfigResult => {
  const result = RepoConfig.safeParse(input ?? {});
  if (result.success) return { ok: true, config: result.data, source };
  return {
    ok: false,
    config: defaultConfig(),
    problems: toConfigProblems(result.error.issues, input ?? {}),
    source,
  };
};
