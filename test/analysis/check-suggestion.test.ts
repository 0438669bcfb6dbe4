import { describe, expect, it } from "@jest/globals";
import { checkSuggestion, GENERIC_MISSING, splitSuggestion } from "../../src/analysis/check-suggestion.js";

describe("checkSuggestion", () => {
  it("passes a rewrite that keeps the code, names and links and adds nothing harsh", () => {
    expect(
      checkSuggestion(
        "Rename `data` to `userId`, see https://example.com/naming and self.user_id.",
        "Could we rename `data` to `userId`, see https://example.com/naming and self.user_id?",
      ),
    ).toEqual([]);
  });

  it.each([
    [
      "keeps a harsh marker",
      "This is obviously wrong. Use a map.",
      "Could we use a map, obviously?",
      "harsh-marker",
    ],
    ["adds a harsh marker", "Use a map.", "Could we use a map?? This is a mess.", "harsh-marker"],
    [
      "keeps a jab the markers miss",
      "This is a mess. Honestly I don't know how this passed CI. Rewrite it.",
      "Could we rewrite it? Honestly I don't know how this passed CI.",
      "jab",
    ],
    [
      "keeps a curt verdict",
      "Wrong.",
      "Wrong. What goes wrong with it, and what would you do instead?",
      "jab",
    ],
    ["retypes a code span", "Rename to `userId`.", "Could we rename this to `userID`?", "code-span-changed"],
    [
      "drops a code span",
      "Rename `data` to `userId`.",
      "Could we rename this to `userId`?",
      "code-span-dropped",
    ],
    [
      "retypes an identifier",
      "Use self.flavor_id here.",
      "Could we use self.flavorId here?",
      "identifier-changed",
    ],
    [
      "drops an identifier",
      "Use self.flavor_id here.",
      "Could we use the flavor here?",
      "identifier-dropped",
    ],
    ["invents a link", "Use a map.", "Could we use a map? See https://evil.example/x.", "link-changed"],
    ["drops a link", "Use a map, https://example.com/maps.", "Could we use a map?", "link-dropped"],
    ["drops the approval", "LGTM overall, just rename `foo`.", "Could we rename `foo`?", "approval-dropped"],
    ["talks about the author", "Rename `foo`.", "The author should rename `foo`.", "third-person"],
    ["is long", "Rename `foo`.", `Could we rename \`foo\`? ${"It reads better. ".repeat(20)}`, "too-long"],
  ])("fails a suggestion that %s", (_what, original, suggestion, problem) => {
    expect(checkSuggestion(original, suggestion)).toContain(problem);
  });

  it("lets the question that adds the why name only part of the comment", () => {
    expect(
      checkSuggestion("Rename `data` to `userId`.", "Add the why: what does `userId` tell the reader?"),
    ).toEqual([]);
  });

  it("passes the generic line against any comment", () => {
    expect(checkSuggestion("This is stupid!!! `x_y` https://a.example", GENERIC_MISSING)).toEqual([]);
  });
});

describe("splitSuggestion", () => {
  it("separates the rewrite from the question", () => {
    expect(splitSuggestion("Could we remove it? Add the why: what breaks?")).toEqual({
      rewrite: "Could we remove it?",
      missing: "what breaks?",
    });
    expect(splitSuggestion("Add the why: what breaks?")).toEqual({ missing: "what breaks?" });
    expect(splitSuggestion("Could we rename this? `x` hides what it holds.")).toEqual({
      rewrite: "Could we rename this? `x` hides what it holds.",
    });
  });
});
