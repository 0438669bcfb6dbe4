// Zod schemas for just the webhook payload fields ingest reads: payloads are untrusted input (docs/architecture.md, "Conventions").
import { z } from "zod";

export const Actor = z.looseObject({
  login: z.string(),
  type: z.string().default("User"),
});
export type Actor = z.infer<typeof Actor>;

const Team = z.looseObject({ slug: z.string() });

/**
 * `name` and `owner.login` are not stored but the handlers need them (config, replies): a payload without them fails
 * here, once, naming the field, instead of crashing its job on every retry.
 */
export const Repository = z.looseObject({
  id: z.number(),
  full_name: z.string(),
  name: z.string(),
  owner: z.looseObject({ login: z.string() }),
  private: z.boolean().default(false),
});

export const PullRequest = z.looseObject({
  id: z.number(),
  number: z.number(),
  user: Actor,
  title: z.string().default(""),
  state: z.string(),
  draft: z.boolean().default(false),
  merged: z.boolean().nullish(),
  labels: z.array(z.looseObject({ name: z.string() })).default([]),
  requested_reviewers: z.array(z.union([Actor, Team])).default([]),
  requested_teams: z.array(Team).default([]),
  html_url: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullish(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const Installation = z.looseObject({ id: z.number() });

const Base = z.looseObject({
  action: z.string().optional(),
  installation: Installation.nullish(),
  repository: Repository,
  sender: Actor,
});

export const PullRequestPayload = Base.extend({
  action: z.string(),
  pull_request: PullRequest,
  requested_reviewer: Actor.nullish(),
  requested_team: Team.nullish(),
});

export const ReviewPayload = Base.extend({
  action: z.string(),
  pull_request: PullRequest,
  review: z.looseObject({
    id: z.number(),
    user: Actor.nullable(),
    body: z.string().nullable(),
    state: z.string(),
    submitted_at: z.string().nullish(),
    html_url: z.string().nullish(),
    performed_via_github_app: z.looseObject({ id: z.number() }).nullish(),
  }),
});

export const ReviewCommentPayload = Base.extend({
  action: z.string(),
  pull_request: PullRequest,
  comment: z.looseObject({
    id: z.number(),
    user: Actor.nullable(),
    body: z.string(),
    pull_request_review_id: z.number().nullish(),
    in_reply_to_id: z.number().nullish(),
    path: z.string().nullish(),
    html_url: z.string().nullish(),
    created_at: z.string(),
    updated_at: z.string(),
    performed_via_github_app: z.looseObject({ id: z.number() }).nullish(),
  }),
});

export const IssueCommentPayload = Base.extend({
  action: z.string(),
  issue: z.looseObject({
    number: z.number(),
    user: Actor,
    draft: z.boolean().optional(),
    pull_request: z.looseObject({}).nullish(),
  }),
  comment: z.looseObject({
    id: z.number(),
    user: Actor.nullable(),
    body: z.string(),
    html_url: z.string().nullish(),
    created_at: z.string(),
    updated_at: z.string(),
    performed_via_github_app: z.looseObject({ id: z.number() }).nullish(),
  }),
});

export const InstallationPayload = z.looseObject({
  action: z.string(),
  installation: z.looseObject({
    id: z.number(),
    account: z
      .looseObject({ login: z.string().optional(), slug: z.string().optional(), type: z.string().optional() })
      .nullish(),
    created_at: z.union([z.string(), z.number()]).optional(),
  }),
  repositories: z
    .array(z.looseObject({ id: z.number(), full_name: z.string(), private: z.boolean().default(false) }))
    .optional(),
  repositories_added: z
    .array(z.looseObject({ id: z.number(), full_name: z.string(), private: z.boolean().default(false) }))
    .optional(),
  repositories_removed: z.array(z.looseObject({ id: z.number(), full_name: z.string() })).optional(),
});
