// Every quoted or suggested text is free of control and bidirectional-override characters, not only model
// rewrites (issue #12, item 11; README, Security).
import { describe, expect, it } from "@jest/globals";
import { renderCheckOutput } from "../../src/coaching/render-check.js";
import { renderInlineReply } from "../../src/coaching/render-inline.js";
import { renderSummaryNudge } from "../../src/coaching/render-summary.js";
import { escapeMarkdown } from "../../src/markdown/escape-markdown.js";
import { correcting, harsh } from "./factory.js";

const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point here.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const nasty = "Rename\u0000 this\u001b[31m to \u202Eexe.txt\u202C\u0007 \u2066x\u2069";

describe("control and bidi characters", () => {
  const c = correcting(nasty, `Could we rename this\u202E? Add the why\u0007: what does it tell the reader?`);
  const h = harsh(`Obviously wrong\u202E!!! ${nasty}`, "Could we rename this\u0000?");

  it("never reach a summary nudge, an inline reply or a check run", () => {
    const view = {
      reviewId: 1,
      reviewer: "alice\u202E",
      reviewHtmlUrl: null,
      content: { couldTeachMore: [c], harsh: [h], teaching: [] },
    };
    expect(renderSummaryNudge(view)).not.toMatch(UNSAFE);
    const check = renderCheckOutput({
      ...view,
      lines: new Map([
        [c.githubId, 3],
        [h.githubId, 4],
      ]),
      annotated: new Set<number>(),
    });
    expect(check.output.annotations).toHaveLength(2);
    expect(JSON.stringify(check.output)).not.toMatch(UNSAFE);
    expect(renderInlineReply(1, c)).not.toMatch(UNSAFE);
    expect(renderInlineReply(1, h)).not.toMatch(UNSAFE);
  });

  it("never reach a digest quote", () => {
    expect(escapeMarkdown(nasty)).not.toMatch(UNSAFE);
    expect(escapeMarkdown(nasty)).toContain("Rename this");
  });
});
