import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import { getNudge } from "../../src/store/nudges-repository.js";
import type { Store } from "../../src/store/open-store.js";
import {
  api,
  CORRECTIONS,
  deliver,
  deliverReview,
  endCoachTest,
  HARSH,
  type Harness,
  HEAD_SHA,
  nockConfig,
  REPO,
  reviewCommentPayload,
  startCoachTest,
  TEACHING,
} from "../coaching/coach-harness.js";

const key = { repoFullName: "Codertocat/Hello-World", reviewId: 900 };

describe("coaching modes", () => {
  let store: Store;
  let h: Harness;

  beforeEach(async () => {
    ({ store, h } = await startCoachTest());
  });
  afterEach(() => endCoachTest(store));

  it("inline: replies in the thread of each comment that could teach more, and nowhere else", async () => {
    nockConfig("coaching:\n  mode: inline\n");
    const replies = new Map<number, string>();
    const github = nock(api);
    for (const c of CORRECTIONS.slice(0, 2))
      github
        .post(
          `${REPO}/pulls/2/comments/${c.id}/replies`,
          (b: { body: string }) => !!replies.set(c.id, b.body),
        )
        .reply(201, { id: c.id + 50_000 });

    await deliverReview(h, { id: 900 }, [...CORRECTIONS.slice(0, 2), TEACHING[0]] as typeof CORRECTIONS);

    expect(github.isDone()).toBe(true);
    expect(replies.get(1001)).toContain("<!-- review-coach:nudge review=900 comment=1001 -->");
    expect(replies.get(1001)).toContain("*Try:* “Could we rename this to `captureWithRetry`?");
    expect(replies.get(1002)).toContain("*Try:* “Could we remove the sleep?");
    expect(await getNudge(store.db, key)).toMatchObject({
      mode: "inline",
      status: "posted",
      replies: { "1001": { id: 51_001, state: "nudge" }, "1002": { id: 51_002, state: "nudge" } },
    });
  });

  it("inline: thanks in the thread of the comment that now teaches only, and replies to a reply's thread", async () => {
    nockConfig("coaching:\n  mode: inline\n", 2);
    const github = nock(api)
      .post(`${REPO}/pulls/2/comments/1001/replies`)
      .reply(201, { id: 51_001 })
      // 1005 is a reply in the thread started by 1002: GitHub takes replies to the thread's first comment only.
      .post(`${REPO}/pulls/2/comments/1002/replies`)
      .reply(201, { id: 51_005 })
      .patch(`${REPO}/pulls/comments/51001`, (b: { body: string }) => b.body.includes("✅ Thanks"))
      .reply(200, { id: 51_001 });

    await deliver(
      h,
      "pull_request_review_comment",
      "a",
      reviewCommentPayload({ ...CORRECTIONS[0], reviewId: 901 } as never),
    );
    await deliver(
      h,
      "pull_request_review_comment",
      "b",
      reviewCommentPayload({ id: 1005, body: "Remove the sleep.", reviewId: 901, inReplyTo: 1002 }),
    );
    await deliverReview(h, { id: 901 }, []);
    await deliver(
      h,
      "pull_request_review_comment",
      "edit",
      reviewCommentPayload({
        id: 1001,
        reviewId: 901,
        action: "edited",
        body: "Rename this to `captureWithRetry`, because callers need to know it retries.",
        updatedAt: "2026-11-20T09:30:00Z",
      }),
    );
    await h.settle();

    // The review passes now (1 of 2 teach); the reply under "Remove the sleep." stays as it was.
    expect(github.isDone()).toBe(true);
    expect(await getNudge(store.db, { ...key, reviewId: 901 })).toMatchObject({
      status: "posted",
      replies: { "1001": { state: "thanks" }, "1005": { state: "nudge" } },
    });
    expect(await getDecision(store.db, { ...key, reviewId: 901 })).toMatchObject({ outcome: "resolved" });
  });

  it("inline: a 5xx half-way is thrown, and the retry posts only the replies that are missing", async () => {
    nockConfig("coaching:\n  mode: inline\n", 2);
    const github = nock(api)
      .post(`${REPO}/pulls/2/comments/1001/replies`)
      .once()
      .reply(201, { id: 51_001 })
      .post(`${REPO}/pulls/2/comments/1002/replies`)
      .once()
      .reply(502, { message: "Bad Gateway" })
      .post(`${REPO}/pulls/2/comments/1002/replies`)
      .once()
      .reply(201, { id: 51_002 });

    await expect(deliverReview(h, { id: 905 }, CORRECTIONS.slice(0, 2))).rejects.toThrow();
    expect(await getNudge(store.db, { ...key, reviewId: 905 })).toMatchObject({
      status: "posted",
      leaseUntil: null,
      replies: { "1001": { id: 51_001 } },
    });
    // The delivery's job is retried.
    await h.retry();

    expect(github.isDone()).toBe(true);
    expect(await getNudge(store.db, { ...key, reviewId: 905 })).toMatchObject({
      replies: { "1001": { id: 51_001 }, "1002": { id: 51_002 } },
    });
  });

  it("check: a neutral review-coach check run on the head commit, annotating each comment's line", async () => {
    nockConfig("coaching:\n  mode: check\n");
    let sent: {
      name: string;
      head_sha: string;
      conclusion: string;
      output: {
        title: string;
        summary: string;
        annotations: { path: string; start_line: number; message: string }[];
      };
    } = { name: "", head_sha: "", conclusion: "", output: { title: "", summary: "", annotations: [] } };
    const github = nock(api)
      .get(`${REPO}/pulls/2/reviews/902/comments`)
      .query(true)
      .reply(200, [
        { id: 1001, path: "src/capture.ts", line: 12, original_line: 12 },
        { id: 1002, path: "src/capture.ts", line: null, original_line: 30 },
        { id: 3001, path: "src/capture.ts", line: 44, original_line: 44 },
      ])
      .post(`${REPO}/check-runs`, (b: typeof sent) => {
        sent = b;
        return true;
      })
      .reply(201, { id: 777 });

    await deliverReview(h, { id: 902 }, [...CORRECTIONS.slice(0, 2), HARSH]);

    expect(github.isDone()).toBe(true);
    expect(sent).toMatchObject({ name: "review-coach", head_sha: HEAD_SHA, conclusion: "neutral" });
    expect(sent.output.title).toBe(
      "review-coach: 2 comments could teach more, 1 comment may land harder than intended",
    );
    expect(sent.output.annotations.map((a) => [a.path, a.start_line])).toEqual([
      ["src/capture.ts", 12],
      ["src/capture.ts", 30],
      ["src/capture.ts", 44],
    ]);
    expect(JSON.stringify(sent.output)).not.toContain("obviously");
    expect(await getNudge(store.db, { ...key, reviewId: 902 })).toMatchObject({
      mode: "check",
      targetId: 777,
    });
  });

  it("off: records and measures, posts nothing", async () => {
    nockConfig("coaching:\n  mode: off\n");
    await deliverReview(h, { id: 903 }, CORRECTIONS);
    expect(await getDecision(store.db, { ...key, reviewId: 903 })).toMatchObject({
      outcome: "skipped",
      reason: "mode-off",
      mode: "off",
      feedback: 3,
      correcting: 3,
      ratio: 0,
    });
    expect(await getNudge(store.db, { ...key, reviewId: 903 })).toBeUndefined();
  });

  it("keeps a nudge in the mode it was posted in when the config changes", async () => {
    nockConfig("coaching:\n  mode: summary\n");
    nockConfig("coaching:\n  mode: inline\n");
    const github = nock(api)
      .post(`${REPO}/issues/2/comments`)
      .reply(201, { id: 9400 })
      .patch(`${REPO}/issues/comments/9400`)
      .reply(200, { id: 9400 });

    await deliverReview(h, { id: 904 }, CORRECTIONS);
    await deliver(
      h,
      "pull_request_review_comment",
      "edit",
      reviewCommentPayload({
        ...(CORRECTIONS[0] as (typeof CORRECTIONS)[0]),
        reviewId: 904,
        action: "edited",
        body: TEACHING[0]?.body as string,
        updatedAt: "2026-11-20T09:30:00Z",
      }),
    );
    await h.settle();

    expect(github.isDone()).toBe(true);
  });
});
