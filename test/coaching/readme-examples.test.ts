import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { README_EXAMPLES } from "./readme-examples.js";

// The README shows the summary example; docs/coaching.md shows every mode's.
const readme = ["../../README.md", "../../docs/coaching.md"]
  .map((file) => readFileSync(new URL(file, import.meta.url), "utf8"))
  .join("\n");

/** Every `<!-- example:NAME -->…<!-- /example:NAME -->` block in README.md and docs/coaching.md. */
function blocks(name: string): string[] {
  const re = new RegExp(`<!-- example:${name} -->\\n([\\s\\S]*?)\\n<!-- /example:${name} -->`, "g");
  return [...readme.matchAll(re)].map((m) => m[1] ?? "");
}

describe("the README's coaching examples", () => {
  it.each(Object.keys(README_EXAMPLES))(
    "shows the %s example exactly as the app renders it (regenerate: npx tsx test/coaching/print-readme-examples.ts)",
    (name) => {
      const shown = blocks(name);
      expect(shown.length).toBeGreaterThan(0);
      for (const block of shown) expect(block).toBe(README_EXAMPLES[name]?.());
    },
  );
});
