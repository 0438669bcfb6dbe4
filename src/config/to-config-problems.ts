// Turns zod issues into problems a user can act on: the YAML path, the bad value and what is allowed.
import type { z } from "zod";
import type { ConfigProblem } from "./config-problem.js";
import { formatYamlPath } from "./format-yaml-path.js";
import { buildJsonSchema, type JsonSchema } from "./json-schema.js";
import { suggestClosest } from "./suggest-closest.js";

type Key = string | number;

/** Computed once: the schema is static, and the JSON Schema is the readable description of what is allowed. */
const jsonSchema = buildJsonSchema();

/** Echoed strings are cut: a value is user input and ends up in logs, comments and check runs. */
const maxEchoLength = 60;

/** Schema messages written for users start with "expected" (see schema.ts); zod's own ones do not. */
const isAuthored = (message: string): boolean => message.startsWith("expected ");

const describeValue = (value: unknown): string => {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    return JSON.stringify(value.length > maxEchoLength ? `${value.slice(0, maxEchoLength)}…` : value);
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "a mapping";
  return `a ${typeof value}`;
};

const valueAt = (input: unknown, keys: readonly Key[]): unknown => {
  let current = input;
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined;
    current = Object.hasOwn(current, key) ? (current as Record<Key, unknown>)[key] : undefined;
  }
  return current;
};

const asSchema = (node: z.core.JSONSchema._JSONSchema | undefined): JsonSchema | undefined =>
  typeof node === "object" ? node : undefined;

/** The JSON Schema that describes the value at `keys`, looking through `anyOf` (nullable) and records. */
const schemaAt = (keys: readonly Key[]): JsonSchema | undefined => {
  let node: JsonSchema | undefined = jsonSchema;
  for (const key of keys) {
    if (node === undefined) return undefined;
    const branches: JsonSchema[] = node.anyOf ?? [node];
    let next: JsonSchema | undefined;
    for (const branch of branches) {
      next =
        typeof key === "number"
          ? asSchema(Array.isArray(branch.items) ? undefined : branch.items)
          : (asSchema(branch.properties?.[key]) ?? asSchema(branch.additionalProperties));
      if (next !== undefined) break;
    }
    node = next;
  }
  return node;
};

const describeRange = (node: JsonSchema): string => {
  const min = typeof node.exclusiveMinimum === "number" ? node.exclusiveMinimum : node.minimum;
  const minWord = typeof node.exclusiveMinimum === "number" ? "greater than" : "at least";
  // z.int() without a maximum emits MAX_SAFE_INTEGER: not a limit worth telling anyone about.
  const max = node.maximum !== undefined && node.maximum < Number.MAX_SAFE_INTEGER ? node.maximum : undefined;
  if (min !== undefined && max !== undefined && minWord === "at least") return ` from ${min} to ${max}`;
  if (min !== undefined && max !== undefined) return ` ${minWord} ${min} and at most ${max}`;
  if (min !== undefined) return ` ${minWord} ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return "";
};

const describeExpected = (node: JsonSchema | undefined): string => {
  if (node === undefined) return "a valid value";
  if (node.enum !== undefined) return `one of ${node.enum.join(", ")}`;
  if (node.anyOf !== undefined) return node.anyOf.map(describeExpected).join(" or ");
  switch (node.type) {
    case "boolean":
      return "true or false";
    case "integer":
      return `a whole number${describeRange(node)}`;
    case "number":
      return `a number${describeRange(node)}`;
    case "string":
      return node.minLength !== undefined && node.minLength > 0 ? "a non-empty string" : "a string";
    case "array":
      return "a list";
    case "null":
      return "an empty value";
    case "object":
      // The top level names its sections: a file that is a list or a string usually lost them all.
      return node === jsonSchema
        ? `a mapping with sections such as ${sectionNames().join(", ")}`
        : "a mapping (key: value pairs)";
    default:
      return "a valid value";
  }
};

const sectionNames = (): string[] =>
  Object.keys(jsonSchema.properties ?? {}).filter((key) => key !== "_extends");

const allowedKeysAt = (keys: readonly Key[]): string[] => Object.keys(schemaAt(keys)?.properties ?? {});

/** Where else a key is allowed, e.g. `timezone` written under `coaching` belongs under `review_windows`. */
const otherHomeOf = (key: string, keys: readonly Key[]): string | undefined => {
  const here = formatYamlPath(keys);
  const sections = ["", ...Object.keys(jsonSchema.properties ?? {})];
  for (const section of sections) {
    const sectionKeys = section === "" ? [] : [section];
    if (formatYamlPath(sectionKeys) === here) continue;
    if (allowedKeysAt(sectionKeys).includes(key)) return formatYamlPath([...sectionKeys, key]);
  }
  return undefined;
};

const unknownKeyMessage = (key: string, parent: readonly Key[]): string => {
  const allowed = allowedKeysAt(parent);
  const suggestion = suggestClosest(key, allowed);
  if (suggestion !== undefined) return `unknown key (did you mean "${suggestion}"?)`;
  const home = otherHomeOf(key, parent);
  if (home !== undefined) return `unknown key here (did you mean ${home}?)`;
  return allowed.length > 0 ? `unknown key; allowed keys are ${allowed.join(", ")}` : "unknown key";
};

const sizeMessage = (issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, value: unknown): string => {
  const limit = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
  const bound = issue.code === "too_big" ? "at most" : "at least";
  if (issue.origin === "array" && Array.isArray(value)) {
    return `expected ${bound} ${limit} item${limit === 1 ? "" : "s"}, got ${value.length === 0 ? "an empty list" : `${value.length}`}`;
  }
  if (issue.origin === "string" && typeof value === "string") {
    if (issue.code === "too_small" && limit === 1) return `expected a non-empty string, got ""`;
    return `expected ${bound} ${limit} characters, got ${value.length}`;
  }
  return `${describeValue(value)} is out of range; expected ${describeExpected(schemaAt(issue.path.filter(isKey)))}`;
};

const isKey = (key: PropertyKey): key is Key => typeof key === "string" || typeof key === "number";

const problem = (
  kind: ConfigProblem["kind"],
  keys: readonly Key[],
  text: string,
  value: unknown,
): ConfigProblem => {
  const path = formatYamlPath(keys);
  const base = { kind, path, keys, message: `${path === "" ? "top level" : path}: ${text}` };
  return value === undefined ? base : { ...base, value };
};

const describeIssue = (issue: z.core.$ZodIssue, input: unknown): ConfigProblem[] => {
  const keys = issue.path.filter(isKey);
  const value = valueAt(input, keys);
  const got = describeValue(value);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) =>
        problem("unknown_key", [...keys, key], unknownKeyMessage(key, keys), valueAt(input, [...keys, key])),
      );
    case "invalid_type": {
      const expected = isAuthored(issue.message)
        ? issue.message
        : `expected ${describeExpected(schemaAt(keys))}`;
      if (value === undefined) {
        return [problem("missing_key", keys, `required key is missing; ${expected}`, value)];
      }
      // `llm:` with nothing after it is null in YAML: the usual slip is settings that lost their indentation.
      const hint =
        value === null && issue.expected === "object" ? "; indent its settings below it or delete it" : "";
      return [problem("invalid_value", keys, `${expected}, got ${got}${hint}`, value)];
    }
    case "invalid_key": {
      const key = keys.at(-1);
      const reason =
        issue.issues.map((inner) => inner.message).find(isAuthored) ?? "expected a different key";
      return [
        problem("unknown_key", keys, `${describeValue(String(key))} is not a valid key; ${reason}`, value),
      ];
    }
    case "invalid_value": {
      const allowed = issue.values.map(String);
      const suggestion = typeof value === "string" ? suggestClosest(value, allowed) : undefined;
      const hint = suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
      return [
        problem(
          "invalid_value",
          keys,
          `${got} is not allowed; expected one of ${allowed.join(", ")}${hint}`,
          value,
        ),
      ];
    }
    case "too_big":
    case "too_small":
      return [problem("invalid_value", keys, sizeMessage(issue, value), value)];
    case "invalid_format":
    case "custom":
      return [
        problem(
          "invalid_value",
          keys,
          isAuthored(issue.message) ? `${got} is not valid; ${issue.message}` : `${got}: ${issue.message}`,
          value,
        ),
      ];
    default:
      return [problem("invalid_value", keys, issue.message, value)];
  }
};

/** One problem per bad path (the first issue zod reports there), one per unknown key. */
export const toConfigProblems = (issues: readonly z.core.$ZodIssue[], input: unknown): ConfigProblem[] => {
  const seen = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    for (const found of describeIssue(issue, input)) {
      if (seen.has(found.path)) continue;
      seen.add(found.path);
      problems.push(found);
    }
  }
  return problems;
};
