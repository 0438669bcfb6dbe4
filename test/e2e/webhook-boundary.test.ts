// What reaches the webhook endpoint that GitHub did not send as expected: forged, malformed, unknown. The server
// answers each without crashing and stays healthy.
import { connect } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@jest/globals";
import { postDelivery } from "../../scripts/fake-github/signed-delivery.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { countRows, type E2e, healthz, loopbackOnly, restoreNet, scenario, startE2e } from "./e2e-stack.js";

describe("the webhook endpoint of the real server", () => {
  let e2e: E2e;
  const [opened] = scenario();

  beforeAll(async () => {
    loopbackOnly();
    e2e = await startE2e({ name: "sqlite", open: openSqliteTestStore });
  });

  afterAll(async () => {
    await e2e?.close();
    restoreNet();
  });

  const send = (d: Partial<Parameters<typeof postDelivery>[1]> & { id: string }) =>
    postDelivery(e2e.stack.hookUrl, {
      event: "pull_request",
      payload: opened?.payload,
      secret: e2e.stack.secret,
      ...d,
    });

  it("rejects a forged signature with 4xx, records nothing, and stays healthy", async () => {
    const forged = await send({ id: "forged-1", signature: `sha256=${"0".repeat(64)}` });
    const signedWithAnotherSecret = await send({ id: "forged-2", secret: "not-the-secret" });

    for (const answer of [forged, signedWithAnotherSecret]) {
      expect([400, 401]).toContain(answer.status);
    }
    expect(await countRows(e2e.store, "deliveries")).toBe(0);
    expect(e2e.stack.fake.requests).toEqual([]);
    expect(await healthz(e2e.stack)).toBe(200);
  });

  it("rejects a delivery without a signature", async () => {
    const answer = await send({ id: "unsigned", signature: null });
    expect([400, 401]).toContain(answer.status);
    expect(await healthz(e2e.stack)).toBe(200);
  });

  it("answers 4xx to a correctly signed body that is not JSON", async () => {
    const answer = await send({ id: "not-json", body: '{"action": "opened", "pull_request": {' });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(await countRows(e2e.store, "deliveries")).toBe(0);
    expect(await healthz(e2e.stack)).toBe(200);
  });

  it("answers 415 to a body that is not sent as application/json", async () => {
    const answer = await send({ id: "form", contentType: "application/x-www-form-urlencoded" });
    expect(answer.status).toBe(415);
  });

  it("acknowledges an event it has no handler for with 2xx and does nothing", async () => {
    const answer = await send({
      id: "unknown-event",
      event: "made_up_event",
      payload: { action: "happened" },
    });
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(answer.status).toBeLessThan(300);
    expect(await countRows(e2e.store, "deliveries")).toBe(0);
    expect(e2e.stack.fake.requests).toEqual([]);
  });

  it("survives a signed delivery of a known event with a payload GitHub would never send", async () => {
    const answer = await send({ id: "hollow", payload: { action: "opened" } });
    // Whatever the answer, it comes back (no hang) and the process serves the next real delivery.
    expect(answer.status).toBeGreaterThanOrEqual(200);
    expect(await healthz(e2e.stack)).toBe(200);
    const real = await e2e.stack.deliver(opened as NonNullable<typeof opened>);
    expect(real.status).toBe(200);
    const row = await e2e.store.db
      .selectFrom("deliveries")
      .select("status")
      .where("id", "=", "hollow")
      .executeTakeFirst();
    expect(row?.status).toBe("failed");
  });

  it("answers 404 for other paths and methods on the webhook path", async () => {
    expect((await fetch(`${e2e.stack.app.url}/nope`)).status).toBe(404);
    expect((await fetch(e2e.stack.hookUrl)).status).toBe(404);
  });
});

describe("the real server's limits and operational endpoints", () => {
  let e2e: E2e;

  beforeAll(async () => {
    loopbackOnly();
    e2e = await startE2e({ name: "sqlite", open: openSqliteTestStore });
  });

  // Loopback stays allowed for each test, whatever ran before in this worker (nock's switches are global).
  beforeEach(loopbackOnly);

  afterAll(async () => {
    await e2e?.close();
    restoreNet();
  });

  /**
   * Announces `bytes` and sends only the first megabyte: the server must answer from the headers alone. A raw
   * socket, so no HTTP client (nor nock's interception of one) stands between the test and the server.
   */
  const announce = (bytes: number) =>
    new Promise<number>((resolve, reject) => {
      const url = new URL(e2e.stack.hookUrl);
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          [
            `POST ${url.pathname} HTTP/1.1`,
            `Host: ${url.host}`,
            "Content-Type: application/json",
            `Content-Length: ${bytes}`,
            "X-GitHub-Event: pull_request",
            "X-GitHub-Delivery: huge",
            `X-Hub-Signature-256: sha256=${"0".repeat(64)}`,
            "",
            "",
          ].join("\r\n"),
        );
        socket.write(Buffer.alloc(1024 * 1024, 0x20));
      });
      let head = "";
      socket.on("data", (chunk: Buffer) => {
        head += chunk.toString("latin1");
        const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
        if (status) {
          socket.destroy();
          resolve(Number(status[1]));
        }
      });
      socket.on("error", reject);
    });

  it("refuses a payload over GitHub's 25 MB from its length alone, and stays healthy", async () => {
    expect(await announce(26 * 1024 * 1024)).toBe(413);
    expect(await countRows(e2e.store, "deliveries")).toBe(0);
    expect(await healthz(e2e.stack)).toBe(200);
  });

  it("answers /readyz when the store is reachable", async () => {
    const res = await fetch(`${e2e.stack.app.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });
  });

  it("counts deliveries and their acknowledgement time at /metrics", async () => {
    const [opened] = scenario();
    if (opened) await e2e.stack.deliver(opened);
    const text = await (await fetch(`${e2e.stack.app.url}/metrics`)).text();
    expect(text).toMatch(
      /review_coach_webhook_deliveries_total\{event="pull_request",outcome="accepted"\} 1/,
    );
    expect(text).toContain("review_coach_webhook_ack_seconds_bucket");
    expect(text).toMatch(/review_coach_jobs_total\{name="process-delivery",outcome="completed"\} 1/);
  });
});
