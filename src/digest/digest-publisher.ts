// The port the digest posts through, and its adapter over any octokit (Probot's installation client or @octokit/rest).
import type { Octokit } from "@octokit/rest";
import { httpStatusOf } from "../github/github-error.js";

export interface DigestIssue {
  number: number;
  url: string | null;
}

export interface DigestPublisher {
  /** Creates the label when it is missing (an existing one is fine). */
  ensureLabel(repo: string, label: string): Promise<void>;
  /** A digest issue already created for this marker (a post that died before it was recorded), if any. */
  findIssue(repo: string, label: string, marker: string): Promise<DigestIssue | null>;
  createIssue(repo: string, issue: { title: string; body: string; labels: string[] }): Promise<DigestIssue>;
}

export type RequestOctokit = Pick<Octokit, "request">;

const LABEL_COLOR = "5319e7";
const LABEL_DESCRIPTION = "Weekly review digest by review-coach";

const split = (repo: string): { owner: string; repo: string } => {
  const [owner = "", name = ""] = repo.split("/");
  return { owner, repo: name };
};

export function createOctokitDigestPublisher(octokit: RequestOctokit): DigestPublisher {
  return {
    async ensureLabel(repo, label) {
      try {
        await octokit.request("POST /repos/{owner}/{repo}/labels", {
          ...split(repo),
          name: label,
          color: LABEL_COLOR,
          description: LABEL_DESCRIPTION,
        });
      } catch (error) {
        // 422 already_exists: the label is there, which is all this asks for.
        if (httpStatusOf(error) !== 422) throw error;
      }
    },
    async findIssue(repo, label, marker) {
      // The newest issues with the label: a digest to find is at most a few days old.
      const { data } = await octokit.request("GET /repos/{owner}/{repo}/issues", {
        ...split(repo),
        labels: label,
        state: "all",
        sort: "created",
        direction: "desc",
        per_page: 50,
      });
      const found = data.find((issue) => !issue.pull_request && (issue.body ?? "").includes(marker));
      return found ? { number: found.number, url: found.html_url } : null;
    },
    async createIssue(repo, issue) {
      const { data } = await octokit.request("POST /repos/{owner}/{repo}/issues", {
        ...split(repo),
        title: issue.title,
        body: issue.body,
        labels: issue.labels,
        // Never retried by the client: GitHub may have created it before failing; the job retry finds it by the marker in its body.
        request: { retries: 0 },
      });
      return { number: data.number, url: data.html_url };
    },
  };
}
