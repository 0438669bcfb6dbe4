// The GitHub writes of onboarding (issue #17; README, "Onboarding"): a branch, the config file committed through the
// contents API, and one pull request; or, with ONBOARDING=off, one issue. Each step finds what an interrupted run
// left behind (the branch, the file, the PR) instead of making a second one.
import type { Octokit } from "@octokit/rest";

/** Probot's installation client and the CLI's Octokit both have these. */
export type OnboardingOctokit = Pick<Octokit, "rest" | "request">;

export const ONBOARDING_BRANCH = "review-coach/onboarding";

const statusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
};

export interface PullRequestContent {
  owner: string;
  repo: string;
  path: string;
  fileText: string;
  title: string;
  body: string;
}

/**
 * Opens the onboarding pull request, or updates the one already on ONBOARDING_BRANCH in place (the file and the
 * body). Returns its number, or null when the branch's PR was closed (it is never reopened).
 */
export async function openOrUpdatePullRequest(
  octokit: OnboardingOctokit,
  content: PullRequestContent,
): Promise<{ number: number; created: boolean } | null> {
  const { owner, repo } = content;
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const base = repository.default_branch;
  const { data: existing } = await octokit.rest.pulls.list({
    owner,
    repo,
    head: `${owner}:${ONBOARDING_BRANCH}`,
    state: "all",
    per_page: 10,
  });
  const found = existing[0];
  if (found !== undefined && found.state !== "open") return null;

  if (found === undefined) {
    const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${base}` });
    try {
      await octokit.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${ONBOARDING_BRANCH}`,
        sha: ref.object.sha,
      });
    } catch (error) {
      // 422: the branch is there from an interrupted run; its file is updated below.
      if (statusOf(error) !== 422) throw error;
    }
  }
  await putFile(octokit, content, ONBOARDING_BRANCH, found === undefined ? "Add" : "Update");
  if (found !== undefined) {
    if (found.body !== content.body || found.title !== content.title) {
      await octokit.rest.pulls.update({
        owner,
        repo,
        pull_number: found.number,
        title: content.title,
        body: content.body,
      });
    }
    return { number: found.number, created: false };
  }
  const { data: created } = await octokit.rest.pulls.create({
    owner,
    repo,
    head: ONBOARDING_BRANCH,
    base,
    title: content.title,
    body: content.body,
  });
  return { number: created.number, created: true };
}

async function putFile(
  octokit: OnboardingOctokit,
  content: PullRequestContent,
  branch: string,
  verb: "Add" | "Update",
): Promise<void> {
  const { owner, repo, path } = content;
  let sha: string | undefined;
  let current: string | undefined;
  try {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path, ref: branch });
    if (!Array.isArray(data) && data.type === "file") {
      sha = data.sha;
      current = Buffer.from(data.content ?? "", "base64").toString("utf8");
    }
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
  }
  if (current === content.fileText) return;
  await octokit.rest.repos.createOrUpdateFileContents({
    owner,
    repo,
    path,
    branch,
    message: `${verb} ${path} (review-coach onboarding)`,
    content: Buffer.from(content.fileText, "utf8").toString("base64"),
    ...(sha ? { sha } : {}),
  });
}

/** ONBOARDING=off: the same preview as an issue (the app keeps contents read-only). Updated in place by number. */
export async function openOrUpdateIssue(
  octokit: OnboardingOctokit,
  content: { owner: string; repo: string; title: string; body: string; number: number | null },
): Promise<{ number: number; created: boolean } | null> {
  const { owner, repo } = content;
  if (content.number !== null) {
    const { data: issue } = await octokit.rest.issues.get({ owner, repo, issue_number: content.number });
    if (issue.state !== "open") return null;
    if (issue.body !== content.body) {
      await octokit.rest.issues.update({ owner, repo, issue_number: content.number, body: content.body });
    }
    return { number: content.number, created: false };
  }
  const { data: created } = await octokit.rest.issues.create({
    owner,
    repo,
    title: content.title,
    body: content.body,
  });
  return { number: created.number, created: true };
}

/**
 * Waits before the next repository when the installation's hourly budget is short of `reserve` requests, until it
 * resets (GET /rate_limit costs nothing). Paces an organisation with hundreds of repositories.
 */
export async function paceForRateLimit(
  octokit: OnboardingOctokit,
  options: { reserve: number; sleep: (ms: number) => Promise<void>; now: () => number },
): Promise<number> {
  const { data } = await octokit.rest.rateLimit.get();
  const core = data.resources.core;
  if (core.remaining >= options.reserve) return 0;
  const waitMs = Math.max(core.reset * 1000 - options.now(), 0) + 1000;
  await options.sleep(waitMs);
  return waitMs;
}
