// Reads what a description's assessment needs beyond the payload: the PR's changed files, the repository's PR
// template, and the ADR folder's template (docs/architecture.md, "Descriptions"). Each read survives a refusal.
import type { ProbotOctokit } from "probot";
import { survivableStatus } from "./github-error.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

interface Repo {
  owner: string;
  repo: string;
}

/** GitHub lists at most 3,000 files of a PR; a PR that size is architectural long before the last page. */
const MAX_FILES = 3000;

/**
 * The paths the PR changes (renames under both names), or null when GitHub refuses (403: the installation may not
 * read contents; 404: the PR is gone). A 5xx, 429 or network error is thrown so the delivery is retried.
 */
export async function listChangedFiles(
  octokit: Octokit,
  where: Repo & { prNumber: number },
): Promise<string[] | null> {
  try {
    const files: string[] = [];
    for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listFiles, {
      owner: where.owner,
      repo: where.repo,
      pull_number: where.prNumber,
      per_page: 100,
    })) {
      for (const f of page.data) {
        files.push(f.filename);
        if (f.previous_filename) files.push(f.previous_filename);
      }
      if (files.length >= MAX_FILES) break;
    }
    return files;
  } catch (error) {
    if (survivableStatus(error) !== undefined) return null;
    throw error;
  }
}

/** Where GitHub looks for a PR template, in its order; the first found is the template. */
const TEMPLATE_PATHS = [
  ".github/pull_request_template.md",
  ".github/PULL_REQUEST_TEMPLATE.md",
  "pull_request_template.md",
  "PULL_REQUEST_TEMPLATE.md",
  "docs/pull_request_template.md",
  "docs/PULL_REQUEST_TEMPLATE.md",
];
const TEMPLATE_FOLDER = ".github/PULL_REQUEST_TEMPLATE";
const MAX_TEMPLATE_BYTES = 64 * 1024;

/** The repository's PR template (or the first in its template folder), or null when it has none or it cannot be read. */
export async function readPullRequestTemplate(octokit: Octokit, where: Repo): Promise<string | null> {
  for (const path of TEMPLATE_PATHS) {
    const text = await readText(octokit, where, path);
    if (text !== null) return text;
  }
  const listing = await listFolder(octokit, where, TEMPLATE_FOLDER);
  const first = listing
    .filter((f) => f.type === "file" && /\.md$/i.test(f.name))
    .sort((a, b) => a.name.localeCompare(b.name))[0];
  return first ? readText(octokit, where, first.path) : null;
}

/** The ADR folder's page on GitHub and its template file, when the folder exists. */
export async function findAdrFolder(
  octokit: Octokit,
  where: Repo,
  folder: string,
): Promise<{ url: string | null; templateUrl: string | null }> {
  const listing = await listFolder(octokit, where, folder.replace(/^\.?\/+|\/+$/g, ""));
  if (listing.length === 0) return { url: null, templateUrl: null };
  const template = listing.find((f) => f.type === "file" && /template/i.test(f.name));
  const parent = listing[0]?.html_url?.replace(/\/[^/]+$/, "") ?? null;
  return { url: parent, templateUrl: template?.html_url ?? null };
}

interface Entry {
  name: string;
  path: string;
  type: string;
  html_url: string | null;
}

async function listFolder(octokit: Octokit, where: Repo, path: string): Promise<Entry[]> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: where.owner, repo: where.repo, path });
    return Array.isArray(data)
      ? data.map((f) => ({ name: f.name, path: f.path, type: f.type, html_url: f.html_url ?? null }))
      : [];
  } catch (error) {
    if (survivableStatus(error) !== undefined) return [];
    throw error;
  }
}

async function readText(octokit: Octokit, where: Repo, path: string): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ owner: where.owner, repo: where.repo, path });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return null;
    if (data.size > MAX_TEMPLATE_BYTES) return null;
    return Buffer.from(data.content, (data.encoding as BufferEncoding) ?? "base64").toString("utf8");
  } catch (error) {
    if (survivableStatus(error) !== undefined) return null;
    throw error;
  }
}
