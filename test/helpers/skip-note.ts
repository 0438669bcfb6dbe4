// Says once, in one line, why a group of tests is skipped (test/setup/quiet-reporter.js gathers these notes and
// prints each reason once at the end of the run, however many files gave it).
const SKIP_PREFIX = "[skipped] ";
const noted = new Set<string>();

export function skipNote(reason: string): void {
  if (noted.has(reason)) return;
  noted.add(reason);
  console.warn(`${SKIP_PREFIX}${reason}`);
}
