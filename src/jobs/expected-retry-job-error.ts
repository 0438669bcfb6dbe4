// A handler error that is part of normal operation: the job is retried as usual, and the failed attempt is logged at
// debug rather than as a warning (e.g. a review's nudge lease is held by another job, which usually finishes first).

export class ExpectedRetryJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ExpectedRetryJobError";
  }
}

/** True for an `ExpectedRetryJobError`, also one from another copy of this module (jest's VM modules). */
export function isExpectedRetryJobError(error: unknown): boolean {
  return (
    error instanceof ExpectedRetryJobError ||
    (error instanceof Error && error.name === "ExpectedRetryJobError")
  );
}
