// Reads a repository's pull request history over REST for backfill: the only backfill code that knows the paths.
import type { Octokit } from "@octokit/rest";
import type { PrHistory } from "../backfill/github-objects.js";

/** The port backfill reads through; tests and other sources can stand in for GitHub. */
export interface PrHistorySource {
  /** Every PR updated at or after `since`, most recently updated first, as GitHub returned them. */
  listPullRequests(repo: string, since: Date): Promise<unknown[]>;
  fetchHistory(repo: string, prNumber: number): Promise<PrHistory>;
}

const PER_PAGE = 100;

const split = (repo: string): { owner: string; repo: string } => {
  const [owner = "", name = ""] = repo.split("/");
  return { owner, repo: name };
};

/**
 * The fields backfill uses: a listed PR carries its head and base repositories in full (kilobytes each), and a
 * backfill holds every listed PR in memory until it is done.
 */
function slim(
  pr: Record<string, unknown> & { base: { repo: Record<string, unknown> } },
): Record<string, unknown> {
  const keep = [
    "id",
    "number",
    "user",
    "title",
    "state",
    "draft",
    "labels",
    "requested_reviewers",
    "requested_teams",
    "html_url",
    "created_at",
    "updated_at",
    "closed_at",
    "merged_at",
  ];
  const repo = pr.base.repo;
  return {
    ...Object.fromEntries(keep.filter((key) => key in pr).map((key) => [key, pr[key]])),
    base: { repo: { id: repo.id, full_name: repo.full_name, private: repo.private } },
  };
}

export function createGithubPrSource(octokit: Octokit): PrHistorySource {
  return {
    async listPullRequests(repo, since) {
      const found: unknown[] = [];
      // Sorted by updated_at descending, so the first PR updated before `since` ends the listing: no page after it
      // can hold a newer one. Pages follow GitHub's Link headers.
      const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
        ...split(repo),
        state: "all",
        sort: "updated",
        direction: "desc",
        per_page: PER_PAGE,
      });
      for await (const page of pages) {
        for (const pr of page.data) {
          if (Date.parse(pr.updated_at) < since.getTime()) return found;
          found.push(slim(pr));
        }
      }
      return found;
    },
    async fetchHistory(repo, prNumber) {
      const params = { ...split(repo), per_page: PER_PAGE };
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
        ...params,
        pull_number: prNumber,
      });
      const reviewComments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
        ...params,
        pull_number: prNumber,
      });
      const issueComments = await octokit.paginate(octokit.rest.issues.listComments, {
        ...params,
        issue_number: prNumber,
      });
      const timeline = await octokit.paginate(octokit.rest.issues.listEventsForTimeline, {
        ...params,
        issue_number: prNumber,
      });
      return { reviews, reviewComments, issueComments, timeline };
    },
  };
}
