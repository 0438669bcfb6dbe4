// The OpenAI-compatible API down (500s, or no answer within llm.timeout_ms): the heuristic verdicts stand and PR #101
// still gets its nudge, once. The real server in process, the fake GitHub and a fake model API, all on loopback.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { Envelope } from "../../scripts/demo/build-scenario.js";
import { type FakeGithub, startFakeGithub } from "../../scripts/fake-github/fake-github.js";
import { postDelivery } from "../../scripts/fake-github/signed-delivery.js";
import { STACK_APP_ID, STACK_APP_SLUG, throwawayKeyPair } from "../../scripts/fake-github/start-app-stack.js";
import { nudgeMarker } from "../../src/coaching/render-text.js";
import { readEnv } from "../../src/env.js";
import { waitForIdle } from "../../src/jobs/wait-for-idle.js";
import { type RunningServer, startServer } from "../../src/server.js";
import type { Store } from "../../src/store/open-store.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { COACHING_CONFIG, CONFIG_FILE, DEMO_REPO, loopbackOnly, restoreNet, scenario } from "./e2e-stack.js";

const LLM_CONFIG = `${COACHING_CONFIG}llm:
  enabled: true
  timeout_ms: 500
  confidence_below: 1
`;

const prOf = (e: Envelope) =>
  ((e.payload.pull_request ?? e.payload.issue) as { number: number } | undefined)?.number;

interface FakeModelApi {
  baseUrl: string;
  requests: number;
  close(): Promise<void>;
}

/** A model API that answers every request with 500, or never answers ("hang"). */
async function startBrokenModelApi(behaviour: "500" | "hang"): Promise<FakeModelApi> {
  const sockets = new Set<Socket>();
  const api: FakeModelApi = { baseUrl: "", requests: 0, close: async () => undefined };
  const server: Server = createServer((req, res) => {
    api.requests++;
    req.resume();
    if (behaviour === "hang") return;
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: "The server had an error", type: "server_error" } }));
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  api.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  api.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return api;
}

describe("coaching when the LLM second opinion is down", () => {
  const envelopes = scenario();
  const submitted101 = envelopes.find(
    (e) => e.event === "pull_request_review" && prOf(e) === 101,
  ) as Envelope;
  const review101 = envelopes.slice(0, envelopes.indexOf(submitted101) + 1);
  let fake: FakeGithub | undefined;
  let model: FakeModelApi | undefined;
  let app: RunningServer | undefined;
  let store: Store | undefined;

  beforeAll(loopbackOnly);
  afterEach(async () => {
    await app?.stop();
    await fake?.close();
    await model?.close();
    await store?.close();
    app = undefined;
    fake = undefined;
    model = undefined;
    store = undefined;
    restoreNet();
    loopbackOnly();
  });

  const nudgesOn101 = () =>
    (fake?.appComments(DEMO_REPO) ?? []).filter(
      (c) => c.issueNumber === 101 && c.body.includes(nudgeMarker(770001)),
    );

  async function settle(running: RunningServer, github: FakeGithub): Promise<boolean> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const idle = await waitForIdle(running.jobs, { timeoutMs: Math.max(0, deadline - Date.now()) });
      const quiet = await github.waitForQuiet({
        quietMs: 200,
        timeoutMs: Math.max(0, deadline - Date.now()),
      });
      if (idle && quiet && (await waitForIdle(running.jobs, { timeoutMs: 0 }))) return true;
      if (Date.now() >= deadline) return false;
    }
  }

  for (const behaviour of ["500", "hang"] as const) {
    it(`posts the heuristic nudge once when the model API ${behaviour === "500" ? "answers 500" : "never answers"}`, async () => {
      model = await startBrokenModelApi(behaviour);
      const keys = throwawayKeyPair();
      const secret = `fake-secret-${Math.random().toString(36).slice(2)}`;
      fake = await startFakeGithub({
        appId: STACK_APP_ID,
        appSlug: STACK_APP_SLUG,
        appPublicKey: keys.publicKey,
        files: { [DEMO_REPO]: { [CONFIG_FILE]: LLM_CONFIG } },
      });
      store = await openSqliteTestStore();
      const env = readEnv({
        NODE_ENV: "test",
        APP_ID: String(STACK_APP_ID),
        APP_SLUG: STACK_APP_SLUG,
        PRIVATE_KEY: keys.privateKey,
        WEBHOOK_SECRET: secret,
        GITHUB_API_URL: fake.apiUrl,
        HOST: "127.0.0.1",
        PORT: "0",
        LOG_LEVEL: "silent",
        OPENAI_API_KEY: "sk-test",
        OPENAI_BASE_URL: model.baseUrl,
      });
      app = await startServer(env, {
        store,
        jobs: { pollIntervalMs: 20, retryDelaySeconds: 0.2 },
        settleMs: 1000,
      });

      const started = Date.now();
      for (const envelope of review101) {
        fake.observe(envelope);
        const answer = await postDelivery(`${app.url}${env.WEBHOOK_PATH}`, {
          event: envelope.event,
          id: envelope.delivery,
          payload: envelope.payload,
          secret,
        });
        expect(answer.status).toBe(200);
      }
      expect(await settle(app, fake)).toBe(true);

      // The model was asked (the LLM path ran) and failed; the heuristics decided.
      expect(model.requests).toBeGreaterThanOrEqual(1);
      expect(nudgesOn101()).toHaveLength(1);
      expect(fake.requestsTo("POST", "/repos/acme/payments/issues/101/comments")).toHaveLength(1);
      const stats = await app.jobs.stats();
      expect(stats.queues.every((q) => q.dead === 0)).toBe(true);
      // Bounded by timeout_ms per evaluation, not by the client's own (minutes-long) default.
      expect(Date.now() - started).toBeLessThan(15_000);
    }, 30_000);
  }
});
