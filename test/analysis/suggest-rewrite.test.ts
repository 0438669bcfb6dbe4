import { describe, expect, it } from "@jest/globals";
import { checkSuggestion } from "../../src/analysis/check-suggestion.js";
import { suggestRewrite } from "../../src/analysis/suggest-rewrite.js";
import { toneSignals } from "../../src/analysis/tone-signals.js";

const rewrite = (prose: string, extra: { harsh?: boolean; hasSuggestionBlock?: boolean } = {}) =>
  suggestRewrite({
    prose,
    hasSuggestionBlock: extra.hasSuggestionBlock ?? false,
    harsh: extra.harsh ?? false,
  });

describe("suggestRewrite: a rewrite where the request is short and clear", () => {
  it.each([
    [
      "Rename this to `captureWithRetry`.",
      "Could we rename this to `captureWithRetry`? Add the why: what does `captureWithRetry` tell the reader that the current name doesn't?",
    ],
    [
      "Remove the sleep.",
      "Could we remove the sleep? Add the why: what goes wrong, or gets confusing, if the sleep stays?",
    ],
    [
      "Remove `sleep(100)`.",
      "Could we remove `sleep(100)`? Add the why: what goes wrong, or gets confusing, if `sleep(100)` stays?",
    ],
    [
      "Use addCleanup instead of tearDown.",
      "Could we use addCleanup instead of tearDown? Add the why: what does addCleanup give us over tearDown here?",
    ],
    ["This needs a test.", "Could we add a test? Add the why: which failure would a test catch?"],
    [
      "Prefer `map` over `forEach`.",
      "Could we use `map` rather than `forEach`? Add the why: what does `map` give us over `forEach` here?",
    ],
    ["Please don't use `var`.", "Could we avoid `var`? Add the why: what goes wrong if we use `var`?"],
    [
      "The timeout should be configurable.",
      "Should the timeout be configurable? Add the why: what goes wrong if the timeout isn't configurable?",
    ],
    [
      "I would still call this something like OnCompleted().",
      "Could we call this something like OnCompleted()? Add the why: what does OnCompleted() tell the reader that the current name doesn't?",
    ],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });

  it("keeps an approval that opened the comment", () => {
    expect(rewrite("LGTM overall, just rename `foo` to `fooBar`.")).toBe(
      "LGTM overall. Could we rename `foo` to `fooBar`? Add the why: what does `fooBar` tell the reader that the current name doesn't?",
    );
  });

  it("marks a typo or a formatting fix as a nit instead of asking for a why", () => {
    expect(rewrite("add blank line after")).toBe("nit: add blank line after");
    expect(rewrite("Can you remove this trailing whitespace ?")).toBe("nit: remove this trailing whitespace");
  });
});

describe("suggestRewrite: the missing why, named in the comment's terms, when no rewrite would be honest", () => {
  it.each([
    ["Wrong.", "Add the why: what does it get wrong (a case, an input), and what would be right?"],
    ["Unnecessary.", "Add the why: what makes it unnecessary (unused, or done elsewhere)?"],
    ["Is this needed?", "Add the why: what makes you doubt it is needed (unused, or done elsewhere)?"],
    ["Should this unregister cpu_throt?", "Add the why: what goes wrong if it doesn't unregister cpu_throt?"],
    ["You are missing a current_id = id;", "Add the why: what goes wrong without `current_id = id`?"],
    [
      "error_nodes = nodes_to_remove",
      "Add the why: one sentence on what this version fixes, or what it makes easier.",
    ],
    [
      "I still disagree with having this flag.",
      "Add the why: what worries you about it? Naming the risk lets the author weigh it.",
    ],
    ["Unfinished docstring.", "Add the why: what is still missing from it?"],
  ])("%j → %j", (prose, expected) => {
    expect(rewrite(prose)).toBe(expected);
  });

  it("asks about the suggestion block when the prose says nothing", () => {
    expect(rewrite("", { hasSuggestionBlock: true })).toBe(
      "Add the why: one sentence on what the suggested change fixes, or what it makes easier.",
    );
  });

  it("gives only a short English line around non-English prose", () => {
    expect(
      suggestRewrite({
        prose: "Bitte umbenennen in `maxRetries`.",
        hasSuggestionBlock: false,
        nonEnglish: true,
      }),
    ).toBe("Add the why: one sentence on what goes wrong otherwise, or what it makes easier.");
  });

  it("does not rewrite a long comment: it keeps its words and asks the one question", () => {
    const text = rewrite(`Please move this to a separate function. ${"Also rename `tmp`. ".repeat(40)}`);
    expect(text).toBe("Add the why: what gets easier, or safer, once it is moved?");
  });
});

describe("suggestRewrite: a harsh comment", () => {
  it.each([
    ["This is a mess. Honestly I don't know how this passed CI. Rewrite it.", "Could we rewrite it?"],
    ["Why would you do this?! Use a map, obviously.", "Could we use a map?"],
    ["FIX THE INDENTATION!!!", "nit: fix the indentation"],
  ])("%j keeps the request without the heat", (prose, start) => {
    const text = rewrite(prose, { harsh: true });
    expect(text.startsWith(start)).toBe(true);
    expect(toneSignals(text)).toEqual([]);
    expect(text).not.toMatch(/honestly|passed CI|obviously|mess/i);
  });

  it("never turns a bare verdict into a rewrite that keeps it", () => {
    expect(rewrite("Wrong.")).not.toMatch(/^Wrong/);
  });

  it("passes the checker with every offline suggestion above", () => {
    for (const prose of [
      "Rename this to `captureWithRetry`.",
      "LGTM overall, just rename `foo` to `fooBar`.",
    ])
      expect(checkSuggestion(prose, rewrite(prose))).toEqual([]);
  });
});
