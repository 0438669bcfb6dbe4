// Waits until a queue has nothing queued, running or waiting to retry: for the demo, tests and a clean shutdown.
import type { JobQueue } from "./job-queue.js";

export async function waitForIdle(
  queue: Pick<JobQueue, "stats">,
  { timeoutMs = 30_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { queues } = await queue.stats();
    if (queues.every((q) => q.queued + q.active + q.retrying === 0)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
