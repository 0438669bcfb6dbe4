// The settle delay before evaluating a review again after a comment arrives or is edited, as a port.
//
// Comments of one review, and edits, arrive as a burst of deliveries; waiting until the burst settles evaluates
// the review once. The default keeps timers in memory: a restart loses a pending settle (the review is evaluated
// again on its next event). The server keeps each delay as a job instead (docs/architecture.md, "Store and jobs").

export interface SettleScheduler {
  /**
   * Runs `task` about `delayMs` later, once for a burst of calls with the same key. Resolves once the task is
   * safely scheduled (a persistent scheduler has written it down).
   */
  schedule(key: string, delayMs: number, task: () => Promise<void>): void | Promise<void>;
}

/** 15 s: long enough for the deliveries of one review or a round of edits, short enough to feel immediate. */
export const DEFAULT_SETTLE_MS = 15_000;

export interface TimerScheduler extends SettleScheduler {
  /** Keys with a pending task. */
  pending(): string[];
  /** Drops every pending task (shutdown). */
  cancelAll(): void;
}

export function createTimerScheduler(onError: (error: unknown, key: string) => void): TimerScheduler {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  return {
    schedule(key, delayMs, task) {
      clearTimeout(timers.get(key));
      const timer = setTimeout(() => {
        timers.delete(key);
        task().catch((error: unknown) => onError(error, key));
      }, delayMs);
      // A pending settle must not keep the process alive on shutdown.
      timer.unref();
      timers.set(key, timer);
    },
    pending: () => [...timers.keys()],
    cancelAll() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
