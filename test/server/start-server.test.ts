import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { pino } from "pino";
import { readEnv } from "../../src/env.js";
import { waitForIdle } from "../../src/jobs/wait-for-idle.js";
import { type RunningServer, startServer } from "../../src/server.js";
import { listEvents } from "../../src/store/events-repository.js";
import { sendDelivery, testPrivateKey } from "../helpers/signed-delivery.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { example } from "../helpers/webhook-examples.js";

const secret = "s3cret";

describe("the HTTP server", () => {
  let running: RunningServer;
  let hook: string;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    const env = readEnv({
      APP_ID: "4242",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: secret,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
    });
    running = await startServer(env, { log: pino({ level: "silent" }), store: await openSqliteTestStore() });
    hook = `${running.url}/api/github/webhooks`;
  });

  afterAll(async () => {
    await running.stop();
    await running.store.close();
    nock.enableNetConnect();
  });

  it("answers /healthz", async () => {
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("acknowledges a correctly signed delivery once it is stored as a job, which then records it", async () => {
    const payload = example("pull_request_review_comment", "created");
    const res = await sendDelivery(hook, {
      event: "pull_request_review_comment",
      id: "sig-ok",
      payload,
      secret,
    });
    expect(res.status).toBe(200);
    // The acknowledgement means "stored": the delivery is in the store as a job with its payload.
    const job = await running.store.db
      .selectFrom("jobs")
      .select(["id", "name"])
      .where("singleton_key", "=", "sig-ok")
      .executeTakeFirst();
    expect(job?.name).toBe("process-delivery");

    expect(await waitForIdle(running.jobs, { timeoutMs: 10_000 })).toBe(true);
    const events = await listEvents(running.store.db);
    expect(events.map((e) => e.key)).toContain("review_comment:284312630");
  });

  it("rejects a delivery with a bad signature and records nothing", async () => {
    const payload = example("pull_request_review", "submitted", 1);
    const res = await sendDelivery(hook, {
      event: "pull_request_review",
      id: "sig-bad",
      payload,
      secret,
      signature: `sha256=${"0".repeat(64)}`,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const delivery = await running.store.db
      .selectFrom("deliveries")
      .selectAll()
      .where("id", "=", "sig-bad")
      .execute();
    expect(delivery).toHaveLength(0);
  });

  it("labels delivery metrics only with known event names, and only once the signature passes", async () => {
    // Unsigned requests with made-up event names, then a signed one with an event GitHub does not send.
    for (let i = 0; i < 20; i++) {
      const res = await sendDelivery(hook, {
        event: `forged_${i}`,
        id: `forged-${i}`,
        payload: { zen: "x" },
        secret,
        signature: `sha256=${"0".repeat(64)}`,
      });
      expect(res.status).toBe(401);
    }
    const signed = await sendDelivery(hook, { event: "made_up_event", id: "made-up", payload: {}, secret });
    expect(signed.status).toBe(200);

    const text = await (await fetch(`${running.url}/metrics`)).text();
    const labels = text.split("\n").filter((line) => line.startsWith("review_coach_webhook_"));
    expect(labels.join("\n")).not.toMatch(/forged_|made_up_event/);
    expect(labels.some((line) => line.includes('event="other"') && line.includes('outcome="http_401"'))).toBe(
      true,
    );
    expect(labels).toContainEqual(
      expect.stringContaining('event="pull_request_review_comment",outcome="accepted"'),
    );
  });

  it("answers 404 for unknown paths", async () => {
    expect((await fetch(`${running.url}/nope`)).status).toBe(404);
  });
});

describe("startServer", () => {
  it("says what to set when credentials are missing", async () => {
    await expect(startServer(readEnv({ LOG_LEVEL: "silent" }))).rejects.toThrow(/APP_ID and PRIVATE_KEY/);
  });

  it("refuses to run in production without a webhook secret", async () => {
    const env = readEnv({ NODE_ENV: "production", APP_ID: "1", PRIVATE_KEY: "x", LOG_LEVEL: "silent" });
    await expect(startServer(env)).rejects.toThrow(/WEBHOOK_SECRET/);
  });

  it.each(["development", "test"])(
    "refuses to run with app credentials and no webhook secret when NODE_ENV=%s, instead of accepting forged deliveries",
    async (mode) => {
      const store = await openSqliteTestStore();
      const env = readEnv({
        NODE_ENV: mode,
        APP_ID: "1",
        PRIVATE_KEY: testPrivateKey(),
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "silent",
      });
      let running: RunningServer | undefined;
      try {
        const started = startServer(env, { log: pino({ level: "silent" }), store });
        started.then((server) => (running = server)).catch(() => undefined);
        await expect(started).rejects.toThrow(/WEBHOOK_SECRET is required/);
      } finally {
        await running?.stop();
        await store.close();
      }
    },
  );

  it("closes a webhook request whose body does not arrive in time", async () => {
    const store = await openSqliteTestStore();
    const env = readEnv({
      APP_ID: "1",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: secret,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
    });
    const server = await startServer(env, {
      log: pino({ level: "silent" }),
      store,
      webhookBodyTimeoutMs: 300,
    });
    try {
      const slow = openSlowRequest(server.url, "too-slow");
      await slow.started;
      // The server ends it (408, then the connection closes); without a body timeout it stays open for 300 s.
      expect(await slow.ended).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await server.stop();
      await store.close();
    }
  });
});

/** A POST to the webhook path that announces 100 KB and sends 10 bytes, then nothing. */
function openSlowRequest(url: string, id: string) {
  const { port } = new URL(url);
  const socket = connect(Number(port), "127.0.0.1");
  let received = "";
  let isClosed = false;
  const started = new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  const ended = new Promise<string>((resolve) => {
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.once("close", () => {
      isClosed = true;
      resolve(received);
    });
  });
  socket.on("error", () => undefined);
  socket.write(
    "POST /api/github/webhooks HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n" +
      `x-github-event: pull_request\r\nx-github-delivery: ${id}\r\nx-hub-signature-256: sha256=${"0".repeat(64)}\r\n` +
      'content-length: 100000\r\n\r\n{"action":',
  );
  return { socket, started, ended, closed: () => isClosed };
}
