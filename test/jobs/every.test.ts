import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import type { QueueHarness } from "./helpers/job-queue-targets.js";
import { jobQueueTargets, waitFor } from "./helpers/job-queue-targets.js";

const sqlite = jobQueueTargets().find((t) => t.name === "sqlite");
if (!sqlite) throw new Error("the SQLite target is always there");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("every() on the SQLite queue", () => {
  let harness: QueueHarness;
  let clock: Date;
  const now = () => clock;
  beforeEach(async () => {
    harness = await sqlite.open();
    clock = new Date("2026-11-24T10:00:00.000Z");
  });
  afterEach(async () => {
    await harness.close();
  });

  async function tickingQueue(ticks: string[], label: string, replica = false) {
    const { queue } = await harness.queue({ now, replica });
    queue.register<{ kind: string }>("digest-tick", async (job) => {
      ticks.push(`${label}:${job.data.kind}`);
    });
    queue.every("digest-tick", 600, { kind: "weekly" });
    return queue;
  }

  it("enqueues one tick per interval across two queues on one store, and none more after a restart", async () => {
    const ticks: string[] = [];
    const first = await tickingQueue(ticks, "a");
    const second = await tickingQueue(ticks, "b", true);
    await first.start();
    await second.start();

    await waitFor(() => ticks.length === 1, "the first tick");
    await sleep(150);
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatch(/^[ab]:weekly$/);

    clock = new Date("2026-11-24T10:05:00.000Z");
    await first.stop();
    const restarted = await tickingQueue(ticks, "c");
    await restarted.start();
    await sleep(150);
    expect(ticks).toHaveLength(1);

    clock = new Date("2026-11-24T10:10:01.000Z");
    await waitFor(() => ticks.length === 2, "the second tick");
    await sleep(150);
    expect(ticks).toHaveLength(2);
    await second.stop();
    await restarted.stop();
  });

  it("refuses an interval that has no cron form, so a config that works on SQLite works on pg-boss", async () => {
    const { queue } = await harness.queue();
    expect(() => queue.every("digest-tick", 700)).toThrow(/cannot be scheduled/);
  });
});
