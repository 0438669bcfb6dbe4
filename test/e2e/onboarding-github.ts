// The onboarding fixture (test/onboarding/fixture-history.ts) as GitHub's REST API returns it, seeded into the fake
// GitHub so that the install delivery's backfill reads it: four weeks in Berlin, three pull requests a week.
import type { FakeGithub, GithubUser } from "../../scripts/fake-github/fake-github.js";
import { at } from "../figures/factory.js";
import { CORRECTIONS, TEACHING } from "../onboarding/fixture-history.js";

export const ONBOARDED_REPO = "acme/shop";
export const INSTALLATION_ID = 77;
const MONDAYS = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"];

const user = (login: string): GithubUser => ({ login, id: login.length * 1000, type: "User" });
const day = (monday: string, plus: number): string => {
  const date = new Date(`${monday}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + plus);
  return date.toISOString().slice(0, 10);
};

export function seedFixtureHistory(fake: FakeGithub): void {
  let id = 7_000;
  const seed = (
    number: number,
    author: string,
    reviewer: string,
    readyLocal: string,
    reviewLocal: string,
    lines: string[],
    body: string | null,
    state: string,
  ) => {
    const createdAt = at(readyLocal);
    const submittedAt = at(reviewLocal);
    const reviewId = ++id;
    fake.seedPull(ONBOARDED_REPO, {
      number,
      user: user(author),
      createdAt,
      updatedAt: submittedAt,
      reviews: [{ id: reviewId, user: user(reviewer), body, state, submitted_at: submittedAt }],
      reviewComments: lines.map((text) => ({
        id: ++id,
        user: user(reviewer),
        body: text,
        path: "src/cart.ts",
        pull_request_review_id: reviewId,
        created_at: submittedAt,
        updated_at: submittedAt,
      })),
    });
  };
  for (const [w, monday] of MONDAYS.entries()) {
    const n = 10 * (w + 1);
    seed(n + 1, "ana", "ben", `${monday} 09:00`, `${monday} 10:00`, CORRECTIONS, null, "COMMENTED");
    seed(
      n + 2,
      "ben",
      "ana",
      `${day(monday, 1)} 14:00`,
      `${day(monday, 2)} 10:00`,
      [TEACHING],
      null,
      "COMMENTED",
    );
    seed(n + 3, "ana", "cy", `${day(monday, 3)} 16:00`, `${day(monday, 4)} 11:00`, [], "LGTM", "APPROVED");
  }
}

const account = { login: "acme", id: 1, type: "Organization" };
const sender = { login: "ana", id: 3000, type: "User" };

export function installationCreated(repos: readonly string[], delivery = "install-1") {
  return {
    event: "installation",
    delivery,
    payload: {
      action: "created",
      installation: { id: INSTALLATION_ID, account },
      repositories: repos.map((fullName, i) => ({
        id: 700 + i,
        full_name: fullName,
        name: fullName.split("/")[1],
        private: false,
      })),
      sender,
    },
  };
}

export function repositoriesAdded(repos: readonly string[], delivery: string) {
  const created = installationCreated(repos, delivery);
  const { repositories, ...rest } = created.payload;
  return {
    ...created,
    event: "installation_repositories",
    payload: { ...rest, action: "added", repository_selection: "selected", repositories_added: repositories },
  };
}

/** The pull_request.closed delivery GitHub sends when a person closes (or merges) the onboarding pull request. */
export function pullRequestClosed(fake: FakeGithub, number: number, merged: boolean, delivery: string) {
  const pull = fake.closePull(ONBOARDED_REPO, number, { merged });
  return {
    event: "pull_request",
    delivery,
    payload: {
      action: "closed",
      number,
      installation: { id: INSTALLATION_ID },
      repository: {
        id: 700,
        full_name: ONBOARDED_REPO,
        name: "shop",
        owner: { login: "acme" },
        private: false,
      },
      sender,
      pull_request: {
        id: pull.id,
        number,
        user: pull.user,
        title: pull.title,
        body: pull.body,
        state: "closed",
        draft: false,
        merged,
        merged_at: pull.mergedAt,
        closed_at: pull.closedAt,
        created_at: pull.createdAt,
        updated_at: pull.updatedAt,
        labels: [],
        requested_reviewers: [],
        requested_teams: [],
        head: { ref: pull.head, sha: `${pull.head}-sha` },
        base: { ref: pull.base, sha: `${pull.base}-sha` },
      },
    },
  };
}
