// An Octokit-shaped log that keeps warnings and errors (Octokit's request log reports each failed request as an
// error, to console by default), so a passing run stays quiet and the test can assert what was said instead.
export interface CapturedLog {
  log: {
    debug(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
  };
  readonly errors: string[];
  readonly warnings: string[];
}

export function captureLog(): CapturedLog {
  const errors: string[] = [];
  const warnings: string[] = [];
  const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : String(a))).join(" ");
  return {
    errors,
    warnings,
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (...args) => warnings.push(text(args)),
      error: (...args) => errors.push(text(args)),
    },
  };
}
