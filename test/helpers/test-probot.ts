// A real Probot with the app loaded, talking to a nock'd api.github.com; no retries or throttling so tests are fast.
import { pino } from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp } from "../../src/app.js";
import type { Store } from "../../src/store/open-store.js";
import { testPrivateKey } from "./signed-delivery.js";

const key = testPrivateKey();

export function testProbot(store: Store, now: () => Date = () => new Date("2026-11-20T10:00:00Z")): Probot {
  const probot = new Probot({
    appId: 4242,
    privateKey: key,
    log: pino({ level: "silent" }),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  probot.load(createApp({ store, now, identity: { appId: 4242, botLogin: "review-coach[bot]" } }));
  return probot;
}
