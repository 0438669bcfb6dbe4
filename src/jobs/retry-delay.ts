// How long a failed job waits before its next attempt: pg-boss's formula, so both queues back off alike.

export interface RetryPolicy {
  retryDelaySeconds: number;
  backoff: boolean;
}

/**
 * `failures` is how many attempts have failed so far (1 after the first). Without backoff: the delay itself.
 * With backoff: delay × 2^(failures−1) × (1 + jitter), jitter in [0, 1) — 10 s gives 10–20 s, then 20–40 s, 40–80 s…
 * (pg-boss 10's `failJobs`: retry_delay × 2^min(16, n) / 2 × (1 + random())). The jitter spreads retries of jobs that
 * failed together (a GitHub outage) instead of sending them back at the same moment.
 */
export function retryDelaySecondsFor(failures: number, policy: RetryPolicy, random: () => number): number {
  if (!policy.backoff) return policy.retryDelaySeconds;
  const base = policy.retryDelaySeconds * 2 ** Math.min(16, Math.max(1, failures)) * 0.5;
  return base + base * random();
}
