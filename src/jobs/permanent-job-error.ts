// A handler error that retrying cannot fix: the job is dead-lettered at once with this reason.

/** GitHub answers that will not change on retry: the object is gone (404, 410) or the request is invalid (422). */
const PERMANENT_GITHUB_STATUSES = new Set([404, 410, 422]);

export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }

  /**
   * Wraps an Octokit error whose status retrying cannot change (404, 410, 422) as permanent; returns any other
   * error unchanged. Use it in a handler's catch: `throw PermanentJobError.fromGitHub(error)`.
   */
  static fromGitHub(error: unknown): unknown {
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status === "number" && PERMANENT_GITHUB_STATUSES.has(status)) {
      const message = error instanceof Error ? error.message : String(error);
      return new PermanentJobError(`GitHub answered ${status}: ${message}`, { cause: error });
    }
    return error;
  }
}

/** True for a `PermanentJobError`, also one from another copy of this module (jest's VM modules). */
export function isPermanentJobError(error: unknown): boolean {
  return error instanceof PermanentJobError || (error instanceof Error && error.name === "PermanentJobError");
}
