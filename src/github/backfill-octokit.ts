// The REST client the CLI uses (backfill, digest --post): a token, GitHub Enterprise base URL, and Octokit's own
// throttling and retry plugins (the ones Probot gives the app), which wait out rate limits and retry server errors.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

export interface BackfillOctokitOptions {
  token: string;
  /** GitHub Enterprise Server REST URL (env.ts githubApiUrl); github.com when absent. */
  baseUrl?: string | undefined;
  /** Where Octokit reports each failed request (default: the console). */
  log?: Octokit["log"];
  /** Told before every rate-limit wait, e.g. to print a progress line. */
  onWait?: (ms: number, reason: string) => void;
  /** Rate-limit waits per request before giving up (default 10). */
  maxRateLimitWaits?: number;
  /** Retries of a 5xx answer (default 2), 1 s, 4 s, 9 s… apart. */
  serverErrorRetries?: number;
  /** Milliseconds per second of waiting; tests pass 0 so they never wait (docs/architecture.md, "Conventions"). */
  msPerSecond?: number;
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);

export function createBackfillOctokit(options: BackfillOctokitOptions): Octokit {
  const maxWaits = options.maxRateLimitWaits ?? 10;
  const msPerSecond = options.msPerSecond ?? 1000;
  const waitFor =
    (reason: (seconds: number) => string) =>
    (seconds: number, _request: unknown, _octokit: unknown, retryCount: number) => {
      if (retryCount >= maxWaits) return false;
      options.onWait?.(seconds * 1000, reason(seconds));
      return true;
    };
  return new ThrottledOctokit({
    auth: options.token,
    userAgent: "review-coach",
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.log ? { log: options.log } : {}),
    throttle: {
      retryAfterBaseValue: msPerSecond,
      // GitHub's REST docs, "Rate limits": wait as long as `retry-after` says, or until `x-ratelimit-reset`.
      onRateLimit: waitFor(() => "the hourly rate limit is used up until it resets"),
      onSecondaryRateLimit: waitFor((seconds) => `GitHub asked to retry after ${seconds} s`),
    },
    // The statuses classifyGitHubError (github-error.ts) does not call `retry` are never retried.
    retry: { retries: options.serverErrorRetries ?? 2, retryAfterBaseValue: msPerSecond },
  });
}
