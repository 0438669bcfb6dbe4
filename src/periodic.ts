// The one scheduler for periodic work (the weekly digest's pass, purging removed installations): a timer per task in
// each server process. Each pass is idempotent (a digest is claimed per target and week, a purge deletes what is
// due), so replicas running the same pass post and delete things once (docs/architecture.md, "The weekly digest").

export interface Periodic {
  /** Clears the timers and waits for a pass in progress, so the store can close after it. */
  stop(): Promise<void>;
}

export interface PeriodicOptions {
  /** The first pass, after start. */
  firstRunDelayMs: number;
  /** The passes after it. */
  intervalMs: number;
  /** A pass that threw; the next one runs on time. */
  onError(error: unknown): void;
}

/** Runs `pass` after `firstRunDelayMs`, then every `intervalMs`; passes never overlap, timers never hold the process. */
export function runPeriodically(pass: () => Promise<unknown>, options: PeriodicOptions): Periodic {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped || running !== null) return;
    running = pass()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, options.firstRunDelayMs);
  const every = setInterval(tick, options.intervalMs);
  first.unref();
  every.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
