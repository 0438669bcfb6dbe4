// A handler error that retrying cannot fix: the job is dead-lettered at once with this reason.
import { classifyGitHubError, describeGitHubError } from "../github/github-error.js";

export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }

  /**
   * Wraps an Octokit error that classifyGitHubError calls permanent (404, 410, 422); returns any other error
   * unchanged. Use it in a handler's catch: `throw PermanentJobError.fromGitHub(error)`.
   */
  static fromGitHub(error: unknown): unknown {
    if (classifyGitHubError(error) !== "permanent") return error;
    return new PermanentJobError(describeGitHubError(error), { cause: error });
  }
}

/** True for a `PermanentJobError`, also one from another copy of this module (jest's VM modules). */
export function isPermanentJobError(error: unknown): boolean {
  return error instanceof PermanentJobError || (error instanceof Error && error.name === "PermanentJobError");
}
