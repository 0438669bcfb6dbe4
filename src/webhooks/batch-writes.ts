// Group commit: callers that arrive in the same turn of the event loop share one write. Each caller's promise
// settles with that write, so an acknowledgement still means "stored", but a burst of webhooks costs the store one
// transaction instead of one each.

export interface BatchOptions {
  /** At most this many items per write (default 256); the rest go in the next one, at once. */
  maxBatch?: number;
}

export function batchWrites<T>(
  write: (items: T[]) => Promise<void>,
  { maxBatch = 256 }: BatchOptions = {},
): (item: T) => Promise<void> {
  type Waiting = { item: T; resolve: () => void; reject: (error: unknown) => void };
  let waiting: Waiting[] = [];
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const batch = waiting.slice(0, maxBatch);
    waiting = waiting.slice(maxBatch);
    if (waiting.length > 0) schedule();
    try {
      await write(batch.map((w) => w.item));
      for (const w of batch) w.resolve();
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  };

  return (item) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      schedule();
    });
}
