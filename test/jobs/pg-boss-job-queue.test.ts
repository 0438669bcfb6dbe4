import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import pg from "pg";
import type { JobQueue } from "../../src/jobs/job-queue.js";
import { createPgBossJobQueue } from "../../src/jobs/pg-boss-job-queue.js";
import { skipNote } from "../helpers/skip-note.js";
import { POSTGRES_SKIPPED, withSchemaLock } from "../helpers/test-stores.js";
import { FAST_POLL_MS, waitFor } from "./helpers/job-queue-targets.js";

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) skipNote(POSTGRES_SKIPPED);
const describePg = pgUrl ? describe : describe.skip;

describePg("the pg-boss job queue, in pg-boss's own tables", () => {
  const url = pgUrl ?? "";
  let schema: string;
  let client: pg.Client;
  const queues: JobQueue[] = [];
  const queue = () => {
    const q = createPgBossJobQueue({ connectionString: url, schema, pollIntervalMs: FAST_POLL_MS });
    queues.push(q);
    return q;
  };

  beforeEach(async () => {
    schema = `boss_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    client = new pg.Client({ connectionString: url });
    await client.connect();
  });
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop({ graceful: false });
    await client.end();
    await withSchemaLock(url, (admin) => admin.query(`drop schema if exists ${schema} cascade`));
  });

  it("copies a dead-lettered job with its data and reason to <name>__dead", async () => {
    const q = queue();
    q.register(
      "coach",
      async () => {
        throw new Error("boom");
      },
      { retryLimit: 0 },
    );
    await q.start();

    await q.enqueue("coach", { pr: 3 });

    await waitFor(
      async () => (await q.stats()).queues.some((s) => s.name === "coach" && s.dead === 1),
      "dead letter",
    );
    const { rows } = await client.query(`select data, output from ${schema}.job where name = 'coach__dead'`);
    expect(rows).toEqual([{ data: { pr: 3 }, output: { message: "Error: boom", permanent: false } }]);
    expect((await q.stats()).queues.map((s) => s.name)).toEqual(["coach"]);
  });

  it("declares the registration's retry policy and the lease on the queue", async () => {
    const q = createPgBossJobQueue({ connectionString: url, schema, leaseSeconds: 90 });
    queues.push(q);
    q.register("coach", async () => undefined, { retryLimit: 4, retryDelaySeconds: 2.5, backoff: false });
    await q.start();

    const { rows } = await client.query(
      `select retry_limit, retry_delay, retry_backoff, expire_seconds, dead_letter from ${schema}.queue where name = 'coach'`,
    );

    expect(rows).toEqual([
      {
        retry_limit: 4,
        retry_delay: 3,
        retry_backoff: false,
        expire_seconds: 90,
        dead_letter: "coach__dead",
      },
    ]);
  });
});
