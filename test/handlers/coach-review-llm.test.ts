import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import type { CommentJudge, JudgeRequest, JudgeResult } from "../../src/analysis/judge.js";
import { sha256Hex } from "../../src/sha256-hex.js";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import type { Store } from "../../src/store/open-store.js";
import {
  api,
  CORRECTIONS,
  coachHarness,
  commentUrl,
  deliverReview,
  type Harness,
  nockConfig,
  nockToken,
  REPO,
} from "../coaching/coach-harness.js";
import { createInMemoryJudgeBudget } from "../helpers/in-memory-judge-budget.js";
import { createInMemoryJudgeCache } from "../helpers/in-memory-judge-cache.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

/** A judge that remembers what it was asked and answers from `answers` (by comment id), else "teaching". */
function fakeJudge(asked: JudgeRequest[][], answers: Map<string, JudgeResult>): CommentJudge {
  return {
    promptVersion: "test.v1",
    async judge(batch) {
      asked.push([...batch]);
      return batch.map(
        (r) => answers.get(r.id) ?? { id: r.id, verdict: "teaching", tone: "ok", confidence: 0.9 },
      );
    },
  };
}

describe("the optional LLM second opinion", () => {
  let store: Store;
  let h: Harness;
  const asked: JudgeRequest[][] = [];
  const answers = new Map<string, JudgeResult>();

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await openSqliteTestStore();
    asked.length = 0;
    answers.clear();
    h = await coachHarness(store, new Date("2026-11-20T10:00:00Z"), {
      level: "silent",
      secondOpinion: {
        judge: fakeJudge(asked, answers),
        cache: createInMemoryJudgeCache(),
        budget: createInMemoryJudgeBudget(),
        clock: () => new Date("2026-11-20T10:00:00Z"),
        hash: sha256Hex,
      },
    });
    nockToken();
  });
  afterEach(async () => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    await store.close();
  });

  const comments = [
    CORRECTIONS[0] as (typeof CORRECTIONS)[0],
    { id: 1010, body: "The call inside the assert vanishes in release builds." },
  ];

  it("asks about the comments the heuristics are unsure of, and decides on its verdict", async () => {
    nockConfig("llm:\n  enabled: true\n  write_suggestions: false\n");
    await deliverReview(h, { id: 1200 }, comments);

    expect(asked.flat().map((r) => r.id)).toEqual(["review_comment:1010"]);
    const d = await getDecision(store.db, { repoFullName: "Codertocat/Hello-World", reviewId: 1200 });
    expect(d).toMatchObject({ outcome: "skipped", reason: "ratio-ok", teaching: 1, correcting: 1 });
  });

  it("writes the suggestion for each correction the nudge names, and the checker still decides what is shown", async () => {
    nockConfig("coaching:\n  enabled: true\nllm:\n  enabled: true\n");
    answers.set("review_comment:1001", {
      id: "review_comment:1001",
      verdict: "correcting",
      tone: "ok",
      confidence: 0.9,
      rewrite:
        "Could we rename this to `captureWithRetry`? The name says it retries, which the caller relies on.",
    });
    // A rewrite that adds a harsh marker fails the checker: the heuristic line is shown instead.
    answers.set("review_comment:1002", {
      id: "review_comment:1002",
      verdict: "correcting",
      tone: "ok",
      confidence: 0.9,
      rewrite: "Obviously the sleep is stupid, remove it.",
    });
    const posted: string[] = [];
    const github = nock(api)
      .post(`${REPO}/issues/2/comments`, (body: { body: string }) => posted.push(body.body) > 0)
      .reply(201, { id: 9101 });

    await deliverReview(h, { id: 1203 }, CORRECTIONS.slice(0, 2));

    expect(asked.flat().map((r) => r.id)).toEqual(["review_comment:1001", "review_comment:1002"]);
    expect(github.isDone()).toBe(true);
    const body = posted[0] ?? "";
    expect(body).toContain(
      `(${commentUrl(1001)}): “Rename this to \`captureWithRetry\`.”\n  → *Try:* “Could we rename this to \`captureWithRetry\`? The name says it retries, which the caller relies on.”`,
    );
    expect(body).not.toContain("stupid");
    expect(body).toContain("→ *Try:* “Could we remove the sleep?");
  });

  it("is not asked when llm.enabled is off, nor when a gate closes first", async () => {
    nockConfig("coaching:\n  mode: off\n");
    nockConfig("llm:\n  enabled: true\ncoaching:\n  enabled: false\n");
    await deliverReview(
      h,
      { id: 1201 },
      comments.map((c) => ({ ...c, id: c.id + 1 })),
    );
    await deliverReview(
      h,
      { id: 1202 },
      comments.map((c) => ({ ...c, id: c.id + 2 })),
    );

    expect(asked).toEqual([]);
  });
});
