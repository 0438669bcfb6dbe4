import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import type { CommentJudge, JudgeRequest } from "../../src/analysis/judge.js";
import { sha256Hex } from "../../src/sha256-hex.js";
import { getDecision } from "../../src/store/coaching-decisions-repository.js";
import type { Store } from "../../src/store/open-store.js";
import {
  CORRECTIONS,
  coachHarness,
  deliverReview,
  type Harness,
  nockConfig,
  nockToken,
} from "../coaching/coach-harness.js";
import { createInMemoryJudgeBudget } from "../helpers/in-memory-judge-budget.js";
import { createInMemoryJudgeCache } from "../helpers/in-memory-judge-cache.js";
import { openSqliteTestStore } from "../helpers/test-stores.js";

/** A judge that finds every comment it is asked about teaching, and remembers what it was asked. */
function fakeJudge(asked: JudgeRequest[][]): CommentJudge {
  return {
    promptVersion: "test.v1",
    async judge(batch) {
      asked.push([...batch]);
      return batch.map((r) => ({ id: r.id, verdict: "teaching", tone: "ok", confidence: 0.9 }));
    },
  };
}

describe("the optional LLM second opinion", () => {
  let store: Store;
  let h: Harness;
  const asked: JudgeRequest[][] = [];

  beforeEach(async () => {
    nock.disableNetConnect();
    store = await openSqliteTestStore();
    asked.length = 0;
    h = await coachHarness(store, new Date("2026-11-20T10:00:00Z"), {
      level: "silent",
      secondOpinion: {
        judge: fakeJudge(asked),
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
    nockConfig("llm:\n  enabled: true\n");
    await deliverReview(h, { id: 1200 }, comments);

    expect(asked.flat().map((r) => r.id)).toEqual(["review_comment:1010"]);
    const d = await getDecision(store.db, { repoFullName: "Codertocat/Hello-World", reviewId: 1200 });
    expect(d).toMatchObject({ outcome: "skipped", reason: "ratio-ok", teaching: 1, correcting: 1 });
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
