// The toolchain end to end: TypeScript under native ESM, Probot authenticating as an installation, and nock answering
// the GitHub API in its place (every other test relies on these three).
import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { testPrivateKey } from "./helpers/signed-delivery.js";

describe("toolchain", () => {
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("authenticates as an installation and calls the API, both answered by nock", async () => {
    nock.disableNetConnect();
    const github = nock("https://api.github.com")
      .post("/app/installations/7/access_tokens")
      .reply(201, { token: "ghs_smoke", expires_at: "2099-01-01T00:00:00Z" })
      .get("/repos/acme/app")
      .matchHeader("authorization", "token ghs_smoke")
      .reply(200, { full_name: "acme/app" });
    const probot = new Probot({
      appId: 1,
      privateKey: testPrivateKey(),
      Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    });

    const octokit = await probot.auth(7);
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "app" });

    expect(data.full_name).toBe("acme/app");
    expect(github.isDone()).toBe(true);
  });

  it("refuses a request nock was not told about while the network is off", async () => {
    nock.disableNetConnect();
    const octokit = new ProbotOctokit({ auth: { token: "x" }, retry: { enabled: false } });
    await expect(octokit.request("GET /zen")).rejects.toThrow(/Disallowed net connect|Nock: No match/);
  });
});
