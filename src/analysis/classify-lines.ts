// Core of `review-coach classify`: JSON lines of comments in, one JSON line of assessment out per input line.
import { z } from "zod";
import { type AssessOptions, assess } from "./assess.js";
import type { Assessment, CommentContext, CommentInput, Tone, Verdict } from "./assessment.js";
import type { AssessedComment } from "./second-opinion.js";

export const ClassifyInput = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  body: z.string(),
  author: z.string().nullish(),
  pr_author: z.string().nullish(),
  author_is_bot: z.boolean().optional(),
});
export type ClassifyInput = z.infer<typeof ClassifyInput>;

/** The LLM's view of one line, or why there is none although the line was unsure. */
export type LineOpinion =
  | { verdict: Verdict; tone: Tone; confidence?: number; suggestion?: string }
  | { fallback: string };

/** Asked once per batch of lines (`--llm`); returns opinions by comment id. See createSecondOpinionHook. */
export type ClassifyJudgeHook = (
  items: readonly AssessedComment[],
) => Promise<ReadonlyMap<string, LineOpinion>>;

export interface ClassifyLinesOptions {
  /** coaching.ignore_users; the PR author comes from each line's "pr_author". */
  ignoreUsers?: readonly string[];
  assessOptions?: AssessOptions;
  judge?: ClassifyJudgeHook;
  /** Lines per judge call (the CLI has no review to batch by). */
  batchSize?: number;
}

export interface ClassifySummary {
  lines: number;
  classified: number;
  errors: number;
}

interface Pending {
  output: Record<string, unknown>;
  item?: AssessedComment;
}

const DEFAULT_BATCH = 20;

export async function classifyLines(
  lines: AsyncIterable<string> | Iterable<string>,
  write: (line: string) => void | Promise<void>,
  options: ClassifyLinesOptions = {},
): Promise<ClassifySummary> {
  const summary: ClassifySummary = { lines: 0, classified: 0, errors: 0 };
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  let pending: Pending[] = [];

  // Output order follows input order, so a batch waiting for the judge holds back the lines after it.
  const flush = async () => {
    const items = pending.flatMap((p) => (p.item ? [p.item] : []));
    const opinions = options.judge && items.length > 0 ? await askJudge(options.judge, items) : undefined;
    for (const p of pending) {
      const opinion = p.item && opinions?.get(p.item.comment.id);
      await write(JSON.stringify(opinion ? { ...p.output, llm: opinion } : p.output));
    }
    pending = [];
  };

  for await (const raw of lines) {
    summary.lines++;
    const lineNumber = summary.lines;
    if (raw.trim().length === 0) continue;
    const parsed = parseLine(raw);
    if (!parsed.ok) {
      summary.errors++;
      pending.push({
        output: {
          ...(parsed.id !== undefined ? { id: parsed.id } : {}),
          line: lineNumber,
          error: parsed.error,
        },
      });
    } else {
      const { comment, context } = toComment(parsed.input, options.ignoreUsers);
      const assessment = assess(comment, context, options.assessOptions);
      summary.classified++;
      pending.push({ output: toOutput(comment.id, assessment), item: { comment, assessment } });
    }
    if (!options.judge || pending.filter((p) => p.item).length >= batchSize) await flush();
  }
  await flush();
  return summary;
}

async function askJudge(
  judge: ClassifyJudgeHook,
  items: readonly AssessedComment[],
): Promise<ReadonlyMap<string, LineOpinion>> {
  try {
    return await judge(items);
  } catch (error) {
    // The hook should not throw (second-opinion falls back by itself); if it does, every line keeps its heuristic verdict.
    const reason = `judge failed: ${error instanceof Error ? error.message : String(error)}`;
    return new Map(items.map((item) => [item.comment.id, { fallback: reason }]));
  }
}

type ParsedLine = { ok: true; input: ClassifyInput } | { ok: false; id?: string; error: string };

function parseLine(raw: string): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'not JSON: expected one object per line like {"id":"1","body":"…"}' };
  }
  const result = ClassifyInput.safeParse(json);
  if (result.success) return { ok: true, input: result.data };
  const id = typeof json === "object" && json !== null && "id" in json ? json.id : undefined;
  const error = result.error.issues.map((i) => `${i.path.join(".") || "(line)"}: ${i.message}`).join("; ");
  return typeof id === "string" || typeof id === "number"
    ? { ok: false, id: String(id), error }
    : { ok: false, error };
}

function toComment(
  input: ClassifyInput,
  ignoreUsers: readonly string[] | undefined,
): { comment: CommentInput; context: CommentContext } {
  const comment: CommentInput = { id: input.id, body: input.body, author: input.author ?? null };
  if (input.author_is_bot !== undefined) comment.authorIsBot = input.author_is_bot;
  const context: CommentContext = { prAuthor: input.pr_author ?? null };
  if (ignoreUsers) context.ignoreUsers = ignoreUsers;
  return { comment, context };
}

function toOutput(id: string, a: Assessment): Record<string, unknown> {
  const output: Record<string, unknown> = {
    id,
    verdict: a.verdict,
    tone: a.tone,
    signals: a.signals,
    label: a.label ?? null,
    confidence: a.confidence,
  };
  if (a.suggestion) output.suggestion = a.suggestion;
  return output;
}
