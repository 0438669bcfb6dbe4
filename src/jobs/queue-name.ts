// Job names are shared by both queues, SQL and pg-boss partitions: keep them plain.

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const DEAD_SUFFIX = "__dead";

/** Throws a message that says what a valid name looks like; the `__dead` suffix is reserved for dead letters. */
export function assertQueueName(name: string): void {
  if (!NAME.test(name) || name.endsWith(DEAD_SUFFIX)) {
    throw new TypeError(
      `review-coach: invalid job name ${JSON.stringify(name)}; use up to 100 letters, digits, ".", "_" or "-", ` +
        `starting with a letter or digit and not ending in "${DEAD_SUFFIX}".`,
    );
  }
}

/** pg-boss's dead-letter queue for `name`: failed jobs are copied there with their reason. */
export function deadLetterName(name: string): string {
  return `${name}${DEAD_SUFFIX}`;
}

export function isDeadLetterName(name: string): boolean {
  return name.endsWith(DEAD_SUFFIX);
}
