import { describe, expect, it } from "@jest/globals";
import { splitProse } from "../../src/analysis/split-prose.js";

describe("splitProse", () => {
  it("sets fenced code, suggestion blocks and quotes apart from prose", () => {
    const body = [
      "> why would you do this",
      "",
      "Use a guard clause:",
      "```ts",
      "if (!user) return; // OBVIOUSLY",
      "```",
      "```suggestion",
      "return items.filter(Boolean);",
      "```",
      "so the happy path isn't nested.",
    ].join("\n");

    const parts = splitProse(body);

    expect(parts.quotes).toEqual(["why would you do this"]);
    expect(parts.codeBlocks).toEqual(["if (!user) return; // OBVIOUSLY"]);
    expect(parts.suggestions).toEqual(["return items.filter(Boolean);"]);
    expect(parts.prose).toBe("Use a guard clause:\nso the happy path isn't nested.");
  });

  it("masks inline code in prose but keeps it verbatim for rewrites", () => {
    const parts = splitProse("Rename `MAX_RETRIES` to `maxRetries`.");

    expect(parts.prose).toBe("Rename codespan to codespan.");
    expect(parts.proseWithCode).toBe("Rename `MAX_RETRIES` to `maxRetries`.");
    expect(parts.inlineCode).toEqual(["MAX_RETRIES", "maxRetries"]);
  });

  it("records link targets and keeps only the link text in prose", () => {
    const parts = splitProse(
      "See [the docs](https://go.dev/doc/effective_go#errors) and https://example.com/x.",
    );

    expect(parts.urls).toEqual(["https://go.dev/doc/effective_go#errors", "https://example.com/x"]);
    expect(parts.prose).toBe("See the docs and link.");
  });

  it("treats an unclosed fence as code to the end, as GitHub renders it", () => {
    const parts = splitProse("Like this:\n```suggestion\nfor (const item of items) {");

    expect(parts.suggestions).toEqual(["for (const item of items) {"]);
    expect(parts.prose).toBe("Like this:");
  });

  it("drops HTML comments, which GitHub does not render", () => {
    expect(splitProse("<!-- template: describe the change -->Looks fine").prose).toBe("Looks fine");
  });
});
