// A week of reviews through the real server and a fake GitHub: acknowledged, recorded, coached once, digested once.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { pino } from "pino";
import type { Envelope } from "../../scripts/demo/build-scenario.js";
import { type SteerableClock, steerableClock } from "../../scripts/fake-github/steerable-clock.js";
import { nudgeMarker } from "../../src/coaching/render-text.js";
import { listEvents } from "../../src/store/events-repository.js";
import { isOptedOut } from "../../src/store/opt-outs-repository.js";
import type { StoreTarget } from "../helpers/test-stores.js";
import {
  COACHING_CONFIG,
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

const prOf = (e: Envelope) =>
  ((e.payload.pull_request ?? e.payload.issue) as { number: number } | undefined)?.number;
const reviewIdOf = (e: Envelope) => (e.payload.review as { id: number }).id;

/** The Monday after the scenario's week, 09:30 in Berlin: its digest is due. */
const DIGEST_DUE = "2026-11-23T08:30:00Z";

/** The suite on one store; each store has its own test file, so the two run in parallel. */
export function describeWeekReplay(target: StoreTarget): void {
  describe(`a week of reviews through the real server (${target.name})`, () => {
    const envelopes = scenario();
    const submitted101 = envelopes.find(
      (e) => e.event === "pull_request_review" && prOf(e) === 101,
    ) as Envelope;
    let e2e: E2e;
    let clock: SteerableClock;
    const answers: number[] = [];
    /** The digest passes' verdicts on an already posted week, as the server logs them. */
    let alreadyPosted = 0;
    const log = pino(
      { level: "debug" },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          const text = chunk.toString();
          if (text.includes('"digest skipped"') && text.includes('"already-posted"')) alreadyPosted++;
          done();
        },
      }),
    );

    beforeAll(async () => {
      loopbackOnly();
      clock = steerableClock(envelopes[0]?.at ?? DIGEST_DUE);
      e2e = await startE2e(target, {
        config: COACHING_CONFIG,
        now: clock.now,
        log,
        server: { digest: { intervalMs: 100, firstRunDelayMs: 100 } },
      });
      // Up to #101's submitted review, each delivery at its own moment on the app's clock; the rest after it.
      for (const envelope of envelopes.slice(0, envelopes.indexOf(submitted101))) {
        clock.set(envelope.at);
        answers.push((await e2e.stack.deliver(envelope)).status);
      }
    }, 120_000);

    afterAll(async () => {
      await e2e?.close();
      restoreNet();
    });

    it("posts one nudge when the same review is delivered three times at once", async () => {
      clock.set(submitted101.at);
      const concurrent = await Promise.all([1, 2, 3].map(() => e2e.stack.deliver(submitted101)));
      expect(concurrent.every(isAck)).toBe(true);
      await e2e.stack.settle({ quietMs: 300, timeoutMs: 15_000 });

      const on101 = e2e.stack.fake.appComments(DEMO_REPO).filter((c) => c.issueNumber === 101);
      expect(on101).toHaveLength(1);
      expect(on101[0]?.body).toContain(nudgeMarker(reviewIdOf(submitted101)));
      expect(on101[0]?.body).toContain("@bob");

      for (const envelope of envelopes.slice(envelopes.indexOf(submitted101) + 1)) {
        clock.set(envelope.at);
        answers.push((await e2e.stack.deliver(envelope)).status);
      }
      expect(answers.every((s) => s >= 200 && s < 300)).toBe(true);
    }, 60_000);

    it("acknowledges every delivery with 2xx and records each review, comment and PR event", async () => {
      expect(answers.every((s) => s >= 200 && s < 300)).toBe(true);
      expect(await countRows(e2e.store, "deliveries")).toBe(envelopes.length);
      const keys = new Set((await listEvents(e2e.store.db, { repoFullName: DEMO_REPO })).map((e) => e.key));
      for (const envelope of envelopes) {
        const comment = envelope.payload.comment as { id: number } | undefined;
        if (envelope.event === "pull_request_review_comment")
          expect(keys).toContain(`review_comment:${comment?.id}`);
        if (envelope.event === "issue_comment") expect(keys).toContain(`issue_comment:${comment?.id}`);
        if (envelope.event === "pull_request_review")
          expect(keys).toContain(`review:${reviewIdOf(envelope)}`);
      }
    });

    it("nudges the bare corrections (#101) and the harsh review (#104), not the teaching one (#102)", async () => {
      const nudged = e2e.stack.fake
        .appComments(DEMO_REPO)
        .map((c) => c.issueNumber)
        .sort();
      expect(nudged).toEqual([101, 104]);
      // …and /metrics counted those two nudges.
      const text = await (await fetch(`${e2e.stack.app.url}/metrics`)).text();
      expect(text).toContain('review_coach_nudges_total{mode="summary",outcome="nudged"} 2');
    });

    it("changes nothing on GitHub or in the store when the whole week is redelivered three times", async () => {
      const fake = e2e.stack.fake;
      const rows = {
        deliveries: await countRows(e2e.store, "deliveries"),
        events: await countRows(e2e.store, "events"),
        nudges: await countRows(e2e.store, "nudges"),
      };
      const comments = fake.appComments(DEMO_REPO).map((c) => ({ id: c.id, body: c.body }));
      const creates = fake.requestsTo("POST", /\/issues\/\d+\/comments$/).length;
      // A nudge may have been updated during the first pass (a review's comments can be evaluated before the review
      // itself arrives); what matters here is that the redeliveries add no write.
      const updates = fake.requestsTo("PATCH", "/issues/comments/").length;

      for (let round = 0; round < 3; round++) {
        const again = await deliverAll(e2e.stack, envelopes);
        expect(again.filter((a) => !isAck(a))).toEqual([]);
      }
      await e2e.stack.settle({ quietMs: 300, timeoutMs: 15_000 });

      expect({
        deliveries: await countRows(e2e.store, "deliveries"),
        events: await countRows(e2e.store, "events"),
        nudges: await countRows(e2e.store, "nudges"),
      }).toEqual(rows);
      expect(fake.appComments(DEMO_REPO).map((c) => ({ id: c.id, body: c.body }))).toEqual(comments);
      expect(fake.requestsTo("POST", /\/issues\/\d+\/comments$/)).toHaveLength(creates);
      expect(fake.requestsTo("PATCH", "/issues/comments/")).toHaveLength(updates);
    }, 120_000);

    it("saves a reviewer's /review-coach off and confirms it with one 👍, however often it arrives", async () => {
      const command = envelopes.find(
        (e) =>
          e.event === "issue_comment" && (e.payload.comment as { body: string }).body === "/review-coach off",
      ) as Envelope;
      const reactions = e2e.stack.fake.reactions(DEMO_REPO);
      expect(reactions).toHaveLength(1);
      expect(reactions[0]).toMatchObject({
        subject: "issue_comment",
        commentId: (command.payload.comment as { id: number }).id,
        content: "+1",
      });
      expect(await isOptedOut(e2e.store.db, 777001, "bob")).toBe(true);
    });

    it("posts the week's digest once as a labelled issue, and not again after a restart", async () => {
      const fake = e2e.stack.fake;
      clock.set(DIGEST_DUE);
      const deadline = Date.now() + 15_000;
      while (fake.issues(DEMO_REPO).length === 0 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));

      const [digest, ...more] = fake.issues(DEMO_REPO);
      expect(more).toEqual([]);
      expect(digest?.title).toContain("2026-W47");
      expect(digest?.labels).toEqual(["review-coach"]);
      expect(digest?.body).toContain("<!-- review-coach:digest target=acme/payments week=2026-W47 -->");
      // The first Monday of a new issue number: above every PR number GitHub already gave out.
      expect(digest?.number).toBeGreaterThan(106);

      const before = alreadyPosted;
      await e2e.stack.restartApp();
      // A digest pass of the restarted process has found the week posted.
      const passDeadline = Date.now() + 15_000;
      while (alreadyPosted === before && Date.now() < passDeadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(alreadyPosted).toBeGreaterThan(before);
      await e2e.stack.settle({ quietMs: 200, timeoutMs: 10_000 });
      expect(fake.issues(DEMO_REPO)).toHaveLength(1);
      expect(fake.requestsTo("POST", /\/repos\/acme\/payments\/issues$/)).toHaveLength(1);
      expect(fake.labels(DEMO_REPO).map((l) => l.name)).toEqual(["review-coach"]);
    }, 80_000);

    it("reads the repository's config once per process, not once per event (the config cache)", () => {
      const reads = e2e.stack.fake.requestsTo(
        "GET",
        /^\/repos\/acme\/payments\/contents\/.*review-coach\.yml/,
      );
      const reviews = envelopes.filter((e) => e.event === "pull_request_review");
      // Each review reads the config without the cache. Within its 60 s: the first process read it once, and the one
      // restarted by the digest test once more.
      expect(reviews.length).toBeGreaterThan(2);
      expect(reads.length).toBeGreaterThanOrEqual(1);
      expect(reads.length).toBeLessThanOrEqual(2);
    });

    it("calls GitHub only as the installation, on endpoints the fake knows", () => {
      const fake = e2e.stack.fake;
      expect(fake.unknownRequests()).toEqual([]);
      const unauthenticated = fake.requests.filter((r) => r.status === 401);
      expect(unauthenticated).toEqual([]);
      for (const r of fake.requests) {
        if (r.path.startsWith("/app/")) expect(r.auth).toBe("jwt");
        else expect(r.auth).toBe("token");
      }
    });
  });
}
