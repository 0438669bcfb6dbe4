import { readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import {
  createConfigParseMemory,
  type LoadedConfig,
  loadRepoConfig,
} from "../../src/config/load-repo-config.js";
import { defaultConfig } from "../../src/config/schema.js";

const api = "https://api.github.com";
const file = (owner: string, repo: string, path = ".github%2Freview-coach.yml") =>
  `/repos/${owner}/${repo}/contents/${path}`;
const raw = { "content-type": "text/plain; charset=utf-8" };
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/config/${name}.yml`, import.meta.url), "utf8");

/** The octokit Probot hands to handlers, with the config plugin; retries off so a 5xx is seen once. */
const octokit = () =>
  new ProbotOctokit({ auth: { token: "test" }, retry: { enabled: false }, throttle: { enabled: false } });

const load = () => loadRepoConfig(octokit(), { owner: "acme", repo: "widgets" });

const expectStatus = <S extends LoadedConfig["status"]>(result: LoadedConfig, status: S) => {
  expect(result.status).toBe(status);
  if (result.status !== status) throw new Error(`expected ${status}`);
  return result as Extract<LoadedConfig, { status: S }>;
};

describe("loadRepoConfig", () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });

  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });

  it("reads the repository's own file", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, fixture("basic"), raw);

    const result = expectStatus(await load(), "ok");

    expect(result.config.coaching.min_comments).toBe(3);
    expect(result.config.llm).toEqual(defaultConfig().llm);
    expect(result.sources).toEqual(["acme/widgets/.github/review-coach.yml"]);
    expect(result.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it("treats an empty file as a config with all defaults, not as missing", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, "", raw);

    const result = expectStatus(await load(), "ok");

    expect(result.config).toEqual(defaultConfig());
  });

  it("falls back to the org .github repository when the repo has no file", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(404, { message: "Not Found" })
      .get(file("acme", ".github"))
      .reply(200, "coaching:\n  mode: check\n", raw);

    const result = expectStatus(await load(), "ok");

    expect(result.config.coaching.mode).toBe("check");
    expect(result.sources).toEqual(["acme/.github/.github/review-coach.yml"]);
  });

  it("merges org defaults from _extends section by section, the repo file winning", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, "_extends: org-settings\ncoaching:\n  min_comments: 3\n  ignore_users: [bob]\n", raw)
      .get(file("acme", "org-settings"))
      .reply(
        200,
        "coaching:\n  mode: inline\n  min_comments: 5\n  ignore_users: [Copilot, renovate]\nreview_windows:\n  timezone: America/New_York\n",
        raw,
      );

    const result = expectStatus(await load(), "ok");

    expect(result.config.coaching).toMatchObject({ mode: "inline", min_comments: 3, ignore_users: ["bob"] });
    expect(result.config.review_windows.timezone).toBe("America/New_York");
    expect(result.config.digest).toEqual(defaultConfig().digest);
    expect(result.sources).toEqual([
      "acme/widgets/.github/review-coach.yml",
      "acme/org-settings/.github/review-coach.yml",
    ]);
  });

  it("follows _extends with an owner and a path", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, "_extends: platform/settings:coach/base.yml\n", raw)
      .get(file("platform", "settings", "coach%2Fbase.yml"))
      .reply(200, "digest:\n  day: fri\n", raw);

    const result = expectStatus(await load(), "ok");

    expect(result.config.digest.day).toBe("fri");
  });

  it("refuses a digest target owned by another account, naming the key and the value", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, "digest:\n  repository: victim/payments\n", raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.source).toBe("acme/widgets/.github/review-coach.yml");
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: "digest.repository",
        keys: ["digest", "repository"],
        value: "victim/payments",
      }),
    ]);
    expect(result.problems[0]?.message).toMatch(/^digest\.repository: "victim\/payments" .*acme\//);
  });

  it("accepts a digest target in the same account, whatever its case", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, "digest:\n  repository: ACME/eng-leads\n", raw);
    expect(expectStatus(await load(), "ok").config.digest.repository).toBe("ACME/eng-leads");
  });

  it("checks a file's size from the contents API and never decodes or parses one over 64 KiB", async () => {
    // GitHub's contents API gives a file's size (and no content over 1 MB): nothing else is asked for.
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, { type: "file", size: 20_000_000, sha: "b1", encoding: "none", content: "" });

    const result = expectStatus(await load(), "invalid");

    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: "file",
        message: expect.stringMatching(/^the file is 19531\.3 KiB; /),
      }),
    ]);
  });

  it("refuses a raw answer over 64 KiB before parsing it", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, `coaching:\n  ignore_users: [${"x, ".repeat(30_000)}x]\n`, raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.problems[0]?.message).toMatch(
      /^the file is [\d.]+ KiB; a config file may be at most 64 KiB$/,
    );
  });

  it("remembers a file that failed to parse by its blob SHA and does not parse that version again", async () => {
    const memory = createConfigParseMemory();
    const blob = (text: string) => ({
      type: "file",
      size: Buffer.byteLength(text),
      sha: "5ca1ab1e",
      encoding: "base64",
      content: Buffer.from(text).toString("base64"),
    });
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, blob("coaching: [unclosed\n"))
      .get(file("acme", "widgets"))
      .reply(200, blob("coaching:\n  mode: check\n"));

    const first = expectStatus(
      await loadRepoConfig(octokit(), { owner: "acme", repo: "widgets" }, memory),
      "invalid",
    );
    // Same blob SHA, so the same contents: the answer's text is not parsed again (here it would even be valid).
    const second = expectStatus(
      await loadRepoConfig(octokit(), { owner: "acme", repo: "widgets" }, memory),
      "invalid",
    );
    expect(first.problems[0]).toMatchObject({ kind: "file", line: expect.any(Number) });
    expect(second.problems).toEqual(first.problems);
    expect(second.version).toBe(first.version);
  });

  it("stops following _extends after 5 hops, naming the file that asks for one more", async () => {
    // widgets → s1 → … → s5 is 5 hops; s5 asks for a 6th, which is never read (nock would refuse it).
    const scope = nock(api).get(file("acme", "widgets")).reply(200, "_extends: s1\n", raw);
    for (let i = 1; i <= 5; i++) scope.get(file("acme", `s${i}`)).reply(200, `_extends: s${i + 1}\n`, raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.source).toBe("acme/s5/.github/review-coach.yml");
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: "_extends",
        message: expect.stringMatching(/^_extends: .*more than 5/),
      }),
    ]);
  });

  it("reports missing when no file exists in the repo or the org", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(404, { message: "Not Found" })
      .get(file("acme", ".github"))
      .reply(404, { message: "Not Found" });

    expect(await load()).toEqual({ status: "missing" });
  });

  it("turns invalid YAML into an invalid result with its position", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, fixture("malformed"), raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.source).toBe("acme/widgets/.github/review-coach.yml");
    expect(result.config).toEqual(defaultConfig());
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: "file",
        line: 4,
        message: expect.stringMatching(/^YAML syntax error: /),
      }),
    ]);
  });

  it("stops an alias bomb in a remote file", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, fixture("evil"), raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.problems[0]?.message).toContain("aliases expand to too large a document");
  });

  it("reports an unknown key with a suggestion", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, fixture("unknown-key"), raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: "unknown_key",
        path: "coaching.min_coments",
        message: 'coaching.min_coments: unknown key (did you mean "min_comments"?)',
      }),
    ]);
  });

  it("reports a wrong type, naming the value and what is allowed", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, fixture("wrong-type"), raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.problems.map((problem) => problem.message)).toEqual(
      expect.arrayContaining([
        'coaching.mode: "loud" is not allowed; expected one of summary, inline, check, off',
        'review_windows.session_gap_minutes: expected a whole number from 1 to 1440, got "thirty"',
      ]),
    );
  });

  it("names the org file when the problem is in the org defaults", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, "_extends: org-settings\n", raw)
      .get(file("acme", "org-settings"))
      .reply(200, "coaching:\n  mode: loud\n", raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.source).toBe("acme/org-settings/.github/review-coach.yml");
  });

  it("reports an _extends that points nowhere instead of silently dropping the org defaults", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, "_extends: org-setings\n", raw)
      .get(file("acme", "org-setings"))
      .reply(404, { message: "Not Found" });

    const result = expectStatus(await load(), "invalid");

    expect(result.source).toBe("acme/widgets/.github/review-coach.yml");
    expect(result.problems).toEqual([
      expect.objectContaining({
        path: "_extends",
        value: "acme/org-setings",
        message: expect.stringContaining("does not exist"),
      }),
    ]);
  });

  it("reports an _extends value the plugin cannot parse", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, "_extends: not a repo\n", raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.problems).toEqual([
      expect.objectContaining({
        path: "_extends",
        message: expect.stringContaining('"not a repo" is not valid'),
      }),
    ]);
  });

  it("reports _extends files that extend each other", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, "_extends: a\n", raw)
      .get(file("acme", "a"))
      .reply(200, "_extends: b\n", raw)
      .get(file("acme", "b"))
      .reply(200, "_extends: a\n", raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.problems[0]?.message).toContain("loops back on itself");
  });

  it("reports a config path that is a directory", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .reply(200, [{ name: "x.yml", type: "file" }], { "content-type": "application/json; charset=utf-8" });

    const result = expectStatus(await load(), "invalid");

    expect(result.problems[0]?.message).toContain("is a directory or a submodule");
  });

  it("reports a file that is a plain string", async () => {
    nock(api).get(file("acme", "widgets")).reply(200, "coaching\n", raw);

    const result = expectStatus(await load(), "invalid");

    expect(result.problems[0]?.message).toContain("top level: expected a mapping");
  });

  it("gives the same version for the same contents and a new one when they change", async () => {
    nock(api)
      .get(file("acme", "widgets"))
      .twice()
      .reply(200, "coaching:\n  mode: loud\n", raw)
      .get(file("acme", "widgets"))
      .reply(200, "coaching:\n  mode: louder\n", raw);

    const first = expectStatus(await load(), "invalid");
    const again = expectStatus(await load(), "invalid");
    const changed = expectStatus(await load(), "invalid");

    expect(again.version).toBe(first.version);
    expect(changed.version).not.toBe(first.version);
  });

  it("returns unavailable with the HTTP status when GitHub refuses", async () => {
    nock(api).get(file("acme", "widgets")).reply(403, { message: "Resource not accessible by integration" });

    const result = expectStatus(await load(), "unavailable");

    expect(result.httpStatus).toBe(403);
    expect(result.reason).toContain("Resource not accessible by integration");
  });

  it("returns unavailable when GitHub fails", async () => {
    nock(api).get(file("acme", "widgets")).reply(502, { message: "Bad Gateway" });

    expect(expectStatus(await load(), "unavailable").httpStatus).toBe(502);
  });
});
