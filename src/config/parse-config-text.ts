// Parses the text of `.github/review-coach.yml` and validates it, locating each problem by line and column.
import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { ConfigProblem, ConfigResult } from "./config-problem.js";
import { parseConfig } from "./parse-config.js";
import { defaultConfig } from "./schema.js";
import { yamlErrorToProblem } from "./yaml-error-to-problem.js";

/** A config is a few dozen lines; anything this large is a mistake or an attack, not a config. */
export const MAX_CONFIG_BYTES = 64 * 1024;
/** yaml's own default, stated: aliases may not expand a document beyond this (the "billion laughs" guard). */
const maxAliasCount = 100;

type Document = ReturnType<typeof parseDocument>;
type Position = { line: number; column: number };

const failure = (source: string, problems: ConfigProblem[]): ConfigResult => ({
  ok: false,
  config: defaultConfig(),
  problems,
  source,
});

const fileProblem = (message: string): ConfigProblem => ({ kind: "file", path: "", keys: [], message });

/** A file over MAX_CONFIG_BYTES: refused before it is parsed (also from its size in the contents API, unread). */
export const tooLargeProblem = (bytes: number): ConfigProblem =>
  fileProblem(`the file is ${(bytes / 1024).toFixed(1)} KiB; a config file may be at most 64 KiB`);

/**
 * Finds the node at `keys`: the value for a bad value, the key itself for an unknown key, and the nearest
 * existing parent for a missing key.
 */
const locate = (doc: Document, lineCounter: LineCounter, problem: ConfigProblem): Position | undefined => {
  let node: unknown = doc.contents;
  let found: Node | undefined = isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  for (const [index, key] of problem.keys.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let keyNode: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      next = pair?.value;
      keyNode = pair?.key;
    } else if (isSeq(node) && typeof key === "number") {
      next = node.items[key];
    }
    const isLast = index === problem.keys.length - 1;
    const target = isLast && problem.kind === "unknown_key" ? keyNode : (next ?? keyNode);
    if (target === undefined || target === null) break;
    if (isScalar(target) || isMap(target) || isSeq(target) || isAlias(target)) found = target;
    node = next;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
};

const byPosition = (a: ConfigProblem, b: ConfigProblem): number =>
  (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
  (a.column ?? 0) - (b.column ?? 0);

/**
 * Parses and validates one file. `settings` is what the file sets, as parsed (for merging `_extends` layers); it is
 * undefined when the file could not be parsed. An empty file (or one with only comments) means "all defaults".
 */
export const parseConfigLayer = (
  text: string,
  source: string,
): { result: ConfigResult; settings?: unknown } => {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_CONFIG_BYTES) return { result: failure(source, [tooLargeProblem(bytes)]) };
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) return { result: failure(source, doc.errors.map(yamlErrorToProblem)) };

  let settings: unknown;
  try {
    settings = doc.toJS({ maxAliasCount });
    // A self-referencing alias (`a: &x [*x]`) yields a cycle, which nothing downstream can serialize.
    JSON.stringify(settings);
  } catch (error) {
    const cyclic = error instanceof TypeError && /circular/i.test(error.message);
    return {
      result: failure(source, [
        cyclic
          ? fileProblem("YAML syntax error: an alias refers to the value that contains it")
          : yamlErrorToProblem(error),
      ]),
    };
  }

  const result = parseConfig(settings, source);
  if (result.ok) return { result, settings };
  const problems = result.problems.map((problem) => ({ ...problem, ...locate(doc, lineCounter, problem) }));
  return { result: { ...result, problems: problems.sort(byPosition) }, settings };
};

/** The CLI's and the server's parser: one file's text, validated on its own, each problem located. */
export const parseConfigText = (text: string, source: string): ConfigResult =>
  parseConfigLayer(text, source).result;
