import { describe, expect, it } from "@jest/globals";
import { parseJudgeOutput } from "../../src/analysis/parse-judge-output.js";

describe("parseJudgeOutput", () => {
  it("accepts the answer the prompt asks for", () => {
    const parsed = parseJudgeOutput(
      JSON.stringify({
        results: [
          { id: "1", verdict: "correcting", tone: "ok", confidence: 0.9, rewrite: "Could we x? It y." },
        ],
      }),
      ["1"],
    );

    expect(parsed).toEqual({
      ok: true,
      results: [
        { id: "1", verdict: "correcting", tone: "ok", confidence: 0.9, rewrite: "Could we x? It y." },
      ],
    });
  });

  it("reports text that is not JSON as malformed", () => {
    expect(parseJudgeOutput("Sure! Here is the JSON: {", ["1"])).toMatchObject({
      ok: false,
      reason: "malformed-output",
    });
  });

  it("rejects verdicts and tones outside the rubric", () => {
    const parsed = parseJudgeOutput(
      JSON.stringify({ results: [{ id: "1", verdict: "approve-and-merge", tone: "ok" }] }),
      ["1"],
    );

    expect(parsed).toMatchObject({ ok: false, reason: "invalid-output" });
  });

  it("drops results for comments it was not asked about and keeps only rewrites of corrections", () => {
    const parsed = parseJudgeOutput(
      JSON.stringify({
        results: [
          { id: "1", verdict: "teaching", tone: "ok", rewrite: "ignored" },
          { id: "999", verdict: "correcting", tone: "harsh" },
          { id: "1", verdict: "correcting", tone: "harsh" },
        ],
      }),
      ["1", "2"],
    );

    expect(parsed).toEqual({ ok: true, results: [{ id: "1", verdict: "teaching", tone: "ok" }] });
  });
});
