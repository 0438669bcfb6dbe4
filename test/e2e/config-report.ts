// An invalid `.github/review-coach.yml` served by GitHub: reported once per file version, and the repo only observed.
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import type { Envelope } from "../../scripts/demo/build-scenario.js";
import { CONFIG_CHECK_NAME } from "../../src/github/report-config-problems.js";
import type { StoreTarget } from "../helpers/test-stores.js";
import {
  COACHING_CONFIG,
  CONFIG_FILE,
  countRows,
  DEMO_REPO,
  deliverAll,
  type E2e,
  isAck,
  loopbackOnly,
  restoreNet,
  scenario,
  startE2e,
} from "./e2e-stack.js";

/** A typo in a key: unknown keys are an error (docs/architecture.md, "Configuration"), so the whole file is invalid. */
const TYPO_CONFIG = "coaching:\n  enabeld: true\n";
const OTHER_MISTAKE = "coaching:\n  mode: loud\n";

/** A later push to a PR: a new delivery of an event that reads the config again. */
function synchronize(opened: Envelope, id: string): Envelope {
  const payload = structuredClone(opened.payload);
  payload.action = "synchronize";
  return { ...opened, delivery: id, payload };
}

/** The suite on one store; each store has its own test file, so the two run in parallel. */
export function describeConfigReport(target: StoreTarget): void {
  describe(`an invalid config file (${target.name})`, () => {
    const envelopes = scenario();
    const opened = envelopes.find(
      (e) => e.event === "pull_request" && e.payload.action === "opened",
    ) as Envelope;
    let e2e: E2e | undefined;

    beforeAll(loopbackOnly);
    afterEach(async () => {
      await e2e?.close();
      e2e = undefined;
      restoreNet();
      loopbackOnly();
    });

    it("is reported once, as a neutral check run, across redeliveries and later events", async () => {
      e2e = await startE2e(target, { config: TYPO_CONFIG });
      const { fake } = e2e.stack;

      const first = await deliverAll(e2e.stack, envelopes);
      const again = [
        ...(await deliverAll(e2e.stack, envelopes)),
        ...(await deliverAll(e2e.stack, envelopes)),
        ...(await deliverAll(e2e.stack, envelopes)),
        await e2e.stack.deliver(synchronize(opened, "sync-1")),
      ];
      await e2e.stack.settle({ quietMs: 200, timeoutMs: 10_000 });

      expect([...first, ...again].filter((a) => !isAck(a))).toEqual([]);
      const reports = fake.checkRuns(DEMO_REPO);
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({
        name: CONFIG_CHECK_NAME,
        conclusion: "neutral",
        status: "completed",
      });
      expect(reports[0]?.output.summary).toContain("enabeld");
      // Observed, not coached: no nudge on GitHub, every event still recorded.
      expect(fake.appComments(DEMO_REPO)).toEqual([]);
      expect(await countRows(e2e.store, "deliveries")).toBe(envelopes.length + 1);
    }, 120_000);

    it("is reported again only when the file changes, and coaching starts once it is valid", async () => {
      e2e = await startE2e(target, { config: TYPO_CONFIG });
      const { fake } = e2e.stack;
      await e2e.stack.deliver(opened);
      fake.setFile(DEMO_REPO, CONFIG_FILE, OTHER_MISTAKE);
      await e2e.stack.deliver(synchronize(opened, "sync-1"));
      await e2e.stack.deliver(synchronize(opened, "sync-2"));
      expect(fake.checkRuns(DEMO_REPO).map((r) => r.output.summary.includes("mode"))).toEqual([false, true]);

      fake.setFile(DEMO_REPO, CONFIG_FILE, COACHING_CONFIG);
      const answers = await deliverAll(e2e.stack, envelopes);
      await e2e.stack.settle({ quietMs: 200, timeoutMs: 10_000 });
      expect(answers.filter((a) => !isAck(a))).toEqual([]);
      expect(fake.checkRuns(DEMO_REPO)).toHaveLength(2);
      expect(fake.appComments(DEMO_REPO).length).toBeGreaterThan(0);
    }, 120_000);

    it("is reported once as a PR comment when the app may not create check runs", async () => {
      e2e = await startE2e(target, { config: TYPO_CONFIG });
      const { fake } = e2e.stack;
      // Without checks:write GitHub answers 403 "Resource not accessible by integration".
      fake.failNext({ method: "POST", path: "/check-runs" }, 403, 100);

      const answers = [
        ...(await deliverAll(e2e.stack, envelopes)),
        ...(await deliverAll(e2e.stack, envelopes)),
        await e2e.stack.deliver(synchronize(opened, "sync-1")),
      ];
      await e2e.stack.settle({ quietMs: 200, timeoutMs: 10_000 });

      expect(answers.filter((a) => !isAck(a))).toEqual([]);
      expect(fake.checkRuns(DEMO_REPO)).toEqual([]);
      const comments = fake.appComments(DEMO_REPO);
      expect(comments).toHaveLength(1);
      expect(comments[0]?.issueNumber).toBe((opened.payload.pull_request as { number: number }).number);
      expect(comments[0]?.body).toContain("enabeld");
    }, 120_000);
  });
}
