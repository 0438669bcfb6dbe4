import { describe, expect, it } from "@jest/globals";
import { batchWrites } from "../../src/webhooks/batch-writes.js";

describe("batchWrites (group commit on the webhook path)", () => {
  it("writes what arrives in the same turn once, and settles each caller after that write", async () => {
    const writes: number[][] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const add = batchWrites<number>(async (items) => {
      writes.push(items);
      await held;
    });

    const settled: number[] = [];
    const calls = [1, 2, 3].map((n) => add(n).then(() => settled.push(n)));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));

    expect(writes).toEqual([[1, 2, 3]]);
    expect(settled).toEqual([]); // nobody is acknowledged before the write lands
    release();
    await Promise.all(calls);
    expect(settled).toEqual([1, 2, 3]);
  });

  it("rejects every caller of a failed write, and later writes go on", async () => {
    let fail = true;
    const add = batchWrites<string>(async () => {
      if (fail) throw new Error("database is locked");
    });

    const failed = await Promise.allSettled([add("a"), add("b")]);
    fail = false;
    await expect(add("c")).resolves.toBeUndefined();

    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((failed[0] as PromiseRejectedResult).reason).toEqual(new Error("database is locked"));
  });

  it("splits a burst larger than maxBatch into several writes, in arrival order", async () => {
    const writes: number[][] = [];
    const add = batchWrites<number>(
      async (items) => {
        writes.push(items);
      },
      { maxBatch: 2 },
    );

    await Promise.all([1, 2, 3, 4, 5].map((n) => add(n)));

    expect(writes).toEqual([[1, 2], [3, 4], [5]]);
  });
});
