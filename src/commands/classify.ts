// `review-coach classify`: JSON lines of comments on stdin, one assessment per line on stdout; `--llm` asks the model too.
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { type ClassifyJudgeHook, classifyLines } from "../analysis/classify-lines.js";
import { createSecondOpinionHook } from "../analysis/create-second-opinion-hook.js";
import type { LlmConfig } from "../config/schema.js";
import { loadJudgePrompt } from "../llm/load-judge-prompt.js";
import { createOpenAiJudge } from "../llm/openai-judge.js";
import { sha256Hex } from "../sha256-hex.js";
import { createSqlJudgeBudget, createSqlJudgeCache } from "../store/llm-repository.js";
import type { Store } from "../store/open-store.js";
import type { CommandIo } from "./io.js";

export interface ClassifyCommandOptions {
  input: Readable;
  io: CommandIo;
  ignoreUsers?: readonly string[];
  /** Present when `--llm` was given. */
  llm?: {
    config: LlmConfig;
    apiKey: string | undefined;
    baseURL: string | undefined;
    /** Opened lazily by the CLI: the cache and the daily budget live in the store. */
    openStore: () => Promise<Store>;
  };
}

/** The CLI has no installation: its model calls are budgeted under this id. */
export const CLI_INSTALLATION_ID = 0;

export async function classifyCommand(options: ClassifyCommandOptions): Promise<number> {
  const { io } = options;
  let store: Store | undefined;
  let judgeHook: ClassifyJudgeHook | undefined;
  if (options.llm) {
    if (!options.llm.apiKey) {
      io.err(
        "review-coach: --llm needs OPENAI_API_KEY (and OPENAI_BASE_URL for a server other than OpenAI's)",
      );
      return 2;
    }
    store = await options.llm.openStore();
    judgeHook = createSecondOpinionHook({
      installationId: CLI_INSTALLATION_ID,
      llm: options.llm.config,
      ports: {
        judge: createOpenAiJudge({
          apiKey: options.llm.apiKey,
          prompt: await loadJudgePrompt(),
          ...(options.llm.baseURL ? { baseURL: options.llm.baseURL } : {}),
        }),
        cache: createSqlJudgeCache(store.db),
        budget: createSqlJudgeBudget(store.db),
        clock: () => new Date(),
        hash: sha256Hex,
      },
      onFallback: (reason, detail) => io.err(`review-coach: model not used (${reason}): ${detail}`),
    });
  }
  try {
    const lines = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY });
    const output = batchedLines((text) => io.out(text));
    const summary = await classifyLines(lines, output.write, {
      ...(options.ignoreUsers ? { ignoreUsers: options.ignoreUsers } : {}),
      ...(judgeHook ? { judge: judgeHook } : {}),
    });
    output.flush();
    return summary.errors > 0 ? 1 : 0;
  } finally {
    await store?.close();
  }
}

/**
 * Joins the lines written in one turn of the event loop into one write: a write per line cost more than assessing
 * the comment (bench/classify.ts). A person typing still sees each answer at once.
 */
function batchedLines(out: (text: string) => void) {
  let lines: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (lines.length === 0) return;
    out(lines.join("\n"));
    lines = [];
  };
  return {
    write(line: string) {
      lines.push(line);
      if (lines.length >= 1024) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
