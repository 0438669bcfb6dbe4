import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { ingestDelivery } from "../../src/ingest/ingest-delivery.js";
import { getAssessments } from "../../src/store/assessments-repository.js";
import { getEvent, listEvents } from "../../src/store/events-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { getPullRequest } from "../../src/store/pull-requests-repository.js";
import { storeTargets } from "../helpers/test-stores.js";
import { example } from "../helpers/webhook-examples.js";

const now = () => new Date("2026-11-20T10:00:00Z");
const identity = { appId: 4242, botLogin: "review-coach[bot]" };

function prComment(action: string): Record<string, unknown> {
  const p = example("issue_comment", action);
  // The package's issue_comment examples are on plain issues; a PR conversation comment differs only by this link.
  (p.issue as Record<string, unknown>).pull_request = {
    url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/1",
  };
  return p;
}

function reviewBy(login: string, type = "User"): Record<string, unknown> {
  const p = example("pull_request_review", "submitted", 1);
  (p.review as Record<string, unknown>).user = { login, type, id: 99 };
  return p;
}

describe.each(storeTargets())("ingestDelivery on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  const ingest = (id: string, event: string, payload: unknown) =>
    ingestDelivery(store, { id, event, payload }, { now, identity });

  it.each(["owner", "name"])(
    "fails a signed payload without repository.%s once, at ingest, naming the field the handlers need",
    async (field) => {
      const payload = example("pull_request_review", "submitted", 1);
      delete (payload.repository as Record<string, unknown>)[field];

      const result = await ingest(`no-${field}`, "pull_request_review", payload);

      expect(result).toEqual({ status: "failed", error: expect.stringContaining(`repository.${field}`) });
      expect(await listEvents(store.db)).toEqual([]);
      const row = await store.db
        .selectFrom("deliveries")
        .selectAll()
        .where("id", "=", `no-${field}`)
        .executeTakeFirst();
      expect(row).toMatchObject({ status: "failed", error: expect.stringContaining(`repository.${field}`) });
    },
  );

  it("records a submitted review from a real payload with its PR context", async () => {
    const result = await ingest("d1", "pull_request_review", reviewBy("octo-reviewer"));

    expect(result.status).toBe("recorded");
    const e = await getEvent(store.db, "review:237895671");
    expect(e).toMatchObject({
      kind: "review",
      action: "submitted",
      actorLogin: "octo-reviewer",
      actorType: "User",
      isBot: false,
      prNumber: 2,
      prAuthor: "Codertocat",
      repoFullName: "Codertocat/Hello-World",
      reviewState: "commented",
      occurredAt: "2019-05-15T15:20:38Z",
      installationId: 1,
    });
    const pr = await getPullRequest(store.db, "Codertocat/Hello-World", 2);
    expect(pr?.authorLogin).toBe("Codertocat");
  });

  it("records review comments, PR conversation comments and PR lifecycle events", async () => {
    await ingest("c1", "pull_request_review_comment", example("pull_request_review_comment", "created"));
    await ingest("c2", "issue_comment", prComment("created"));
    await ingest("c3", "pull_request", example("pull_request", "ready_for_review"));
    await ingest("c4", "pull_request", example("pull_request", "review_requested"));

    const events = await listEvents(store.db);
    const kinds = events.map((e) => `${e.kind}.${e.action}`).sort();
    expect(kinds).toEqual([
      "issue_comment.created",
      "pull_request.ready_for_review",
      "pull_request.review_requested",
      "review_comment.created",
    ]);
    const rc = events.find((e) => e.kind === "review_comment");
    expect(rc).toMatchObject({ reviewId: 237895671, path: "README.md", body: expect.any(String) });
    const rr = events.find((e) => e.action === "review_requested");
    expect(rr?.subject).toBeTruthy();
    expect(rr?.requestedReviewers.length).toBeGreaterThan(0);
  });

  it("ignores comments on plain issues, but remembers the delivery", async () => {
    const result = await ingest("i1", "issue_comment", example("issue_comment", "created"));
    expect(result).toEqual({ status: "ignored", reason: "comment on an issue, not a pull request" });
    expect(await ingest("i1", "issue_comment", example("issue_comment", "created"))).toEqual({
      status: "duplicate",
    });
    expect(await listEvents(store.db)).toHaveLength(0);
  });

  it("changes nothing when the same delivery id arrives again", async () => {
    const payload = example("pull_request_review_comment", "created");
    expect((await ingest("same", "pull_request_review_comment", payload)).status).toBe("recorded");
    const edited = structuredClone(payload);
    (edited.comment as Record<string, unknown>).body = "tampered";
    expect(await ingest("same", "pull_request_review_comment", edited)).toEqual({ status: "duplicate" });
    expect((await getEvent(store.db, "review_comment:284312630"))?.body).not.toBe("tampered");
  });

  it("records a delivery once when two copies arrive concurrently", async () => {
    const payload = example("pull_request_review_comment", "created");
    const results = await Promise.all([
      ingest("twin", "pull_request_review_comment", payload),
      ingest("twin", "pull_request_review_comment", payload),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["duplicate", "recorded"]);
    expect(await listEvents(store.db)).toHaveLength(1);
  });

  it("keeps one row per GitHub object across different deliveries, and an edit updates it", async () => {
    const created = example("pull_request_review_comment", "created");
    await ingest("a", "pull_request_review_comment", created);
    await ingest("b", "pull_request_review_comment", created);
    const edited = example("pull_request_review_comment", "edited");
    const c = edited.comment as Record<string, unknown>;
    c.body = "Could we rename this? Because `x` says nothing about the unit.";
    c.updated_at = "2030-01-01T00:00:00Z";
    await ingest("c", "pull_request_review_comment", edited);

    const rows = await listEvents(store.db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "created", body: c.body, updatedAt: "2030-01-01T00:00:00Z" });
  });

  it("assesses each comment as it is recorded, and again when an edit changes its text", async () => {
    const created = example("pull_request_review_comment", "created");
    const c = created.comment as Record<string, unknown>;
    c.user = { login: "octo-reviewer", type: "User" };
    c.body = "Rename this.";
    await ingest("a1", "pull_request_review_comment", created);
    let stored = (await getAssessments(store.db, ["review_comment:284312630"])).get(
      "review_comment:284312630",
    );
    expect(stored?.verdict).toBe("correcting");

    const edited = structuredClone(created);
    const e = edited.comment as Record<string, unknown>;
    e.body = "Rename this to `retryCount`, because `n` hides that it counts retries, not attempts.";
    e.updated_at = "2030-01-01T00:00:00Z";
    await ingest("a2", "pull_request_review_comment", edited);
    stored = (await getAssessments(store.db, ["review_comment:284312630"])).get("review_comment:284312630");
    expect(stored?.verdict).toBe("teaching");
  });

  it("does not roll an edit back when an older delivery arrives late", async () => {
    const edited = example("pull_request_review_comment", "edited");
    (edited.comment as Record<string, unknown>).body = "new text";
    (edited.comment as Record<string, unknown>).updated_at = "2030-01-01T00:00:00Z";
    await ingest("new", "pull_request_review_comment", edited);
    await ingest("old", "pull_request_review_comment", example("pull_request_review_comment", "created"));
    expect((await getEvent(store.db, "review_comment:284312630"))?.body).toBe("new text");
  });

  it("marks deleted comments and dismissed reviews instead of dropping them", async () => {
    await ingest("x1", "pull_request_review_comment", example("pull_request_review_comment", "created"));
    await ingest("x2", "pull_request_review_comment", example("pull_request_review_comment", "deleted"));
    await ingest("x3", "pull_request_review", reviewBy("octo-reviewer"));
    const dismissed = example("pull_request_review", "dismissed");
    (dismissed.review as Record<string, unknown>).user = { login: "octo-reviewer", type: "User" };
    await ingest("x4", "pull_request_review", dismissed);

    expect((await getEvent(store.db, "review_comment:284312630"))?.deletedAt).toBe(
      "2026-11-20T10:00:00.000Z",
    );
    const review = await getEvent(store.db, "review:237895671");
    expect(review).toMatchObject({ reviewState: "dismissed", deletedAt: "2026-11-20T10:00:00.000Z" });
  });

  it("flags bots and the app itself", async () => {
    await ingest("b1", "pull_request_review", reviewBy("dependabot[bot]", "Bot"));
    const own = prComment("created");
    (own.comment as Record<string, unknown>).user = { login: "review-coach[bot]", type: "Bot" };
    await ingest("b2", "issue_comment", own);

    expect(await getEvent(store.db, "review:237895671")).toMatchObject({ isBot: true, isApp: false });
    const c = (await listEvents(store.db)).find((e) => e.kind === "issue_comment");
    expect(c).toMatchObject({ isBot: true, isApp: true });
  });

  it("treats a login ending in [bot] as a bot even when GitHub says User", async () => {
    await ingest("b3", "pull_request_review", reviewBy("renovate[bot]", "User"));
    expect((await getEvent(store.db, "review:237895671"))?.isBot).toBe(true);
  });

  it("records a malformed payload as a failed delivery that a redelivery can complete", async () => {
    const bad = example("pull_request_review", "submitted", 1);
    delete (bad as Record<string, unknown>).pull_request;
    const failed = await ingest("f1", "pull_request_review", bad);
    expect(failed.status).toBe("failed");
    if (failed.status === "failed") expect(failed.error).toContain("pull_request");

    expect((await ingest("f1", "pull_request_review", reviewBy("octo-reviewer"))).status).toBe("recorded");
  });

  it("records installation and repository changes", async () => {
    const sameInstallation = (p: Record<string, unknown>) => {
      (p.installation as Record<string, unknown>).id = 777;
      return p;
    };
    await ingest("n1", "installation", sameInstallation(example("installation", "created")));
    await ingest(
      "n2",
      "installation_repositories",
      sameInstallation(example("installation_repositories", "removed")),
    );
    const installations = await store.db.selectFrom("installations").selectAll().execute();
    expect(installations).toHaveLength(1);
    expect(installations[0]?.removed_at).toBeNull();
    const removed = await store.db
      .selectFrom("repositories")
      .selectAll()
      .where("removed_at", "is not", null)
      .execute();
    expect(removed.length).toBeGreaterThan(0);
    await ingest("n3", "installation", sameInstallation(example("installation", "deleted")));
    const after = await store.db.selectFrom("installations").selectAll().executeTakeFirst();
    expect(after?.removed_at).toBe("2026-11-20T10:00:00.000Z");
  });

  it("ignores events it does not record", async () => {
    const result = await ingest("u1", "star", { action: "created" });
    expect(result).toEqual({ status: "ignored", reason: "event star is not recorded" });
  });
});
