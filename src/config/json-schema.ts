// The JSON Schema of `.github/review-coach.yml`, generated from the zod schema so editors and the app agree.
import { z } from "zod";
import { RepoConfig } from "./schema.js";

export type JsonSchema = z.core.JSONSchema.JSONSchema;

/**
 * Describes what a user may write: `io: "input"` so keys with defaults stay optional, and strict objects keep
 * `additionalProperties: false` so editors flag typos the way the app does.
 */
export const buildJsonSchema = (): JsonSchema => {
  const schema: JsonSchema = z.toJSONSchema(RepoConfig, { io: "input", target: "draft-2020-12" });
  // Spread into a plain object: only JSON-representable keys belong in the committed file.
  return { ...schema, title: "review-coach configuration" };
};
