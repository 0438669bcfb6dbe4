// The demo's second repository (issue #17; README, "Onboarding"): acme/checkout has no config, so installing the app
// backfills its last 4 weeks from the fake GitHub and opens the onboarding pull request. Four weeks before the demo
// week, three pull requests a week, reviewed in the team's mornings and afternoons (Berlin).
import { DateTime } from "luxon";
import type { FakeGithub, GithubUser } from "../fake-github/fake-github.js";

export const ONBOARDED_REPO = "acme/checkout";
/** Shortly before the demo week's first delivery: the app is installed then. */
export const INSTALL_MOMENT = "2026-11-16T07:00:00Z";
const MONDAYS = ["2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09"];

const person = (login: string): GithubUser => ({ login, id: 5000 + login.charCodeAt(0), type: "User" });
const local = (monday: string, plusDays: number, time: string) =>
  DateTime.fromISO(`${monday}T${time}`, { zone: "Europe/Berlin" }).plus({ days: plusDays }).toUTC().toISO() ??
  "";

const STORIES = [
  // author, reviewer, ready (day, time), review (day, time), comments
  ["erin", "frank", [0, "09:10"], [0, "11:00"], ["Rename this to `total`.", "Drop the retry here."]],
  [
    "frank",
    "gina",
    [1, "14:30"],
    [2, "09:40"],
    ["Could we validate the amount first? Otherwise a negative refund reaches the ledger."],
  ],
  ["gina", "erin", [3, "10:00"], [3, "15:20"], ["Use the shared formatter.", "Remove the log line."]],
] as const;

export function seedOnboardingHistory(fake: FakeGithub): void {
  let id = 880_000;
  let number = 200;
  for (const monday of MONDAYS) {
    for (const [author, reviewer, ready, review, comments] of STORIES) {
      const createdAt = local(monday, ready[0], ready[1]);
      const submittedAt = local(monday, review[0], review[1]);
      const reviewId = ++id;
      fake.seedPull(ONBOARDED_REPO, {
        number: ++number,
        user: person(author),
        createdAt,
        updatedAt: submittedAt,
        reviews: [
          { id: reviewId, user: person(reviewer), body: null, state: "COMMENTED", submitted_at: submittedAt },
        ],
        reviewComments: comments.map((body) => ({
          id: ++id,
          user: person(reviewer),
          body,
          path: "src/checkout.ts",
          pull_request_review_id: reviewId,
          created_at: submittedAt,
          updated_at: submittedAt,
        })),
      });
    }
  }
}

/** GitHub's installation.created for the demo's organisation: both repositories. */
export function installationDelivery(installationId: number, repos: readonly string[]) {
  return {
    event: "installation",
    delivery: "demo-install",
    payload: {
      action: "created",
      installation: { id: installationId, account: { login: "acme", id: 1, type: "Organization" } },
      repositories: repos.map((fullName, i) => ({
        id: 990 + i,
        full_name: fullName,
        name: fullName.split("/")[1],
        private: false,
      })),
      sender: { login: "alice", id: 1, type: "User" },
    },
  };
}
