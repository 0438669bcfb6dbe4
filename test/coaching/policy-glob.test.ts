import { describe, expect, it } from "@jest/globals";
import { matchGlob } from "../../src/coaching/policy-glob.js";

describe("matchGlob (coaching.ignore_paths)", () => {
  it.each([
    ["**/*.lock", "yarn.lock", true],
    ["**/*.lock", "web/deps/Cargo.lock", true],
    ["**/*.lock", "src/lock.ts", false],
    ["*.md", "README.md", true],
    ["*.md", "docs/guide.md", false],
    ["docs/**", "docs/a/b/c.md", true],
    ["docs/**", "src/docs.ts", false],
    ["src/**/generated/*.ts", "src/generated/api.ts", true],
    ["src/**/generated/*.ts", "src/a/b/generated/api.ts", true],
    ["**/*.{png,svg}", "assets/logo.svg", true],
    ["**/*.{png,svg}", "assets/logo.jpg", false],
    ["file?.ts", "file1.ts", true],
    ["file?.ts", "file10.ts", false],
    ["[ab].ts", "a.ts", true],
    ["[!ab].ts", "a.ts", false],
    ["**/.env*", ".env.local", true],
    ["./vendor/**", "vendor/x.go", true],
    ["a.b", "aXb", false],
    ["(x)+.ts", "(x)+.ts", true],
  ])("%s matches %s: %s", (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });
});
