import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { buildJsonSchema, type JsonSchema } from "../../src/config/json-schema.js";

const committedPath = new URL("../../schema/review-coach.schema.json", import.meta.url);

/** Every key path the schema names, e.g. "coaching.mode"; records (reviewers) contribute their name only. */
const schemaKeyPaths = (node: JsonSchema, prefix = ""): string[] =>
  Object.entries(node.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    return typeof child === "object" && child.properties !== undefined
      ? [path, ...schemaKeyPaths(child, path)]
      : [path];
  });

const fileKeyPaths = (value: unknown, prefix = ""): string[] =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.entries(value).flatMap(([key, child]) => {
        const path = prefix === "" ? key : `${prefix}.${key}`;
        return [path, ...(path === "review_windows.reviewers" ? [] : fileKeyPaths(child, path))];
      })
    : [];

describe("buildJsonSchema", () => {
  it("matches the committed schema/review-coach.schema.json", () => {
    const committed: unknown = JSON.parse(readFileSync(committedPath, "utf8"));

    // When this fails, the zod schema changed: run `npm run schema` and commit the result.
    expect(committed).toEqual(buildJsonSchema());
  });

  it("rejects unknown keys in every section, as the app does", () => {
    const schema = buildJsonSchema();

    expect(schema.additionalProperties).toBe(false);
    for (const section of ["coaching", "llm", "review_windows", "digest"]) {
      const node = schema.properties?.[section];
      expect(typeof node === "object" && node.additionalProperties).toBe(false);
    }
  });

  it("requires nothing a user may leave out", () => {
    expect(JSON.stringify(buildJsonSchema())).not.toMatch(/"required":\["(?!timezone")/);
  });

  it("is fully demonstrated by the full.yml fixture", () => {
    const full = parse(readFileSync(new URL("../fixtures/config/full.yml", import.meta.url), "utf8"));

    expect(fileKeyPaths(full).sort()).toEqual(schemaKeyPaths(buildJsonSchema()).sort());
  });
});
