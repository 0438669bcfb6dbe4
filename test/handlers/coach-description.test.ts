import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { listDescriptionAssessments } from "../../src/store/description-assessments-repository.js";
import { getDescriptionNudge } from "../../src/store/description-nudges-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { setOptOut } from "../../src/store/opt-outs-repository.js";
import {
  api,
  CONFIG_PATH,
  coachHarness,
  deliver,
  type Harness,
  nockConfig,
  nockToken,
  ORG_CONFIG_PATH,
  REPO,
} from "../coaching/coach-harness.js";
import { storeTargets } from "../helpers/test-stores.js";
import { example } from "../helpers/webhook-examples.js";

const key = { repoFullName: "Codertocat/Hello-World", prNumber: 2 };
const CONFIG = "descriptions:\n  enabled: true\ncoaching:\n  enabled: true\n";
const THIN = "Small fix for the capture flow.";
const FULL = [
  "Retries the capture call three times with backoff.",
  "",
  "## Why",
  "The payment provider drops about 1% of capture requests at peak hours, and each one fails a checkout.",
  "",
  "## How was this tested?",
  "Added a unit test with a fake provider that fails twice; ran the checkout suite locally.",
].join("\n");
const WITHOUT_TESTING = [
  "Retries the capture call three times, because the provider drops requests at peak hours.",
].join("\n");

let updatedAt = Date.parse("2026-11-20T09:00:00Z");
/** A real pull_request payload from @octokit/webhooks-examples, with this test's description and a later updated_at per delivery. */
function prPayload(
  action: "opened" | "ready_for_review" | "edited",
  body: string | null,
  pr: { draft?: boolean; login?: string; type?: string; headRef?: string; additions?: number } = {},
): Record<string, unknown> {
  const payload = example("pull_request", action === "edited" ? "opened" : action);
  payload.action = action;
  payload.installation = { id: 1 };
  const p = payload.pull_request as Record<string, unknown>;
  p.body = body;
  p.draft = pr.draft ?? false;
  p.user = { login: pr.login ?? "Codertocat", type: pr.type ?? "User" };
  (p.head as Record<string, unknown>).ref = pr.headRef ?? "capture-retry";
  p.additions = pr.additions ?? 30;
  p.deletions = 4;
  p.labels = [];
  p.created_at = "2026-11-20T08:00:00Z";
  updatedAt += 60_000;
  p.updated_at = new Date(updatedAt).toISOString();
  if (action === "edited") payload.changes = { body: { from: "(before)" } };
  return payload;
}

describe.each(storeTargets())("the description note on $name", (target) => {
  let store: Store;
  let h: Harness;
  const posted: string[] = [];

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await target.open();
    h = await coachHarness(store);
    nockToken();
    posted.length = 0;
  });
  afterEach(async () => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    await store.close();
  });

  const capture = (uri: string, body: nock.Body) => {
    posted.push(String((body as { body: string }).body));
    return uri;
  };

  it("gives a thin description one kind note with a skeleton of only the missing parts", async () => {
    nockConfig(CONFIG);
    const post = nock(api)
      .post(`${REPO}/issues/2/comments`, (b) => capture("", b) === "")
      .reply(201, { id: 7001 });

    await deliver(h, "pull_request", "d-1", prPayload("opened", THIN));

    expect(post.isDone()).toBe(true);
    const body = posted[0] ?? "";
    expect(body).toContain("<!-- review-coach:description pr=2 -->");
    expect(body).toContain("👋 Hi @Codertocat, thanks for the pull request!");
    expect(body).toContain("**Why**");
    expect(body).toContain("**How it was tested**");
    expect(body).toContain("## Why\n<!-- The problem this solves, or the reason for the change. -->");
    expect(body).not.toContain("## What changes");
    expect(body).toContain("Reply `/review-coach off`");
    expect(await getDescriptionNudge(store.db, key)).toMatchObject({
      status: "posted",
      commentId: 7001,
      leaseUntil: null,
    });
    expect(
      await listDescriptionAssessments(store.db, {
        repos: [key.repoFullName],
        from: "2026-01-01",
        to: "2027-01-01",
      }),
    ).toEqual([
      expect.objectContaining({
        prNumber: 2,
        readyAt: "2026-11-20T08:00:00Z",
        explainsWhy: false,
        howTested: false,
        missing: ["why", "testing"],
      }),
    ]);
  });

  it("posts once when the opened delivery comes again, under the same or a new delivery id", async () => {
    nockConfig(CONFIG, 2);
    const post = nock(api).post(`${REPO}/issues/2/comments`).once().reply(201, { id: 7002 });
    const opened = prPayload("opened", THIN);

    await deliver(h, "pull_request", "d-2", opened);
    await deliver(h, "pull_request", "d-2", opened);
    await deliver(h, "pull_request", "d-2-redelivered", opened);

    expect(post.isDone()).toBe(true);
    expect(await getDescriptionNudge(store.db, key)).toMatchObject({ status: "posted", commentId: 7002 });
  });

  it("updates the note in place as the description improves, then turns it into a thank-you", async () => {
    nockConfig(CONFIG, 3);
    nock(api).post(`${REPO}/issues/2/comments`).reply(201, { id: 7003 });
    const update = nock(api)
      .patch(`${REPO}/issues/comments/7003`, (b) => capture("", b) === "")
      .twice()
      .reply(200, { id: 7003 });

    await deliver(h, "pull_request", "d-3", prPayload("opened", THIN));
    await deliver(h, "pull_request", "d-4", prPayload("edited", WITHOUT_TESTING));
    await deliver(h, "pull_request", "d-5", prPayload("edited", FULL));

    expect(update.isDone()).toBe(true);
    expect(posted[0]).toContain("One addition to the description");
    expect(posted[0]).toContain("**How it was tested**");
    expect(posted[0]).not.toContain("**Why**");
    expect(posted[1]).toContain("✅ Thanks, @Codertocat");
    expect(await getDescriptionNudge(store.db, key)).toMatchObject({ status: "resolved", commentId: 7003 });
  });

  it("deletes the note once complete when on_resolved is delete", async () => {
    nockConfig(`${CONFIG}  on_resolved: delete\n`, 2);
    nock(api).post(`${REPO}/issues/2/comments`).reply(201, { id: 7004 });
    const remove = nock(api).delete(`${REPO}/issues/comments/7004`).reply(204);

    await deliver(h, "pull_request", "d-6", prPayload("opened", THIN));
    await deliver(h, "pull_request", "d-7", prPayload("edited", FULL));

    expect(remove.isDone()).toBe(true);
    expect(await getDescriptionNudge(store.db, key)).toMatchObject({ status: "deleted" });
  });

  it("says nothing about a full description, and records it as explaining why and how it was tested", async () => {
    nockConfig(CONFIG);

    await deliver(h, "pull_request", "d-8", prPayload("opened", FULL));

    expect(await getDescriptionNudge(store.db, key)).toBeUndefined();
    const [stored] = await listDescriptionAssessments(store.db, {
      repos: [key.repoFullName],
      from: "2026-01-01",
      to: "2027-01-01",
    });
    expect(stored).toMatchObject({ explainsWhy: true, howTested: true, missing: [] });
  });

  it("waits for a draft to be marked ready, and never starts a note on an edit", async () => {
    nockConfig(CONFIG, 3);
    const post = nock(api).post(`${REPO}/issues/2/comments`).once().reply(201, { id: 7005 });

    await deliver(h, "pull_request", "d-9", prPayload("opened", THIN, { draft: true }));
    await deliver(h, "pull_request", "d-10", prPayload("edited", THIN));
    expect(post.isDone()).toBe(false);

    await deliver(h, "pull_request", "d-11", prPayload("ready_for_review", THIN));
    expect(post.isDone()).toBe(true);
  });

  it.each([
    {
      name: "dependabot",
      pr: { login: "dependabot[bot]", type: "Bot", headRef: "dependabot/npm_and_yarn/lodash-4.17.21" },
    },
    { name: "renovate", pr: { login: "renovate[bot]", type: "Bot", headRef: "renovate/lodash-4.x" } },
    { name: "a dependency branch pushed by a person", pr: { headRef: "renovate/configure" } },
    { name: "another bot", pr: { login: "release-bot[bot]", type: "Bot" } },
  ])("skips $name", async ({ pr }) => {
    nockConfig(CONFIG);

    await deliver(h, "pull_request", "d-12", prPayload("opened", "", pr));

    expect(await getDescriptionNudge(store.db, key)).toBeUndefined();
  });

  it("respects an author's /review-coach off", async () => {
    await setOptOut(store.db, {
      installationId: 1,
      login: "Codertocat",
      optedOut: true,
      commentId: 1,
      at: "2026-11-19T00:00:00Z",
    });
    nockConfig(CONFIG);

    await deliver(h, "pull_request", "d-13", prPayload("opened", THIN));

    expect(await getDescriptionNudge(store.db, key)).toBeUndefined();
  });

  it("records the figures but posts nothing where the config has no descriptions section", async () => {
    nockConfig("coaching:\n  enabled: true\n");

    await deliver(h, "pull_request", "d-19", prPayload("opened", THIN));

    expect(await getDescriptionNudge(store.db, key)).toBeUndefined();
    expect(
      await listDescriptionAssessments(store.db, {
        repos: [key.repoFullName],
        from: "2026-01-01",
        to: "2027-01-01",
      }),
    ).toHaveLength(1);
  });

  it("observes a repository without a config file: no note", async () => {
    nock(api).get(CONFIG_PATH).reply(404);
    nock(api).get(ORG_CONFIG_PATH).reply(404);

    await deliver(h, "pull_request", "d-14", prPayload("opened", THIN));

    expect(await getDescriptionNudge(store.db, key)).toBeUndefined();
  });

  it("suggests an ADR when architectural paths change without one, linking the folder's template", async () => {
    nockConfig(`descriptions:\n  adr_paths: ["src/store/**"]\n`);
    nock(api)
      .get(`${REPO}/pulls/2/files`)
      .query(true)
      .reply(200, [{ filename: "src/store/schema.ts" }, { filename: "src/app.ts" }]);
    nock(api)
      .get(`${REPO}/contents/docs%2Fadr`)
      .reply(200, [
        {
          name: "0000-template.md",
          path: "docs/adr/0000-template.md",
          type: "file",
          html_url: "https://github.com/Codertocat/Hello-World/blob/main/docs/adr/0000-template.md",
        },
      ]);
    nock(api)
      .post(`${REPO}/issues/2/comments`, (b) => capture("", b) === "")
      .reply(201, { id: 7006 });

    await deliver(h, "pull_request", "d-15", prPayload("opened", FULL));

    expect(posted[0]).toContain(
      "🏛️ This changes `src/store/schema.ts`, which the team counts as architectural.",
    );
    expect(posted[0]).toContain(
      "[the template](https://github.com/Codertocat/Hello-World/blob/main/docs/adr/0000-template.md)",
    );
    expect(posted[0]).not.toContain("skeleton");
  });

  it.each([403, 404])("claims nothing about ADRs when the files API answers %i", async (status) => {
    nockConfig(`descriptions:\n  adr_paths: ["src/store/**"]\n`);
    nock(api).get(`${REPO}/pulls/2/files`).query(true).reply(status, { message: "no" });

    await deliver(h, "pull_request", "d-16", prPayload("opened", FULL));

    expect(await getDescriptionNudge(store.db, key)).toBeUndefined();
  });

  it("leaves a late redelivery of an older version without effect", async () => {
    nockConfig(CONFIG, 3);
    nock(api).post(`${REPO}/issues/2/comments`).reply(201, { id: 7008 });
    const thanks = nock(api).patch(`${REPO}/issues/comments/7008`).once().reply(200, { id: 7008 });
    const old = prPayload("opened", THIN);

    await deliver(h, "pull_request", "d-17", old);
    await deliver(h, "pull_request", "d-18", prPayload("edited", FULL));
    await deliver(h, "pull_request", "d-17-late", old);

    expect(thanks.isDone()).toBe(true);
    expect(await getDescriptionNudge(store.db, key)).toMatchObject({ status: "resolved" });
  });
});
