// REST answers shaped like GitHub's (the fields backfill reads, plus a few it ignores), for nock.
import type nock from "nock";

export const API = "https://api.github.com";
const repo = {
  id: 1,
  name: "app",
  full_name: "acme/app",
  private: false,
  owner: { login: "acme", type: "Organization" },
};
const user = (login: string) => ({ login, id: login.length, type: login.endsWith("[bot]") ? "Bot" : "User" });

export function pull(
  number: number,
  fields: { created: string; updated: string; draft?: boolean; closed?: string },
) {
  return {
    url: `${API}/repos/acme/app/pulls/${number}`,
    id: 9000 + number,
    number,
    user: user("ana"),
    title: `Change ${number}`,
    state: fields.closed ? "closed" : "open",
    draft: fields.draft ?? false,
    locked: false,
    labels: [],
    requested_reviewers: [],
    requested_teams: [],
    html_url: `https://github.com/acme/app/pull/${number}`,
    created_at: fields.created,
    updated_at: fields.updated,
    closed_at: fields.closed ?? null,
    merged_at: fields.closed ?? null,
    base: { ref: "main", repo },
    head: { ref: `change-${number}`, repo },
  };
}

/** A PR's history: a review request, one review with a line comment, and a conversation comment. */
export function history(
  number: number,
  at: { requested: string; reviewed: string; readyAt?: string; closedAt?: string },
) {
  const id = number * 100;
  return {
    reviews: [
      {
        id: id + 1,
        user: user("alice"),
        body: "Looks close; see the comment on the retry.",
        state: "COMMENTED",
        submitted_at: at.reviewed,
        html_url: `https://github.com/acme/app/pull/${number}#pullrequestreview-${id + 1}`,
        commit_id: "abc",
      },
      { id: id + 9, user: user("alice"), body: "", state: "PENDING", html_url: "x" },
    ],
    reviewComments: [
      {
        id: id + 2,
        user: user("alice"),
        body: "Please keep the retry, because otherwise a flaky network fails the whole import.",
        pull_request_review_id: id + 1,
        path: "src/import.ts",
        created_at: at.reviewed,
        updated_at: at.reviewed,
        html_url: `https://github.com/acme/app/pull/${number}#discussion_r${id + 2}`,
      },
    ],
    issueComments: [
      {
        id: id + 3,
        user: user("github-actions[bot]"),
        body: "Coverage 91%",
        created_at: at.requested,
        updated_at: at.requested,
        html_url: `https://github.com/acme/app/pull/${number}#issuecomment-${id + 3}`,
      },
    ],
    timeline: [
      ...(at.readyAt
        ? [{ event: "ready_for_review", id: id + 4, actor: user("ana"), created_at: at.readyAt }]
        : []),
      {
        event: "review_requested",
        id: id + 5,
        actor: user("ana"),
        created_at: at.requested,
        requested_reviewer: user("alice"),
        review_requester: user("ana"),
      },
      { event: "reviewed", id: id + 1, state: "commented", submitted_at: at.reviewed },
      ...(at.closedAt ? [{ event: "closed", id: id + 6, actor: user("ana"), created_at: at.closedAt }] : []),
      { event: "committed", sha: "abc" },
    ],
  };
}

export type History = ReturnType<typeof history>;

/** Mocks the four history endpoints of a PR. */
export function mockHistory(scope: nock.Scope, number: number, h: History): nock.Scope {
  return scope
    .get(`/repos/acme/app/pulls/${number}/reviews`)
    .query({ per_page: "100" })
    .reply(200, h.reviews)
    .get(`/repos/acme/app/pulls/${number}/comments`)
    .query({ per_page: "100" })
    .reply(200, h.reviewComments)
    .get(`/repos/acme/app/issues/${number}/comments`)
    .query({ per_page: "100" })
    .reply(200, h.issueComments)
    .get(`/repos/acme/app/issues/${number}/timeline`)
    .query({ per_page: "100" })
    .reply(200, h.timeline);
}

export const LIST_QUERY = { state: "all", sort: "updated", direction: "desc", per_page: "100" };
