import { describe, expect, it } from "@jest/globals";
import type { ConfigProblem } from "../../src/config/config-problem.js";
import { parseConfigText } from "../../src/config/parse-config-text.js";
import { renderConfigProblems } from "../../src/config/render-config-problems.js";

const source = "acme/widgets/.github/review-coach.yml";

const problemsOf = (text: string): ConfigProblem[] => {
  const result = parseConfigText(text, source);
  return result.ok ? [] : result.problems;
};

describe("renderConfigProblems", () => {
  const body = renderConfigProblems({
    source,
    version: "0123abcd",
    problems: problemsOf("coaching:\n  mode: loud\n  min_coments: 3\n"),
  });

  it("starts with a hidden marker carrying the file version", () => {
    expect(body.split("\n")[0]).toBe("<!-- review-coach:config-problems version=0123abcd -->");
  });

  it("names the file and counts the problems", () => {
    expect(body).toContain("### review-coach cannot use its configuration");
    expect(body).toContain("Found 2 problems in ` acme/widgets/.github/review-coach.yml `:");
  });

  it("lists each problem with its YAML path, position, bad value and what is allowed", () => {
    expect(body).toContain(
      '- ` coaching.mode ` (line 2, column 9): "loud" is not allowed; expected one of summary, inline, check, off',
    );
    expect(body).toContain(
      '- ` coaching.min_coments ` (line 3, column 3): unknown key \\(did you mean "min\\_comments"?\\)',
    );
  });

  it("says that safe defaults apply, nothing is posted, and how to fix it", () => {
    expect(body).toContain("uses safe defaults");
    expect(body).toContain("posts no nudges");
    expect(body).toContain("once it is merged");
    expect(body).toContain("(https://github.com/review-coach/review-coach#configuration)");
  });

  it("cannot be made to mention anyone, link anywhere or inject HTML through an echoed value", () => {
    const message =
      'digest.label: "@acme/everyone [here](https://evil.example) <img src=x> #1 **now** `x`" is not valid';
    const evil = renderConfigProblems({
      source,
      version: "v1",
      problems: [{ kind: "invalid_value", path: "digest.label", keys: ["digest", "label"], message }],
    });
    const line = evil.split("\n").find((text) => text.startsWith("- ")) ?? "";

    expect(line).toContain("@\u200bacme/everyone");
    expect(line).not.toMatch(/@acme/);
    expect(line).toContain("\\[here\\]");
    expect(line).not.toContain("https://");
    expect(line).toContain("&lt;img src=x&gt;");
    expect(line).toContain("#\u200b1");
    expect(line).toContain("\\*\\*now\\*\\*");
    expect(line).toContain("\\`x\\`");
  });

  it("keeps each problem on one line even if a message has line breaks", () => {
    const text = renderConfigProblems({
      source,
      version: "v",
      problems: [{ kind: "file", path: "", keys: [], message: "one\n# two" }],
    });

    expect(text).toContain("- the file: one # two");
  });

  it("keeps an unknown key with backticks inside its code span", () => {
    const [problem] = problemsOf('digest:\n  "a`b": 1\n');
    const text = renderConfigProblems({
      source,
      version: "v",
      problems: problem === undefined ? [] : [problem],
    });

    expect(text).toContain('- `` digest["a`b"] `` (line 2, column 3): unknown key');
  });

  it("strips anything from the version that could close the marker", () => {
    const text = renderConfigProblems({ source, version: "v1 --> <b>hi</b>", problems: [] });

    expect(text.split("\n")[0]).toBe("<!-- review-coach:config-problems version=v1--bhib -->");
  });

  it("describes whole-file problems without a path", () => {
    const text = renderConfigProblems({ source, version: "v", problems: problemsOf("a: [1\n") });

    expect(text).toMatch(/^- the file \(line 2, column 1\): YAML syntax error: /m);
  });

  it("lists at most 50 problems and says how many more there are", () => {
    const many: ConfigProblem[] = Array.from({ length: 120 }, (_, index) => ({
      kind: "unknown_key",
      path: `k${index}`,
      keys: [`k${index}`],
      message: `k${index}: unknown key`,
    }));

    const text = renderConfigProblems({ source, version: "v", problems: many });

    expect(text.split("\n").filter((line) => line.startsWith("- "))).toHaveLength(51);
    expect(text).toContain("…and 70 more");
  });
});
