// Reads a versioned judge prompt from prompts/ (I/O kept out of the pure core, which renders it).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { JudgePrompt } from "../analysis/render-judge-prompt.js";

export const JUDGE_PROMPT_VERSION = "judge-comment.v1";

/**
 * Loads `<promptsDir>/<version>.md`. Without promptsDir, looks for a `prompts/` folder upwards from this module,
 * which finds it both from src/llm (tsx, tests) and from dist/src/llm (built), as long as prompts/ ships beside them.
 */
export async function loadJudgePrompt(
  version = JUDGE_PROMPT_VERSION,
  promptsDir?: string,
): Promise<JudgePrompt> {
  const file = path.join(promptsDir ?? findPromptsDir(version), `${version}.md`);
  try {
    return { version, template: await readFile(file, "utf8") };
  } catch (error) {
    throw new Error(
      `Could not read the judge prompt ${file}: ship the prompts/ folder with the app or pass its path`,
      {
        cause: error,
      },
    );
  }
}

function findPromptsDir(version: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "prompts");
    if (existsSync(path.join(candidate, `${version}.md`))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve("prompts");
}
