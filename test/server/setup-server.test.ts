// Setup mode serves Probot's registration page and the health endpoints, which say why it is not ready.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { pino } from "pino";
import { readEnv } from "../../src/env.js";
import { type SetupServer, startSetupServer } from "../../src/setup-server.js";

describe("the setup-mode server", () => {
  let server: SetupServer;
  const noSmee = process.env.NO_SMEE_SETUP;
  beforeAll(async () => {
    // No smee.io channel is opened from a test (Probot's setup app would try when WEBHOOK_PROXY_URL is unset).
    process.env.NO_SMEE_SETUP = "true";
    server = await startSetupServer(readEnv({ HOST: "127.0.0.1", PORT: "0" }), pino({ level: "silent" }));
  });
  afterAll(async () => {
    await server.stop();
    if (noSmee === undefined) delete process.env.NO_SMEE_SETUP;
    else process.env.NO_SMEE_SETUP = noSmee;
  });

  it("answers /healthz", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", mode: "setup" });
  });

  it("answers /readyz with 503 and the reason", async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "unready",
      reason: expect.stringMatching(/^setup mode: no GitHub App/),
    });
  });

  it("still serves Probot's setup page", async () => {
    const res = await fetch(`${server.url}/probot`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("review-coach");
  });
});
