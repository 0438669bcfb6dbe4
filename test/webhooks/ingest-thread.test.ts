// The ingest thread for real: a worker thread on a migrated SQLite file, deliveries handed over as bytes, and the
// main thread's receiver in front of it over real HTTP.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { sign } from "@octokit/webhooks-methods";
import { openStore, type Store } from "../../src/store/open-store.js";
import { DELIVERY_JOB } from "../../src/webhooks/delivery-job.js";
import {
  createThreadedReceiver,
  type IngestThread,
  startIngestThread,
} from "../../src/webhooks/ingest-client.js";
import type { IngestThreadData } from "../../src/webhooks/ingest-thread.js";

const SECRET = "ingest-thread-secret";
const EVENTS = ["pull_request_review", "pull_request_review_comment"];

const payload = (n: number) => ({
  action: "submitted",
  installation: { id: 42 },
  review: { id: n, body: "naïve 👀 — why not a map? It avoids the second pass." },
});

async function delivery(id: string, body: string, name = "pull_request_review") {
  return {
    head: { id, name, signature: await sign(SECRET, body) },
    body: new TextEncoder().encode(body),
  };
}

describe("the ingest thread", () => {
  let dir: string;
  let store: Store;
  let thread: IngestThread | undefined;
  const failures: string[] = [];
  const restarts: string[] = [];
  let stored = 0;
  const workers: Worker[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "review-coach-ingest-"));
    store = await openStore(join(dir, "store.sqlite"));
    failures.length = 0;
    restarts.length = 0;
    workers.length = 0;
    stored = 0;
  });
  afterEach(async () => {
    await thread?.stop();
    thread = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (file = store.location) => {
    const { startModuleWorker } = await import("../../src/module-worker.js");
    thread = await startIngestThread({
      file,
      onFailure: (failure) => failures.push(failure),
      onRestart: (reason) => restarts.push(reason),
      onStored: () => {
        stored++;
      },
      restartDelayMs: 10,
      // The default, recorded: a test can end a thread the way a crash would.
      startThread: (data: IngestThreadData) => {
        const worker = startModuleWorker(
          new URL("../../src/webhooks/ingest-client.ts", import.meta.url).href,
          "ingest-thread",
          data,
        );
        workers.push(worker);
        return worker;
      },
    });
    return thread;
  };

  const jobs = () =>
    store.db
      .selectFrom("jobs")
      .innerJoin("job_payloads", "job_payloads.job_id", "jobs.id")
      .select(["jobs.id", "jobs.name", "jobs.singleton_key", "jobs.state", "job_payloads.data"])
      .orderBy("jobs.id")
      .execute();

  it("stores a signed delivery as a delivery job, body as sent, and only then answers 200", async () => {
    const ingest = await start();
    const d = await delivery("d-1", JSON.stringify(payload(1)));

    const answer = await ingest.receive(d.head, d.body);

    expect(answer).toEqual({ status: 200, body: { ok: true } });
    const rows = await jobs();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: DELIVERY_JOB, singleton_key: "d-1", state: "queued" });
    expect(JSON.parse(rows[0]?.data ?? "null")).toEqual({
      id: "d-1",
      name: "pull_request_review",
      installationId: 42,
      payload: payload(1),
    });
    expect(stored).toBe(1);
    expect(failures).toEqual([]);
  });

  it("stores deliveries handed over together in order, each once however often GitHub redelivers it", async () => {
    const ingest = await start();
    const sent = await Promise.all(
      [1, 2, 3, 2, 1].map(async (n) => delivery(`d-${n}`, JSON.stringify(payload(n)))),
    );

    const answers = await Promise.all(sent.map((d) => ingest.receive(d.head, d.body)));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    // Time-ordered job ids: the id order is the order they were stored in.
    expect((await jobs()).map((j) => j.singleton_key)).toEqual(["d-1", "d-2", "d-3"]);
  });

  it.each([
    ["malformed JSON", '{"action": "submitted",'],
    ["a JSON array", "[1, 2, 3]"],
  ])("answers %s with 400 and stores nothing", async (_what, body) => {
    const ingest = await start();
    const d = await delivery("d-bad", body);

    const answer = await ingest.receive(d.head, d.body);

    expect(answer.status).toBe(400);
    expect(await jobs()).toEqual([]);
  });

  it("answers 500 and says why when the store refuses the write, and keeps going", async () => {
    const ingest = await start();
    await store.db.schema.dropTable("job_payloads").execute();
    const d = await delivery("d-1", JSON.stringify(payload(1)));

    const answer = await ingest.receive(d.head, d.body);

    expect(answer.status).toBe(500);
    expect(failures).toEqual([expect.stringMatching(/no such table: job_payloads/)]);
    expect(stored).toBe(0);
  });

  it("replaces a thread that dies: what it held is answered 500 (GitHub redelivers), later deliveries are stored", async () => {
    const ingest = await start();
    const first = await delivery("d-1", JSON.stringify(payload(1)));
    const held = ingest.receive(first.head, first.body);
    // Ends the thread before it can answer, as a crash would.
    await workers[0]?.terminate();

    expect((await held).status).toBe(500);
    expect(failures).toEqual([expect.stringMatching(/the ingest thread stopped/)]);
    expect(restarts).toHaveLength(1);

    const second = await delivery("d-2", JSON.stringify(payload(2)));
    expect((await ingest.receive(second.head, second.body)).status).toBe(200);
    expect(workers).toHaveLength(2);
    expect((await jobs()).map((j) => j.singleton_key)).toEqual(["d-2"]);
  });

  it("on stop, stores and answers what it was handed before closing its connection", async () => {
    const ingest = await start();
    const sent = await Promise.all([1, 2, 3, 4].map((n) => delivery(`d-${n}`, JSON.stringify(payload(n)))));

    const answers = sent.map((d) => ingest.receive(d.head, d.body));
    await ingest.stop();
    thread = undefined;

    expect((await Promise.all(answers)).map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await jobs()).toHaveLength(4);
  });

  it("fails to start with the thread's reason when the store cannot be opened", async () => {
    // A directory is no SQLite file.
    await expect(start(dir)).rejects.toThrow(
      /the ingest thread could not start \(.*review-coach: could not open SQLite file .+: unable to open database file, exit code 1\)/,
    );
  });

  describe("behind the main thread's receiver", () => {
    let server: Server | undefined;
    const receiverErrors: string[] = [];
    afterEach(async () => {
      await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
      server = undefined;
      receiverErrors.length = 0;
    });

    const serve = async (ingest: IngestThread) => {
      const receive = createThreadedReceiver(ingest, { secret: SECRET, events: new Set(EVENTS) }, (error) =>
        receiverErrors.push(String(error)),
      );
      server = createServer((req, res) => void receive(req, res));
      await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as AddressInfo;
      return async (d: { head: { id: string; name: string; signature: string }; body: Uint8Array }) =>
        fetch(`http://127.0.0.1:${port}/`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-github-event": d.head.name,
            "x-github-delivery": d.head.id,
            "x-hub-signature-256": d.head.signature,
          },
          body: d.body,
        });
    };

    it("checks the signature before the thread sees the body: forged or signed with another secret is 401", async () => {
      const ingest = await start();
      const post = await serve(ingest);
      const body = JSON.stringify(payload(1));
      const d = await delivery("d-forged", body);

      const forged = await post({ ...d, head: { ...d.head, signature: `sha256=${"0".repeat(64)}` } });
      const otherSecret = await post({ ...d, head: { ...d.head, signature: await sign("another", body) } });
      const good = await post(await delivery("d-good", body));

      expect([forged.status, otherSecret.status, good.status]).toEqual([401, 401, 200]);
      expect((await jobs()).map((j) => j.singleton_key)).toEqual(["d-good"]);
      expect(stored).toBe(1);
    });

    it("acknowledges an event review-coach does not record without storing it", async () => {
      const ingest = await start();
      const post = await serve(ingest);

      const answer = await post(await delivery("d-star", JSON.stringify({ action: "created" }), "star"));

      expect(answer.status).toBe(200);
      expect(await jobs()).toEqual([]);
      expect(stored).toBe(0);
    });

    it("passes the thread's 400 for a signed body that is not JSON", async () => {
      const ingest = await start();
      const post = await serve(ingest);

      const answer = await post(await delivery("d-json", '{"action": '));

      expect(answer.status).toBe(400);
      expect(await answer.json()).toEqual({ error: "Invalid JSON" });
      expect(receiverErrors).toEqual([]);
    });
  });
});
