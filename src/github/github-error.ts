// The one place that reads a GitHub error: whether trying again can help (docs/architecture.md, "Store and jobs").

/** The HTTP status of an Octokit `RequestError` (or anything shaped like one); undefined for network errors. */
export function httpStatusOf(error: unknown): number | undefined {
  const status = typeof error === "object" && error !== null && "status" in error ? error.status : undefined;
  return typeof status === "number" ? status : undefined;
}

/**
 * - `retry`: the same request may succeed later: no answer (network), 5xx, 429, or a 403 that is a rate limit.
 * - `permanent`: the object is gone (404, 410) or the request is invalid (422): a job is dead-lettered at once.
 * - `survivable`: any other client error (e.g. 403, a permission not granted): retrying will not fix it either,
 *   but it may pass once someone acts, so a job is retried; a coaching action logs it and carries on.
 *
 * A coaching action survives `permanent` and `survivable` alike (see survivableStatus); a job dead-letters only
 * `permanent`.
 */
export type GitHubErrorKind = "retry" | "permanent" | "survivable";

const PERMANENT_STATUSES = new Set([404, 410, 422]);

/** A 403 or 429 that says to wait (GitHub's REST docs, "Rate limits": retry-after, x-ratelimit-remaining: 0, "secondary rate limit"). */
function isRateLimit(error: unknown, status: number): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  const e = error as { message?: unknown; response?: { headers?: Record<string, unknown> } };
  const headers = e.response?.headers ?? {};
  return (
    headers["retry-after"] !== undefined ||
    String(headers["x-ratelimit-remaining"]) === "0" ||
    /\bsecondary rate limit\b/i.test(String(e.message ?? ""))
  );
}

export function classifyGitHubError(error: unknown): GitHubErrorKind {
  const status = httpStatusOf(error);
  if (status === undefined || status >= 500 || isRateLimit(error, status)) return "retry";
  if (PERMANENT_STATUSES.has(status)) return "permanent";
  return status >= 400 ? "survivable" : "retry";
}

/**
 * The status of a client error a coaching action logs and survives (403 a permission not granted; 404, 410 the
 * PR, comment or thread deleted; 422 e.g. a reply to a comment that is gone); undefined for what it throws so the
 * job is retried (5xx, rate limits, network errors).
 */
export function survivableStatus(error: unknown): number | undefined {
  return classifyGitHubError(error) === "retry" ? undefined : httpStatusOf(error);
}

/** The error's message with its GitHub status in front, for a job's dead-letter reason. */
export function describeGitHubError(error: unknown): string {
  const status = httpStatusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return status === undefined ? message : `GitHub answered ${status}: ${message}`;
}
