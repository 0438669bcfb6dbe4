import { describe, expect, it } from "@jest/globals";
import { detectLabel } from "../../src/analysis/detect-label.js";

describe("detectLabel", () => {
  it.each([
    { input: "nit: trailing whitespace", label: "nitpick", blocking: undefined, rest: "trailing whitespace" },
    { input: "Nitpick: missing period", label: "nitpick", blocking: undefined, rest: "missing period" },
    { input: "issue (blocking): missing tests", label: "issue", blocking: true, rest: "missing tests" },
    {
      input: "suggestion (non-blocking): a table test",
      label: "suggestion",
      blocking: false,
      rest: "a table test",
    },
    { input: "**praise:** great names", label: "praise", blocking: undefined, rest: "great names" },
    { input: "question: why a class?", label: "question", blocking: undefined, rest: "why a class?" },
    { input: "thought: a state machine?", label: "thought", blocking: undefined, rest: "a state machine?" },
    { input: "chore: bump the version", label: "chore", blocking: undefined, rest: "bump the version" },
    { input: "todo: docs", label: "todo", blocking: undefined, rest: "docs" },
    { input: "style nit: drop the parens", label: "nitpick", blocking: undefined, rest: "drop the parens" },
    { input: "teeny tiny nit: two spaces", label: "nitpick", blocking: undefined, rest: "two spaces" },
    // The reviewer marked it minor, whatever the adjective (the readers saw "nit: silly nit: …" otherwise).
    {
      input: "silly nit: one blank line too many",
      label: "nitpick",
      blocking: undefined,
      rest: "one blank line too many",
    },
    { input: "super-nit: one space", label: "nitpick", blocking: undefined, rest: "one space" },
    {
      input: "Tiny nit ... one word, not two",
      label: "nitpick",
      blocking: undefined,
      rest: "one word, not two",
    },
    { input: "Really silly nit: two spaces", label: "nitpick", blocking: undefined, rest: "two spaces" },
    {
      input: "(nit) I'd drop the locals",
      label: "nitpick",
      blocking: undefined,
      rest: "I'd drop the locals",
    },
    { input: "Nit, the name is long", label: "nitpick", blocking: undefined, rest: "the name is long" },
    { input: "nit - utils.py", label: "nitpick", blocking: undefined, rest: "utils.py" },
  ])("reads $input", ({ input, label, blocking, rest }) => {
    const detected = detectLabel(input);

    expect(detected.label).toBe(label);
    expect(detected.blocking).toBe(blocking);
    expect(detected.rest).toBe(rest);
  });

  it("finds no label in prose that merely contains a colon", () => {
    expect(detectLabel("Minor: prefer const").label).toBeUndefined();
    expect(detectLabel("Careful: this leaks").rest).toBe("Careful: this leaks");
  });
});
