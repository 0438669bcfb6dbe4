import { describe, expect, it } from "@jest/globals";
import { suggestRewrite } from "../../src/analysis/suggest-rewrite.js";

const rewrite = (prose: string, hasSuggestionBlock = false) => suggestRewrite({ prose, hasSuggestionBlock });

describe("suggestRewrite", () => {
  it.each([
    ["Rename to `userId`.", "Could we rename this to `userId`?", "what does the new name tell"],
    ["remove", "Could we remove this?", "what goes wrong or gets confusing if it stays?"],
    ["Please use `Optional.ofNullable` here.", "Could we use `Optional.ofNullable` here?", "safety, speed"],
    ["Can you revert this change?", "Could we revert this change?", "what did the change break"],
    ["Should be `private`.", "Should this be `private`?", "why:"],
  ])("turns %j into a question that keeps the request", (prose, request, why) => {
    const text = rewrite(prose);

    expect(text.startsWith(request)).toBe(true);
    expect(text).toContain(why);
  });

  it.each([
    ["Wrong.", "Wrong. What goes wrong with it, and what would you do instead?"],
    ["This needs a test.", "Could we add a test?"],
    ["missing tests", "Could we add tests?"],
    ["Unnecessary.", "This looks unnecessary to me: could we remove it?"],
    ["typo", "Typo here, could you fix it?"],
    ["Please don't use `var`.", "Could we not use `var`?"],
    ["I'd rather not have this in the base class.", "Could we not have this in the base class?"],
    ["Is this needed?", "Is this needed? I'm asking because …"],
    ["Prefer `map` over `forEach`.", "Could we use `map` rather than `forEach`?"],
    ["`isEnabled` instead of `enabled`", "Could we use `isEnabled` instead of `enabled`?"],
    ["LGTM, but please rename `foo` before merging.", "Could we rename `foo` before merging?"],
  ])("rewrites %j starting with %j", (prose, start) => {
    expect(rewrite(prose).startsWith(start)).toBe(true);
    expect(rewrite(prose)).toMatch(/\(why: .+\)$/);
  });

  it("lowers shouting and keeps the request of a harsh comment", () => {
    expect(
      suggestRewrite({ prose: "FIX THE INDENTATION!!!", hasSuggestionBlock: false, harsh: true }),
    ).toMatch(/^Could we fix the indentation\?/);
  });

  it("wraps non-English prose only with a short prompt for the why", () => {
    expect(
      suggestRewrite({
        prose: "Bitte umbenennen in `maxRetries`.",
        hasSuggestionBlock: false,
        nonEnglish: true,
      }),
    ).toBe(
      "Bitte umbenennen in `maxRetries`. (why: what would go wrong otherwise, or what does it make easier?)",
    );
  });

  it("asks what worries the reviewer when the comment is only a question mark", () => {
    expect(rewrite("?")).toContain("what happens when");
  });

  it("asks for the reason behind a suggestion block", () => {
    expect(rewrite("", true)).toMatch(/^Suggested change above, because it … \(why:/);
  });

  it("keeps the other requests of a long correction, bounded in length", () => {
    const text = rewrite(`Please move this to a separate function. ${"Also rename `tmp`. ".repeat(40)}`);

    expect(text.startsWith("Could we move this to a separate function?")).toBe(true);
    expect(text).toContain("Also rename `tmp`.");
    expect(text.length).toBeLessThan(700);
  });
});
