import { describe, expect, it } from "@jest/globals";
import { runCli } from "../../src/cli.js";
import { captureIo } from "../helpers/capture-io.js";

const fixture = (name: string) => new URL(`../fixtures/config/${name}.yml`, import.meta.url).pathname;

describe("review-coach validate-config", () => {
  it("exits 0 for a valid file", async () => {
    const io = captureIo();
    expect(await runCli(["validate-config", fixture("basic")], io)).toBe(0);
    expect(io.stdout.join("\n")).toContain("is valid");
  });

  it("exits 1 naming line, column, YAML path and the allowed values", async () => {
    const io = captureIo();
    expect(await runCli(["validate-config", fixture("wrong-type")], io)).toBe(1);
    expect(io.stderr.join("\n")).toMatch(/wrong-type\.yml:\d+:\d+ /);
  });

  it("exits 1 for a file that does not exist", async () => {
    const io = captureIo();
    expect(await runCli(["validate-config", "/nope/review-coach.yml"], io)).toBe(1);
    expect(io.stderr.join("\n")).toContain("file not found");
  });
});
