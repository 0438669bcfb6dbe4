// Descriptions through the real server and a fake GitHub (issue #18): a thin description gets one kind note that
// becomes a thank-you once the author fills it in; a full one gets nothing; a redelivery changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { buildScenario, type Envelope } from "../../scripts/demo/build-scenario.js";
import { steerableClock } from "../../scripts/fake-github/steerable-clock.js";
import {
  COACHING_CONFIG,
  DEMO_REPO,
  type E2e,
  isAck,
  loopbackOnly,
  onE2eTarget,
  restoreNet,
  startE2e,
} from "./e2e-stack.js";

const CONFIG = `${COACHING_CONFIG}descriptions:\n  required: [what, why, testing]\n`;
const prOf = (e: Envelope) => (e.payload.pull_request as { number: number } | undefined)?.number;

onE2eTarget("sqlite", (target) => {
  describe("descriptions through the real server", () => {
    // The demo week's PR lifecycle deliveries: #102 opens thin and is edited; the others open with a full description.
    const envelopes = buildScenario().filter((e) => e.event === "pull_request");
    let e2e: E2e;
    const answers: number[] = [];

    beforeAll(async () => {
      loopbackOnly();
      const clock = steerableClock(envelopes[0]?.at ?? "2026-11-16T08:00:00Z");
      e2e = await startE2e(target, { config: CONFIG, now: clock.now });
      for (const envelope of envelopes) {
        clock.set(envelope.at);
        answers.push((await e2e.stack.deliver(envelope)).status);
      }
    }, 60_000);

    afterAll(async () => {
      await e2e?.close();
      restoreNet();
    });

    it("posts one note, on the thin description only, and turns it into a thank-you after the edit", () => {
      const fake = e2e.stack.fake;
      const notes = fake.appComments(DEMO_REPO).filter((c) => c.body.includes("review-coach:description"));

      expect(answers.every((s) => s >= 200 && s < 300)).toBe(true);
      expect(notes).toHaveLength(1);
      expect(notes[0]?.body).toContain("<!-- review-coach:description pr=102 -->");
      expect(notes[0]?.body).toContain("✅ Thanks, @erin: with the edits, the description gives reviewers");
      expect(fake.requestsTo("POST", "/repos/acme/payments/issues/102/comments")).toHaveLength(1);
      expect(fake.requestsTo("PATCH", "/repos/acme/payments/issues/comments/")).toHaveLength(1);
      // The note as first posted asked for exactly the two missing parts, kindly, with a skeleton.
      const first = String(
        (fake.requestsTo("POST", "/repos/acme/payments/issues/102/comments")[0]?.body as { body?: string })
          ?.body,
      );
      expect(first).toContain("👋 Hi @erin, thanks for the pull request!");
      expect(first).toContain("**Why**");
      expect(first).toContain("**How it was tested**");
      expect(first).not.toContain("**What changes**");
      expect(fake.unknownRequests()).toEqual([]);
    });

    it("changes nothing when GitHub redelivers the opened and edited deliveries", async () => {
      const fake = e2e.stack.fake;
      const before =
        fake.requestsTo("POST", /\/issues\/\d+\/comments$/).length +
        fake.requestsTo("PATCH", "/issues/comments/").length;
      const again = envelopes.filter((e) => prOf(e) === 102);

      for (const envelope of again) expect(isAck(await e2e.stack.deliver(envelope))).toBe(true);
      for (const envelope of again)
        expect(isAck(await e2e.stack.deliver(envelope, { id: `${envelope.delivery}-again` }))).toBe(true);

      const after =
        fake.requestsTo("POST", /\/issues\/\d+\/comments$/).length +
        fake.requestsTo("PATCH", "/issues/comments/").length;
      expect(after).toBe(before);
    });
  });
});
