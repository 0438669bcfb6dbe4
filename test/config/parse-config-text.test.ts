import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseConfigText } from "../../src/config/parse-config-text.js";
import { defaultConfig } from "../../src/config/schema.js";

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/config/${name}.yml`, import.meta.url), "utf8");

const problemsOf = (text: string) => {
  const result = parseConfigText(text, "x.yml");
  return result.ok ? [] : result.problems;
};

describe("parseConfigText", () => {
  it("reads a basic file and keeps defaults for the rest", () => {
    const result = parseConfigText(fixture("basic"), "basic.yml");

    expect(result.ok).toBe(true);
    expect(result.config.coaching.min_comments).toBe(3);
    expect(result.config.digest.mention).toEqual(["@acme/tech-leads"]);
    expect(result.config.llm).toEqual(defaultConfig().llm);
  });

  it("treats an empty file as all defaults", () => {
    expect(parseConfigText(fixture("empty"), "empty.yml")).toEqual({
      ok: true,
      config: defaultConfig(),
      source: "empty.yml",
    });
  });

  it("treats a file of comments only as all defaults", () => {
    expect(parseConfigText("# nothing yet\n", "x.yml").ok).toBe(true);
  });

  it("accepts the full reference file", () => {
    const result = parseConfigText(fixture("full"), "full.yml");

    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.config.review_windows.reviewers).toEqual({ alice: { timezone: "America/New_York" } });
  });

  it("locates a bad value at the value, as an editor would", () => {
    const [problem] = problemsOf("coaching:\n  enabled: true\n  mode: loud\n");

    expect(problem).toMatchObject({ path: "coaching.mode", line: 3, column: 9, value: "loud" });
    expect(problem?.message).toBe(
      'coaching.mode: "loud" is not allowed; expected one of summary, inline, check, off',
    );
  });

  it("locates an unknown key at the key itself", () => {
    const problems = problemsOf(fixture("unknown-key"));

    expect(problems).toEqual([
      expect.objectContaining({ kind: "unknown_key", path: "coaching.min_coments", line: 3, column: 3 }),
    ]);
  });

  it("locates a wrong type and an unknown value in document order", () => {
    const problems = problemsOf(fixture("wrong-type"));

    expect(problems.map(({ path, line, column }) => ({ path, line, column }))).toEqual([
      { path: "coaching.mode", line: 3, column: 9 },
      { path: "review_windows.session_gap_minutes", line: 5, column: 24 },
    ]);
    expect(problems[1]?.message).toBe(
      'review_windows.session_gap_minutes: expected a whole number from 1 to 1440, got "thirty"',
    );
  });

  it("locates a bad list item", () => {
    const [problem] = problemsOf('review_windows:\n  windows:\n    - "09:30-10:30"\n    - "9-10"\n');

    expect(problem).toMatchObject({ path: "review_windows.windows[1]", line: 4, column: 7 });
  });

  it("locates a missing key at its parent", () => {
    const [problem] = problemsOf("review_windows:\n  reviewers:\n    bob: {}\n");

    expect(problem).toMatchObject({
      kind: "missing_key",
      path: "review_windows.reviewers.bob.timezone",
      line: 3,
      column: 10,
    });
  });

  it("locates values reached through an alias", () => {
    const [problem] = problemsOf("coaching:\n  ignore_users: &people [alice, 7]\n  ignore_labels: *people\n");

    expect(problem).toMatchObject({ path: "coaching.ignore_users[1]" });
    expect(problem?.line).toBe(2);
  });

  it("reports a YAML syntax error with its line and column", () => {
    const problems = problemsOf(fixture("malformed"));

    expect(problems[0]).toMatchObject({ kind: "file", path: "", line: 4 });
    expect(problems[0]?.message).toMatch(/^YAML syntax error: /);
    expect(problems[0]?.message).not.toContain("\n");
  });

  it("reports an unquoted @mention as a syntax error", () => {
    const [problem] = problemsOf("digest:\n  mention: [@acme/leads]\n");

    expect(problem).toMatchObject({ line: 2, column: 13 });
    expect(problem?.message).toContain("reserved character @");
  });

  it("rejects duplicate keys rather than letting the last one win silently", () => {
    const [problem] = problemsOf("coaching:\n  mode: inline\n  mode: off\n");

    expect(problem).toMatchObject({ line: 3, column: 3 });
    expect(problem?.message).toContain("Map keys must be unique");
  });

  it("rejects more than one YAML document", () => {
    expect(problemsOf("coaching: {}\n---\nllm: {}\n")[0]?.message).toContain("multiple documents");
  });

  it("rejects a top level that is not a mapping", () => {
    const [problem] = problemsOf("- coaching\n- llm\n");

    expect(problem).toMatchObject({ path: "", line: 1, column: 1 });
    expect(problem?.message).toContain("top level: expected a mapping with sections such as coaching");
  });

  it("stops an alias bomb without expanding it", () => {
    const started = performance.now();
    const problems = problemsOf(fixture("evil"));

    expect(problems).toEqual([
      expect.objectContaining({
        kind: "file",
        message: expect.stringContaining("aliases expand to too large a document"),
      }),
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("rejects an alias that contains itself", () => {
    expect(problemsOf("coaching:\n  ignore_users: &x [*x]\n")[0]?.message).toContain(
      "an alias refers to the value that contains it",
    );
  });

  it("rejects an alias to an anchor that does not exist", () => {
    expect(problemsOf("coaching:\n  ignore_users: *nobody\n")[0]?.kind).toBe("file");
  });

  it("rejects a file over 64 KiB before parsing it", () => {
    const text = `coaching:\n  ignore_users:\n${"    - someone-with-a-long-login\n".repeat(3000)}`;

    expect(problemsOf(text)).toEqual([
      expect.objectContaining({ kind: "file", message: expect.stringContaining("may be at most 64 KiB") }),
    ]);
  });

  it("cuts a huge string value in the message", () => {
    const [problem] = problemsOf(`coaching:\n  mode: "${"a".repeat(60_000)}"\n`);

    expect(problem?.message.length).toBeLessThan(200);
  });

  it("handles unicode keys and values", () => {
    const problems = problemsOf('coaching:\n  ignore_users: ["zoë", "😀"]\n  módé: inline\n');

    expect(problems).toEqual([expect.objectContaining({ path: 'coaching["módé"]', line: 3, column: 3 })]);
  });

  it("keeps YAML 1.2 meanings: off is a mode, not false", () => {
    expect(parseConfigText("coaching:\n  mode: off\n", "x.yml").config.coaching.mode).toBe("off");
  });

  it("returns safe defaults with the problems", () => {
    expect(parseConfigText(fixture("wrong-type"), "x.yml").config).toEqual(defaultConfig());
  });
});
