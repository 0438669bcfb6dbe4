import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { pino } from "pino";
import { readEnv } from "../../src/env.js";
import { type RunningServer, startServer } from "../../src/server.js";
import { getDigest } from "../../src/store/digests-repository.js";
import { testPrivateKey } from "../helpers/signed-delivery.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";
import { repoConfig, week } from "./helpers/scenario.js";
import { seedStore } from "./helpers/seed-store.js";

describe("the server's digest scheduler", () => {
  let running: RunningServer;

  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("posts a due digest as the installation soon after start, and stops cleanly", async () => {
    const store = await openSqliteTestStore();
    await seedStore(store, week("2026-11-16", 470), { config: repoConfig() });
    const github = nock("https://api.github.com")
      .post("/app/installations/1/access_tokens")
      .reply(201, { token: "ghs_installation", expires_at: "2099-01-01T00:00:00Z" })
      .post("/repos/acme/app/labels")
      .matchHeader("authorization", "token ghs_installation")
      .reply(201, {})
      .get("/repos/acme/app/issues")
      .query(true)
      .reply(200, [])
      .post("/repos/acme/app/issues")
      .reply(201, { number: 77, html_url: "https://github.com/acme/app/issues/77" });
    const env = readEnv({
      APP_ID: "4242",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: "s",
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
    });
    running = await startServer(env, {
      log: pino({ level: "silent" }),
      store,
      now: () => new Date("2026-11-23T08:05:00Z"),
      digest: { firstRunDelayMs: 0 },
    });
    try {
      for (
        let i = 0;
        i < 500 && (await getDigest(store.db, "acme/app", "2026-W47"))?.status !== "posted";
        i += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await getDigest(store.db, "acme/app", "2026-W47")).toMatchObject({
        status: "posted",
        issueNumber: 77,
      });
      expect(github.isDone()).toBe(true);
    } finally {
      await running.stop();
      await store.close();
    }
  });
});
