// `npm run demo` end to end, as a user runs it: its own process, the real server, the fake GitHub, exit code 0.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "@jest/globals";

const root = fileURLToPath(new URL("../..", import.meta.url));

function runDemoProcess(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(root, "node_modules", ".bin", "tsx"),
      ["scripts/demo/run-demo.ts", "--dir", dir],
      {
        cwd: root,
        env: { ...process.env, NODE_OPTIONS: "" },
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 60_000,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run demo", () => {
  const dir = mkdtempSync(join(tmpdir(), "review-coach-demo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("replays the week, shows the nudges, the 👍 and the digest, proves redelivery changes nothing, exits 0", async () => {
    const { code, stdout, stderr } = await runDemoProcess(dir);

    expect(stderr).toBe("");
    expect(code).toBe(0);
    // The onboarding pull request first (README, "Onboarding"), then the week.
    const onboarding = stdout.indexOf(
      '"Configure review-coach" (review-coach/onboarding → main) on acme/checkout',
    );
    expect(onboarding).toBeGreaterThan(0);
    expect(onboarding).toBeLessThan(stdout.indexOf("1. Replaying week"));
    expect(stdout).toContain("acme/payments: no pull request (it has its own config)");
    const sent = Number(/(\d+) signed webhook deliveries/.exec(stdout)?.[1]);
    expect(sent).toBeGreaterThan(20);
    expect(stdout).toContain(`${sent} of ${sent} acknowledged with 2xx`);
    expect(stdout).toContain("PR comments (3):");
    // #102 opened with a thin description: one note, turned into a thank-you by the edit; the full ones get nothing.
    expect(stdout).toContain(
      "✅ Thanks, @erin: with the edits, the description gives reviewers what they need to start.",
    );
    expect(stdout.match(/review-coach:description pr=/g)).toHaveLength(1);
    expect(stdout).toContain("👋 Hi @bob");
    expect(stdout).toContain('👍 on bob\'s "/review-coach off" (#105)');
    expect(stdout).toMatch(/store: deliveries (\d+) → \1, events (\d+) → \2/);
    expect(stdout).toContain("GitHub: PR comments 3 → 3, check runs 0 → 0, reactions 1 → 1");
    expect(stdout).toMatch(/issue #\d+ "Review digest: acme\/payments, 2026-W47/);
    // The digest leads with what to act on: the PR still waiting past the target, linked.
    expect(stdout).toMatch(
      /### Worth a look\n\s+- \[acme\/payments#106\]\(https:\/\/github\.com\/acme\/payments\/pull\/106\)/,
    );
    expect(stdout).not.toContain("Charts start");
    // Quiet: an expected retry (a nudge lease held by another job) is logged at debug, so no log line reaches stdout.
    expect(stdout).not.toMatch(/^\{"level"/m);
    // Each review's decisions in order: #101's nudge is shown as "nudged", before the re-evaluations that follow it.
    const table = stdout.slice(stdout.indexOf("coaching decisions"), stdout.indexOf("3. Redelivery"));
    const first = table.split("\n").findIndex((line) => line.includes("#101"));
    const history = table.split("\n").slice(first);
    expect(history[0]).toContain("skipped");
    expect(history.findIndex((line) => / nudged /.test(line))).toBeGreaterThan(0);
    expect(history.findIndex((line) => / nudged /.test(line))).toBeLessThan(
      history.findIndex((line) => / unchanged /.test(line)),
    );
  }, 70_000);
});
