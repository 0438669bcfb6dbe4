// Renders the versioned judge prompt (prompts/judge-comment.v1.md) with comments injected as a JSON array of data.
import type { JudgeRequest } from "./judge.js";

export interface JudgePrompt {
  /** e.g. "judge-comment.v1" — the file name without ".md". */
  version: string;
  /** The Markdown template, with "## system" and "## user" sections. */
  template: string;
}

export interface RenderedPrompt {
  system: string;
  user: string;
}

const PLACEHOLDER = "{{comments_json}}";
/** Comment bodies longer than this are cut: the rubric needs the gist, and the budget counts tokens. */
export const MAX_BODY_CHARS = 2000;

export function renderJudgePrompt(prompt: JudgePrompt, batch: readonly JudgeRequest[]): RenderedPrompt {
  const template = prompt.template.replace(/<!--[\s\S]*?-->/g, "");
  const system = section(template, "system");
  const user = section(template, "user");
  if (!system || !user?.includes(PLACEHOLDER)) {
    throw new Error(
      `${prompt.version}: expected "## system" and "## user" sections, the latter containing ${PLACEHOLDER}`,
    );
  }
  const data = batch.map((c) => ({
    id: c.id,
    body: c.body.length > MAX_BODY_CHARS ? `${c.body.slice(0, MAX_BODY_CHARS)}…` : c.body,
  }));
  // JSON-encoding keeps each body inside its string; escaping < and > keeps a body from closing the data markers.
  const json = JSON.stringify(data, null, 1).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  // split/join rather than replace(): a body containing "$&" must not be interpreted as a replacement pattern.
  return { system, user: user.split(PLACEHOLDER).join(json) };
}

function section(template: string, name: string): string | undefined {
  const match = new RegExp(`^## ${name}\\s*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, "m").exec(template);
  return match?.[1]?.trim();
}
