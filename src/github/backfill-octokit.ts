// The REST client the CLI uses (backfill, digest --post): a token, GitHub Enterprise base URL, and rate-limit waits.
import { Octokit } from "@octokit/rest";

export interface RateLimitOptions {
  /** Injected so tests never wait (docs/architecture.md, "Conventions"); the CLI passes a real timer. */
  sleep: (ms: number) => Promise<void>;
  now?: () => number;
  /** Told before every wait, e.g. to print a progress line. */
  onWait?: (ms: number, reason: string) => void;
  /** Rate-limit waits per request before giving up. */
  maxRateLimitWaits?: number;
  /** Retries of a 5xx answer, with 1 s, 2 s, 4 s… between them. */
  serverErrorRetries?: number;
  /** The longest single wait; GitHub's primary limit resets within the hour. */
  maxWaitMs?: number;
}

export interface BackfillOctokitOptions extends RateLimitOptions {
  token: string;
  /** GitHub Enterprise Server REST URL (env.ts githubApiUrl); github.com when absent. */
  baseUrl?: string | undefined;
  /** Where Octokit reports each failed request (default: the console). */
  log?: Octokit["log"];
}

/** Without any header saying how long, GitHub's docs say to wait at least a minute on a secondary limit. */
const SECONDARY_FALLBACK_MS = 60_000;

interface HttpErrorLike {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, unknown> };
}

/**
 * How long to wait before retrying a failed request, or null when it is not a rate limit. Follows GitHub's
 * guidance: `retry-after` seconds first; else, when `x-ratelimit-remaining` is 0, until `x-ratelimit-reset`; else a
 * minute for a 429 or a 403 that names a secondary rate limit. A plain 403 (no permission) is not a wait.
 */
export function rateLimitWait(error: unknown, nowMs: number): { ms: number; reason: string } | null {
  const e = error as HttpErrorLike | null;
  const status = typeof e?.status === "number" ? e.status : undefined;
  if (status !== 403 && status !== 429) return null;
  const headers = e?.response?.headers ?? {};
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) {
    return { ms: retryAfter * 1000, reason: `GitHub asked to retry after ${retryAfter} s` };
  }
  if (String(headers["x-ratelimit-remaining"]) === "0" && headers["x-ratelimit-reset"] !== undefined) {
    const resetMs = Number(headers["x-ratelimit-reset"]) * 1000;
    if (Number.isFinite(resetMs)) {
      return {
        ms: Math.max(resetMs - nowMs, 0) + 1000,
        reason: "the hourly rate limit is used up until it resets",
      };
    }
  }
  if (status === 429 || /secondary rate limit/i.test(String(e?.message ?? ""))) {
    return { ms: SECONDARY_FALLBACK_MS, reason: "secondary rate limit" };
  }
  return null;
}

export function createBackfillOctokit(options: BackfillOctokitOptions): Octokit {
  const octokit = new Octokit({
    auth: options.token,
    userAgent: "review-coach",
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  withRateLimitWaits(octokit, options);
  return octokit;
}

/**
 * Waits out rate limits and retries server errors around every request, through an injected sleep. Probot's
 * throttling plugin does this for the app; here the waits must be visible (progress lines) and testable.
 * When a response says the hourly budget is used up, the next request waits for the reset instead of failing.
 */
export function withRateLimitWaits(octokit: Octokit, options: RateLimitOptions): void {
  const now = options.now ?? (() => Date.now());
  const maxWaits = options.maxRateLimitWaits ?? 10;
  const retries = options.serverErrorRetries ?? 2;
  const maxWaitMs = options.maxWaitMs ?? 3_600_000;
  let resumeAt = 0;
  const wait = async (ms: number, reason: string): Promise<void> => {
    const capped = Math.min(ms, maxWaitMs);
    options.onWait?.(capped, reason);
    await options.sleep(capped);
  };

  octokit.hook.wrap("request", async (request, requestOptions) => {
    let rateLimitWaits = 0;
    let serverErrors = 0;
    for (;;) {
      if (resumeAt > now()) await wait(resumeAt - now(), "the hourly rate limit is used up until it resets");
      try {
        const response = await request(requestOptions);
        const headers = response.headers as Record<string, unknown>;
        if (String(headers["x-ratelimit-remaining"]) === "0" && headers["x-ratelimit-reset"] !== undefined) {
          resumeAt = Number(headers["x-ratelimit-reset"]) * 1000 + 1000;
        }
        return response;
      } catch (error) {
        const limit = rateLimitWait(error, now());
        if (limit !== null && rateLimitWaits < maxWaits) {
          rateLimitWaits += 1;
          await wait(limit.ms, limit.reason);
          continue;
        }
        const status = (error as HttpErrorLike | null)?.status;
        if (typeof status === "number" && status >= 500 && serverErrors < retries) {
          await wait(1000 * 2 ** serverErrors, `GitHub answered ${status}`);
          serverErrors += 1;
          continue;
        }
        throw error;
      }
    }
  });
}
