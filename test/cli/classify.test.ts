import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { runCli } from "../../src/cli.js";
import { captureIo } from "../helpers/capture-io.js";

const lines = (...items: string[]) => Readable.from(items.map((l) => `${l}\n`));
// The command joins the lines of one turn into one write; a reader sees one JSON object per line either way.
const parse = (out: string[]) =>
  out.flatMap((chunk) => chunk.split("\n")).map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("review-coach classify", () => {
  it("writes one result per input line, an error line for a bad line, and exits 1", async () => {
    const io = captureIo();
    const code = await runCli(
      ["classify"],
      io,
      {},
      lines(
        JSON.stringify({ id: "a", body: "Rename this." }),
        "{broken",
        JSON.stringify({ id: "b", body: "Thanks, fixed!", author: "dana", pr_author: "dana" }),
      ),
    );
    expect(code).toBe(1);
    const out = parse(io.stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ id: "a", verdict: "correcting", tone: "ok" });
    expect(out[1]).toMatchObject({ line: 2, error: expect.stringContaining("not JSON") });
    expect(out[2]).toMatchObject({ id: "b", verdict: "not-feedback" });
  });

  it("refuses --llm without an API key, saying which variable to set", async () => {
    const io = captureIo();
    expect(await runCli(["classify", "--llm"], io, {}, lines())).toBe(2);
    expect(io.stderr.join("\n")).toContain("OPENAI_API_KEY");
  });

  it("with --llm asks the model about unsure comments only, at OPENAI_BASE_URL", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "rc-classify-")), "s.sqlite");
    let asked: string[] = [];
    const scope = nock("https://llm.test/v1")
      .post("/chat/completions", (body: { messages: { content: string }[] }) => {
        const data = /<<<COMMENTS\n([\s\S]*)\nCOMMENTS>>>/.exec(body.messages[1]?.content ?? "")?.[1] ?? "[]";
        asked = (JSON.parse(data) as { id: string }[]).map((c) => c.id);
        return true;
      })
      .reply(200, () => ({
        id: "x",
        object: "chat.completion",
        created: 1,
        model: "gpt-4o-mini",
        choices: [
          {
            index: 0,
            finish_reason: "stop",
            logprobs: null,
            message: {
              role: "assistant",
              refusal: null,
              content: JSON.stringify({
                results: asked.map((id) => ({
                  id,
                  verdict: "teaching",
                  tone: "ok",
                  confidence: 0.9,
                  rewrite: null,
                })),
              }),
            },
          },
        ],
        usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
      }));
    const io = captureIo();
    const unsure = "Wir sollten hier lieber eine Map verwenden, die Suche ist sonst langsam.";
    const code = await runCli(
      ["classify", "--llm", "--db", db],
      io,
      { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: "https://llm.test/v1" },
      lines(JSON.stringify({ id: "sure", body: "LGTM" }), JSON.stringify({ id: "unsure", body: unsure })),
    );
    expect(code).toBe(0);
    expect(scope.isDone()).toBe(true);
    expect(asked).toEqual(["unsure"]);
    const out = parse(io.stdout);
    expect(out.find((o) => o.id === "unsure")).toMatchObject({ llm: { verdict: "teaching" } });
    expect(out.find((o) => o.id === "sure")?.llm).toBeUndefined();
  });
});
