// A realistic week of review activity on one repository, as real-shaped webhook envelopes (demo and end-to-end tests).
import { createRequire } from "node:module";

export interface Envelope {
  event: string;
  delivery: string;
  /** When it happened on GitHub (UTC): the demo sets the app's clock to it before sending. */
  at: string;
  payload: Record<string, unknown>;
}

interface ExampleGroup {
  name: string;
  examples: Record<string, unknown>[];
}

const require = createRequire(import.meta.url);
const groups = require("@octokit/webhooks-examples/api.github.com/index.json") as ExampleGroup[];

/** Real payloads from @octokit/webhooks-examples are the templates; only identities, text and times change. */
function template(event: string, action: string, index = 0): Record<string, unknown> {
  const found = groups.find((g) => g.name === event)?.examples.filter((e) => e.action === action)[index];
  if (!found) throw new Error(`demo: no webhook example for ${event}.${action}`);
  return structuredClone(found);
}

const user = (login: string, id: number, type = "User") => ({
  login,
  id,
  type,
  node_id: `U_${id}`,
  site_admin: false,
});
const PEOPLE = {
  alice: user("alice", 1001),
  bob: user("bob", 1002),
  chen: user("chen", 1003),
  dana: user("dana", 1004),
  erin: user("erin", 1005),
  dependabot: user("dependabot[bot]", 49699333, "Bot"),
} as const;
type Person = keyof typeof PEOPLE;

export const DEMO_REPO = "acme/payments";
const INSTALLATION = { id: 777001, node_id: "MDIz" };

interface Comment {
  by: Person;
  at: string;
  body: string;
  path?: string;
}

interface PrStory {
  number: number;
  title: string;
  author: Person;
  opened: string;
  draftUntil?: string;
  requested: Person[];
  reviews: {
    by: Person;
    at: string;
    state: "commented" | "approved" | "changes_requested";
    body: string;
    comments: Comment[];
  }[];
  conversation?: Comment[];
  closed?: string;
  /** The PR's description; a complete one (what, why, how tested) when left out. */
  description?: string;
  /** Later versions of the description, each sent as a pull_request "edited" delivery. */
  descriptionEdits?: { at: string; body: string }[];
}

/** A description with what, why and how it was tested: the demo's team mostly writes these. */
const fullDescription = (story: PrStory) =>
  [
    `${story.title}, as planned for this sprint.`,
    "",
    "## Why",
    "Support sees tickets about this every week, because the current behaviour surprises merchants.",
    "",
    "## How was this tested?",
    "Added unit tests for the new paths and ran the payments suite locally.",
  ].join("\n");

/** The description as it read at `at`: the last edit made by then, else the one the PR was opened with. */
function descriptionAt(story: PrStory, at: string): string {
  const edits = (story.descriptionEdits ?? []).filter((e) => e.at <= at);
  return edits.at(-1)?.body ?? story.description ?? fullDescription(story);
}

/** Week 2026-W47 (Mon 16 – Sun 22 November 2026), Europe/Berlin team; times are UTC. */
export const DEMO_STORIES: PrStory[] = [
  {
    number: 101,
    title: "Retry failed card captures",
    author: "dana",
    opened: "2026-11-16T08:10:00Z",
    requested: ["alice", "bob"],
    reviews: [
      {
        by: "bob",
        at: "2026-11-16T08:52:00Z",
        state: "changes_requested",
        body: "A few things before this can go in.",
        comments: [
          {
            by: "bob",
            at: "2026-11-16T08:45:00Z",
            path: "src/capture.ts",
            body: "Rename this to `captureWithRetry`.",
          },
          { by: "bob", at: "2026-11-16T08:47:00Z", path: "src/capture.ts", body: "Use const here." },
          { by: "bob", at: "2026-11-16T08:50:00Z", path: "src/capture.ts", body: "Remove the sleep." },
        ],
      },
    ],
    conversation: [{ by: "dana", at: "2026-11-16T10:02:00Z", body: "Done, thanks!" }],
    closed: "2026-11-17T09:40:00Z",
  },
  {
    number: 102,
    title: "Idempotency keys for refunds",
    author: "erin",
    opened: "2026-11-16T13:20:00Z",
    // A thin description at first: the author gets one note, and a thank-you once the edit below fills it in.
    description: "Adds idempotency keys to refunds.",
    descriptionEdits: [
      {
        at: "2026-11-16T13:45:00Z",
        body: [
          "Adds idempotency keys to refunds.",
          "",
          "## Why",
          "A merchant who retries a refund after a timeout is refunded twice today, because each request creates a new refund.",
          "",
          "## How was this tested?",
          "Unit tests send the same key twice and expect one refund; I also retried a refund by hand against the sandbox.",
        ].join("\n"),
      },
    ],
    requested: ["chen"],
    reviews: [
      {
        by: "chen",
        at: "2026-11-16T14:20:00Z",
        state: "commented",
        body: "Nice direction overall.",
        comments: [
          {
            by: "chen",
            at: "2026-11-16T14:12:00Z",
            path: "src/refund.ts",
            body: "What happens if two refund requests with the same key arrive at the same time? Both could pass the lookup before either inserts, so we'd refund twice. A unique index on the key would make the database settle it.",
          },
          {
            by: "chen",
            at: "2026-11-16T14:16:00Z",
            path: "src/refund.ts",
            body: "nit: I'd keep the TTL in config rather than a literal, since ops tune it per region (see docs/ops/ttl.md).",
          },
        ],
      },
    ],
  },
  {
    number: 103,
    title: "Upgrade stripe SDK",
    author: "dependabot",
    opened: "2026-11-17T03:00:00Z",
    requested: ["bob"],
    reviews: [{ by: "alice", at: "2026-11-17T15:20:00Z", state: "approved", body: "LGTM", comments: [] }],
    closed: "2026-11-17T15:25:00Z",
  },
  {
    number: 104,
    title: "Ledger export to CSV",
    author: "dana",
    opened: "2026-11-17T09:00:00Z",
    draftUntil: "2026-11-18T11:30:00Z",
    requested: ["alice"],
    reviews: [
      {
        by: "alice",
        at: "2026-11-18T15:05:00Z",
        state: "changes_requested",
        body: "",
        comments: [
          {
            by: "alice",
            at: "2026-11-18T14:58:00Z",
            path: "src/export.ts",
            body: "Why would you build the CSV by string concatenation?? This is obviously broken for commas in names.",
          },
          { by: "alice", at: "2026-11-18T15:01:00Z", path: "src/export.ts", body: "Wrong." },
        ],
      },
    ],
  },
  {
    number: 105,
    title: "Fix rounding in currency conversion",
    author: "erin",
    opened: "2026-11-19T16:40:00Z",
    requested: ["bob", "chen"],
    reviews: [
      {
        by: "bob",
        at: "2026-11-20T08:40:00Z",
        state: "approved",
        body: "Good catch. Banker's rounding matches what finance does in the ledger, so the totals will reconcile.",
        comments: [
          {
            by: "bob",
            at: "2026-11-20T08:35:00Z",
            path: "src/fx.ts",
            body: "Could we add a test for 0.005? That's the case where half-even and half-up disagree, so it pins the behaviour down.",
          },
        ],
      },
    ],
    // A reviewer opting out of nudges: the app confirms with a 👍 reaction (issue #4).
    conversation: [{ by: "bob", at: "2026-11-20T09:12:00Z", body: "/review-coach off" }],
  },
  {
    number: 106,
    title: "Webhook signature rotation",
    author: "chen",
    // Nobody picks it up: by the week's end it is over the 8 h target and leads the digest's "Worth a look".
    opened: "2026-11-18T09:10:00Z",
    requested: ["alice"],
    reviews: [],
  },
];

let seq = 0;
const nextDelivery = () => `demo-${String(++seq).padStart(4, "0")}`;

function pullRequestPayload(
  story: PrStory,
  at: string,
  draft: boolean,
  state: "open" | "closed",
): Record<string, unknown> {
  const p = template("pull_request", "opened");
  const pr = p.pull_request as Record<string, unknown>;
  const repo = p.repository as Record<string, unknown>;
  Object.assign(repo, {
    id: 5550001,
    name: "payments",
    full_name: DEMO_REPO,
    owner: user("acme", 9000),
    private: true,
  });
  Object.assign(pr, {
    id: 880000 + story.number,
    number: story.number,
    title: story.title,
    body: descriptionAt(story, at),
    user: PEOPLE[story.author],
    html_url: `https://github.com/${DEMO_REPO}/pull/${story.number}`,
    created_at: story.opened,
    updated_at: at,
    closed_at: state === "closed" ? at : null,
    state,
    draft,
    merged: state === "closed",
    requested_reviewers: story.requested.map((r) => PEOPLE[r]),
    requested_teams: [],
    labels: [],
  });
  p.installation = INSTALLATION;
  p.number = story.number;
  return p;
}

/** All deliveries of the demo week, in the order GitHub would send them. */
export function buildScenario(stories: PrStory[] = DEMO_STORIES): Envelope[] {
  seq = 0;
  const timed: { at: string; envelope: () => Omit<Envelope, "at"> }[] = [];
  let commentId = 990000;
  let reviewId = 770000;
  for (const story of stories) {
    const draft = Boolean(story.draftUntil);
    timed.push({
      at: story.opened,
      envelope: () => {
        const payload = pullRequestPayload(story, story.opened, draft, "open");
        payload.action = "opened";
        payload.sender = PEOPLE[story.author];
        return { event: "pull_request", delivery: nextDelivery(), payload };
      },
    });
    for (const edit of story.descriptionEdits ?? []) {
      timed.push({
        at: edit.at,
        envelope: () => {
          const payload = pullRequestPayload(
            story,
            edit.at,
            Boolean(story.draftUntil && edit.at < story.draftUntil),
            "open",
          );
          payload.action = "edited";
          payload.changes = {
            body: { from: descriptionAt(story, new Date(Date.parse(edit.at) - 1).toISOString()) },
          };
          payload.sender = PEOPLE[story.author];
          return { event: "pull_request", delivery: nextDelivery(), payload };
        },
      });
    }
    if (story.draftUntil) {
      const at = story.draftUntil;
      timed.push({
        at,
        envelope: () => {
          const payload = pullRequestPayload(story, at, false, "open");
          payload.action = "ready_for_review";
          payload.sender = PEOPLE[story.author];
          return { event: "pull_request", delivery: nextDelivery(), payload };
        },
      });
    }
    for (const review of story.reviews) {
      const id = ++reviewId;
      for (const c of review.comments) {
        const cid = ++commentId;
        timed.push({
          at: c.at,
          envelope: () => {
            const payload = template("pull_request_review_comment", "created");
            payload.pull_request = pullRequestPayload(story, c.at, false, "open").pull_request;
            payload.repository = pullRequestPayload(story, c.at, false, "open").repository;
            payload.installation = INSTALLATION;
            payload.sender = PEOPLE[c.by];
            Object.assign(payload.comment as Record<string, unknown>, {
              id: cid,
              pull_request_review_id: id,
              user: PEOPLE[c.by],
              body: c.body,
              path: c.path ?? "README.md",
              created_at: c.at,
              updated_at: c.at,
              html_url: `https://github.com/${DEMO_REPO}/pull/${story.number}#discussion_r${cid}`,
            });
            return { event: "pull_request_review_comment", delivery: nextDelivery(), payload };
          },
        });
      }
      timed.push({
        at: review.at,
        envelope: () => {
          const payload = template("pull_request_review", "submitted", 1);
          payload.pull_request = pullRequestPayload(story, review.at, false, "open").pull_request;
          payload.repository = pullRequestPayload(story, review.at, false, "open").repository;
          payload.installation = INSTALLATION;
          payload.sender = PEOPLE[review.by];
          Object.assign(payload.review as Record<string, unknown>, {
            id,
            user: PEOPLE[review.by],
            body: review.body,
            state: review.state,
            submitted_at: review.at,
            html_url: `https://github.com/${DEMO_REPO}/pull/${story.number}#pullrequestreview-${id}`,
          });
          return { event: "pull_request_review", delivery: nextDelivery(), payload };
        },
      });
    }
    for (const c of story.conversation ?? []) {
      const cid = ++commentId;
      timed.push({
        at: c.at,
        envelope: () => {
          const payload = template("issue_comment", "created");
          const issue = payload.issue as Record<string, unknown>;
          Object.assign(issue, {
            number: story.number,
            user: PEOPLE[story.author],
            pull_request: { url: `https://api.github.com/repos/${DEMO_REPO}/pulls/${story.number}` },
            draft: false,
          });
          payload.repository = pullRequestPayload(story, c.at, false, "open").repository;
          payload.installation = INSTALLATION;
          payload.sender = PEOPLE[c.by];
          Object.assign(payload.comment as Record<string, unknown>, {
            id: cid,
            user: PEOPLE[c.by],
            body: c.body,
            created_at: c.at,
            updated_at: c.at,
            html_url: `https://github.com/${DEMO_REPO}/pull/${story.number}#issuecomment-${cid}`,
          });
          return { event: "issue_comment", delivery: nextDelivery(), payload };
        },
      });
    }
    if (story.closed) {
      const at = story.closed;
      timed.push({
        at,
        envelope: () => {
          const payload = pullRequestPayload(story, at, false, "closed");
          payload.action = "closed";
          payload.sender = PEOPLE[story.author];
          return { event: "pull_request", delivery: nextDelivery(), payload };
        },
      });
    }
  }
  return timed.sort((a, b) => a.at.localeCompare(b.at)).map((t) => ({ ...t.envelope(), at: t.at }));
}
