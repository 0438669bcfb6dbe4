// A delivery whose payload holds U+0000 (GitHub sends it as "\u0000" in JSON) is stored and run on both queues,
// and its texts recorded on both stores: PostgreSQL's jsonb and text reject the character (issue #12, item 15).
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ingestDelivery } from "../../src/ingest/ingest-delivery.js";
import { JsonText } from "../../src/jobs/json-text.js";
import { listEvents } from "../../src/store/events-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { storeTargets } from "../helpers/test-stores.js";
import { example } from "../helpers/webhook-examples.js";
import { jobQueueTargets, type QueueHarness, waitFor } from "./helpers/job-queue-targets.js";

describe.each(jobQueueTargets())("a payload with U+0000 on the $name job queue", (target) => {
  let harness: QueueHarness;
  beforeEach(async () => {
    harness = await target.open();
  });
  afterEach(async () => {
    await harness.close();
  });

  it("is stored as a job and run, not refused on every redelivery", async () => {
    const { queue } = await harness.queue();
    const runs: unknown[] = [];
    queue.register<{ payload: { body: string } }>("process-delivery", async (job) => {
      runs.push(job.data.payload.body);
    });
    await queue.start();

    await queue.enqueueMany("process-delivery", [
      { data: new JsonText('{"id":"d1","payload":{"body":"a\\u0000b \\\\u0000 c"}}'), singletonKey: "d1" },
    ]);

    await waitFor(async () => runs.length === 1, "the job to run");
    // The character itself may be replaced where the store cannot hold it; the text around it, and a literal
    // backslash-u0000 written in the comment, are kept.
    expect(runs[0]).toMatch(/^a.?b \\u0000 c$/);
  });
});

describe.each(storeTargets())("a comment with U+0000 on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("is recorded, its text kept around the character", async () => {
    const payload = example("pull_request_review_comment", "created");
    (payload.comment as Record<string, unknown>).body = "Rename\u0000 this, please.";

    const result = await ingestDelivery(
      store,
      { id: "nul-1", event: "pull_request_review_comment", payload },
      { now: () => new Date("2026-11-20T10:00:00Z") },
    );

    expect(result.status).toBe("recorded");
    const [event] = (await listEvents(store.db)).filter((e) => e.kind === "review_comment");
    expect(event?.body).toMatch(/^Rename.? this, please\.$/);
  });
});
