import { describe, expect, it } from "@jest/globals";
import { assess } from "../../src/analysis/assess.js";
import { classifyLines, type LineOpinion } from "../../src/analysis/classify-lines.js";
import { createSecondOpinionHook } from "../../src/analysis/create-second-opinion-hook.js";
import type { CommentJudge } from "../../src/analysis/judge.js";
import { llmConfig, portsFor, UNSURE_BODIES } from "./helpers/second-opinion-fixtures.js";

async function* linesOf(...lines: string[]): AsyncIterable<string> {
  yield* lines;
}

async function run(lines: string[], options: Parameters<typeof classifyLines>[2] = {}) {
  const out: Array<Record<string, unknown>> = [];
  const summary = await classifyLines(linesOf(...lines), (line) => void out.push(JSON.parse(line)), options);
  return { out, summary };
}

describe("classifyLines", () => {
  it("writes one assessment line per comment line", async () => {
    const { out, summary } = await run([
      JSON.stringify({ id: "1", body: "Rename to `userId`." }),
      JSON.stringify({ id: 2, body: "What happens if `items` is empty?", author: "kim", pr_author: "dana" }),
    ]);

    expect(summary).toEqual({ lines: 2, classified: 2, errors: 0 });
    expect(out[0]).toMatchObject({ id: "1", verdict: "correcting", tone: "ok", label: null });
    expect(typeof out[0]?.confidence).toBe("number");
    expect(out[0]?.suggestion).toContain("rename this to `userId`");
    expect(out[1]).toMatchObject({ id: "2", verdict: "teaching" });
    expect(Array.isArray(out[1]?.signals)).toBe(true);
  });

  it("reports a bad line with its number and carries on", async () => {
    const { out, summary } = await run([
      "not json",
      JSON.stringify({ id: "7", text: "wrong key" }),
      "",
      JSON.stringify({ id: "8", body: "LGTM" }),
    ]);

    expect(summary).toEqual({ lines: 4, classified: 1, errors: 2 });
    expect(out[0]).toMatchObject({ line: 1 });
    expect(String(out[0]?.error)).toContain("not JSON");
    expect(out[1]).toMatchObject({ id: "7", line: 2 });
    expect(String(out[1]?.error)).toContain("body");
    expect(out[2]).toMatchObject({ id: "8", verdict: "not-feedback" });
  });

  it("treats the PR author's and ignored users' comments as not feedback", async () => {
    const { out } = await run(
      [
        JSON.stringify({ id: "1", body: "Rename to `userId`.", author: "dana", pr_author: "dana" }),
        JSON.stringify({ id: "2", body: "Rename to `userId`.", author: "Copilot" }),
      ],
      { ignoreUsers: ["Copilot"] },
    );

    expect(out.map((o) => o.verdict)).toEqual(["not-feedback", "not-feedback"]);
  });

  it("adds the judge's opinion in batches, keeping the input order", async () => {
    const calls: string[][] = [];
    const judge = async (items: readonly { comment: { id: string } }[]) => {
      calls.push(items.map((i) => i.comment.id));
      return new Map<string, LineOpinion>([["2", { verdict: "teaching", tone: "ok", confidence: 0.9 }]]);
    };
    const lines = ["1", "2", "3"].map((id) => JSON.stringify({ id, body: "Rename to `x`." }));

    const { out } = await run([lines[0] ?? "", "oops", lines[1] ?? "", lines[2] ?? ""], {
      judge,
      batchSize: 2,
    });

    expect(calls).toEqual([["1", "2"], ["3"]]);
    expect(out.map((o) => o.id ?? `line ${o.line}`)).toEqual(["1", "line 2", "2", "3"]);
    expect(out[2]?.llm).toEqual({ verdict: "teaching", tone: "ok", confidence: 0.9 });
    expect(out[0]?.llm).toBeUndefined();
  });

  it("marks unsure lines with the reason when the second opinion falls back", async () => {
    const failing: CommentJudge = {
      promptVersion: "judge-comment.test",
      judge: () => Promise.reject(new Error("connection refused")),
    };
    const judge = createSecondOpinionHook({
      installationId: 0,
      llm: llmConfig(),
      ports: portsFor(failing).ports,
    });
    const lines = [
      JSON.stringify({ id: "sure", body: "Rename to `userId`." }),
      JSON.stringify({ id: "unsure", body: UNSURE_BODIES[0] }),
    ];

    const { out } = await run(lines, { judge });

    expect(out[0]?.llm).toBeUndefined();
    expect(out[1]?.llm).toEqual({ fallback: "request-failed" });
    // The line keeps the verdict it had without a second opinion.
    expect(out[1]?.verdict).toBe(assess({ id: "unsure", body: UNSURE_BODIES[0] ?? "" }, {}).verdict);
  });
});
