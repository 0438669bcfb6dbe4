import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { describe, expect, it } from "@jest/globals";
import { sign } from "@octokit/webhooks-methods";
import {
  createWebhookReceiver,
  type ReceivedDelivery,
  receiveWebhook,
  type WebhookReceiverOptions,
} from "../../src/webhooks/webhook-receiver.js";

const SECRET = "receiver-test-secret";

async function request(
  body: string,
  headers: Record<string, string | undefined> = {},
): Promise<IncomingMessage> {
  const req = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
  req.headers = Object.fromEntries(
    Object.entries({
      "content-type": "application/json",
      "x-github-event": "pull_request_review",
      "x-github-delivery": "delivery-1",
      "x-hub-signature-256": await sign(SECRET, body),
      ...headers,
    }).filter(([, v]) => v !== undefined),
  );
  return req;
}

function receiver(accept: WebhookReceiverOptions["accept"] = async () => undefined) {
  const errors: unknown[] = [];
  const options: WebhookReceiverOptions = {
    secret: SECRET,
    events: new Set(["pull_request_review"]),
    accept,
    onError: (error) => errors.push(error),
  };
  return { options, errors };
}

const body = JSON.stringify({ action: "submitted", installation: { id: 42 }, review: { body: "naïve 👀" } });

describe("receiveWebhook", () => {
  it("hands a signed delivery over with its body as sent and acknowledges once it is stored", async () => {
    const accepted: ReceivedDelivery[] = [];
    const { options } = receiver(async (d) => {
      accepted.push(d);
    });

    const answer = await receiveWebhook(await request(body), options);

    expect(answer).toEqual({ status: 200, body: { ok: true } });
    expect(accepted).toEqual([
      {
        id: "delivery-1",
        name: "pull_request_review",
        installationId: 42,
        body,
      },
    ]);
  });

  it("answers 500 and reports the error when the delivery could not be stored, so GitHub can redeliver", async () => {
    const { options, errors } = receiver(async () => {
      throw new Error("SQLITE_FULL");
    });

    const answer = await receiveWebhook(await request(body), options);

    expect(answer.status).toBe(500);
    expect(errors).toEqual([new Error("SQLITE_FULL")]);
  });

  it.each([
    ["a forged signature", { "x-hub-signature-256": `sha256=${"0".repeat(64)}` }, 401],
    ["a malformed signature", { "x-hub-signature-256": "sha1=abc" }, 401],
    ["no signature", { "x-hub-signature-256": undefined }, 400],
    ["no delivery id", { "x-github-delivery": undefined }, 400],
    ["no event name", { "x-github-event": undefined }, 400],
    ["a form body", { "content-type": "application/x-www-form-urlencoded" }, 415],
  ])("refuses %s without storing anything", async (_what, headers, status) => {
    let stored = 0;
    const { options } = receiver(async () => {
      stored++;
    });

    const answer = await receiveWebhook(await request(body, headers), options);

    expect(answer.status).toBe(status);
    expect(stored).toBe(0);
  });

  it("names the missing headers", async () => {
    const { options } = receiver();
    const answer = await receiveWebhook(
      await request(body, { "x-github-delivery": undefined, "x-github-event": undefined }),
      options,
    );
    expect(answer).toEqual({
      status: 400,
      body: {
        error: "a GitHub delivery carries these headers, missing here: x-github-event, x-github-delivery",
      },
    });
  });

  it.each([
    ["not JSON", '{"action": "submitted", "review": {'],
    ["a JSON array", "[1, 2]"],
    ["JSON null", "null"],
  ])("answers 400 to a signed body that is %s", async (_what, text) => {
    const { options } = receiver(async () => {
      throw new Error("must not be called");
    });
    expect((await receiveWebhook(await request(text), options)).status).toBe(400);
  });

  it("acknowledges an event it does not record without storing it", async () => {
    let stored = 0;
    const { options } = receiver(async () => {
      stored++;
    });
    const answer = await receiveWebhook(await request(body, { "x-github-event": "star" }), options);
    expect(answer.status).toBe(200);
    expect(stored).toBe(0);
  });
});

describe("createWebhookReceiver", () => {
  it("reports a request it could not read with the delivery's headers, and answers 400", async () => {
    const reported: { error: unknown; delivery: { id: string; name: string } }[] = [];
    const handle = createWebhookReceiver({
      ...receiver().options,
      onError: (error, delivery) => reported.push({ error, delivery }),
    });
    // The body stream fails as a connection reset mid-body would.
    const server = createServer((req, res) => {
      req.once("data", () => req.emit("error", new Error("socket hang up")));
      void handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-delivery": "d-7",
          "x-github-event": "pull_request_review",
          "x-hub-signature-256": "sha256=00",
        },
        body: "{}",
      });

      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: "the request could not be read" });
      expect(reported).toEqual([
        { error: new Error("socket hang up"), delivery: { id: "d-7", name: "pull_request_review" } },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
