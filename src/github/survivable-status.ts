// Which GitHub failures a coaching action logs and survives, and which it throws so the webhook is retried.
import { httpStatusOf } from "./report-config-problems.js";

/**
 * The HTTP status of a client error that retrying cannot fix: 403 (a permission not granted), 404 (PR, comment
 * or thread deleted), 410, 422 (e.g. a reply to a comment that is gone). Undefined for 5xx, 429 (rate limit) and
 * network errors, which callers throw so GitHub's redelivery can try again.
 */
export function survivableStatus(error: unknown): number | undefined {
  const status = httpStatusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 429 ? status : undefined;
}
