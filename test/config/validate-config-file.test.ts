import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { validateConfigFile } from "../../src/config/validate-config-file.js";

const fixturePath = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/config/${name}.yml`, import.meta.url));

const fromText = (text: string) => async () => text;

describe("validateConfigFile", () => {
  it("exits 0 with a one-line summary for a valid file", async () => {
    const result = await validateConfigFile(
      ".github/review-coach.yml",
      fromText("coaching:\n  mode: inline\n"),
    );

    expect(result.exitCode).toBe(0);
    expect(result.output.split("\n")).toEqual([
      "✓ .github/review-coach.yml is valid",
      "  coaching inline, nudge below 0.5 teaching from 2 comments; windows 09:30-10:30, 15:00-16:00 (Europe/Berlin); digest mon 09:00; llm off",
    ]);
  });

  it("warns, and still exits 0, when the windows cannot meet the first-review target", async () => {
    // One window 15:00-16:00 in 09:00-17:00: 16:00 → 17:00 plus 09:00 → 15:00 the next workday is 7 h.
    const text = 'review_windows:\n  windows: ["15:00-16:00"]\n  first_review_target_hours: 6\n';
    const result = await validateConfigFile("c.yml", fromText(text));

    expect(result.exitCode).toBe(0);
    expect(result.output.split("\n")[2]).toBe(
      "  ⚠ review_windows: the windows cannot meet first_review_target_hours (6 h): a PR ready just after the " +
        "15:00-16:00 window waits 7 h of business time for the next one (the batching bound, docs/metrics.md); " +
        "add a window in that stretch or raise the target",
    );
    const met = await validateConfigFile("c.yml", fromText(text.replace(": 6", ": 7")));
    expect(met.output).not.toContain("⚠");
  });

  it("reads a real file from disk by default", async () => {
    const path = fixturePath("full");

    const result = await validateConfigFile(path);

    expect(result.exitCode).toBe(0);
    expect(result.output).toContain(`✓ ${path} is valid`);
    expect(result.output).toContain(
      "_extends: .github (org defaults are merged on GitHub, not checked here)",
    );
  });

  it("exits 1 with FILE:LINE:COL for each problem", async () => {
    const result = await validateConfigFile(fixturePath("wrong-type"));

    expect(result.exitCode).toBe(1);
    const lines = result.output.split("\n");
    expect(lines[0]).toBe(
      `${fixturePath("wrong-type")}:3:9 coaching.mode: "loud" is not allowed; expected one of summary, inline, check, off`,
    );
    expect(lines[1]).toMatch(/:5:24 review_windows\.session_gap_minutes: expected a whole number/);
    expect(lines[2]).toMatch(/^✗ 2 problems in .*wrong-type\.yml; until it is fixed, review-coach observes/);
  });

  it("reports a YAML syntax error with its position", async () => {
    const result = await validateConfigFile("c.yml", fromText("coaching:\n  mode: [\n"));

    expect(result.exitCode).toBe(1);
    expect(result.output).toMatch(/^c\.yml:3:1 YAML syntax error: /);
  });

  it("exits 1 with a clear message when the file does not exist", async () => {
    const result = await validateConfigFile(fixturePath("no-such-file"));

    expect(result).toEqual({
      exitCode: 1,
      output: `${fixturePath("no-such-file")}: file not found (the config lives at .github/review-coach.yml)`,
    });
  });

  it("exits 1 when the path is a directory", async () => {
    const directory = fileURLToPath(new URL("../fixtures/config", import.meta.url));

    const result = await validateConfigFile(directory);

    expect(result).toEqual({ exitCode: 1, output: `${directory}: is a directory; expected a YAML file` });
  });

  it("says when coaching is off", async () => {
    const result = await validateConfigFile("c.yml", fromText("coaching:\n  mode: off\n"));

    expect(result.output).toContain("coaching off (record and measure only)");
  });
});
