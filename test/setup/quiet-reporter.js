// Jest's default reporter, quiet when a file passes: no PASS line and none of the console output the file printed
// (shown in full, as usual, for a file that fails). Each group of tests skipped for a reason says so in one line
// at the end, however many files skipped it (test/helpers/skip-note.ts), then the runner's summary follows.
import { DefaultReporter } from "@jest/reporters";

/** The prefix skipNote writes; kept in step with test/helpers/skip-note.ts. */
export const SKIP_PREFIX = "[skipped] ";

export default class QuietReporter extends DefaultReporter {
  /** Reason → how many test files noted it. */
  #skips = new Map();

  onTestResult(test, testResult, aggregatedResults) {
    for (const entry of testResult.console ?? []) {
      if (!entry.message.startsWith(SKIP_PREFIX)) continue;
      const reason = entry.message.slice(SKIP_PREFIX.length).split("\n")[0];
      this.#skips.set(reason, (this.#skips.get(reason) ?? 0) + 1);
    }
    const failed = testResult.numFailingTests > 0 || testResult.testExecError !== undefined;
    if (failed) super.onTestResult(test, testResult, aggregatedResults);
    else {
      this.testFinished(test.context.config, testResult, aggregatedResults);
      this.forceFlushBufferedOutput();
    }
  }

  onRunComplete(testContexts, aggregatedResults) {
    for (const reason of this.#skips.keys()) this.log(`skipped: ${reason}`);
    super.onRunComplete(testContexts, aggregatedResults);
  }
}
