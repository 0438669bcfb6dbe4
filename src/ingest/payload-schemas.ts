// The one module that reads GitHub's webhook payloads: zod schemas for just the fields ingest and the handlers depend
// on, checked at compile time against @octokit/webhooks-types (payloads are untrusted input: docs/architecture.md,
// "Conventions").
import type {
  InstallationEvent,
  InstallationRepositoriesEvent,
  IssueCommentEvent,
  PullRequestEvent,
  PullRequestReviewCommentEvent,
  PullRequestReviewEvent,
} from "@octokit/webhooks-types";
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

/** What every stored delivery row records, read leniently: a field that is missing or malformed is null. */
export const DeliveryFacts = z
  .object({
    action: z.string().nullable().catch(null),
    installation: z
      .looseObject({ id: z.number() })
      .transform((installation) => installation.id)
      .nullable()
      .catch(null),
    repository: z
      .looseObject({ full_name: z.string() })
      .transform((repository) => repository.full_name)
      .nullable()
      .catch(null),
  })
  .catch({ action: null, installation: null, repository: null });

const CommentAuthor = Actor.nullable();

/** `/review-coach off|on` in a PR comment or review comment (handlers/reviewer-command.ts). */
export const CommandPayload = z.looseObject({
  installation: Installation.nullish(),
  repository: Repository,
  comment: z.looseObject({
    id: z.number(),
    body: z.string().nullish(),
    user: CommentAuthor,
    created_at: z.string(),
  }),
});

/** A review or review comment that may (re)evaluate a review's nudge (handlers/coach-review.ts). */
export const CoachPayload = z.looseObject({
  action: z.string(),
  installation: Installation.nullish(),
  repository: Repository,
  pull_request: z.looseObject({
    number: z.number(),
    user: Actor,
    head: z.looseObject({ sha: z.string().optional() }).nullish(),
  }),
  review: z.looseObject({ id: z.number(), user: CommentAuthor }).optional(),
  comment: z
    .looseObject({
      body: z.string().nullish(),
      user: CommentAuthor,
      pull_request_review_id: z.number().nullish(),
    })
    .optional(),
});
export type CoachPayload = z.infer<typeof CoachPayload>;

/** Where a config report goes: the repository, and the PR (or the PR's conversation) of the delivery. */
export const ConfigPayload = z.looseObject({
  repository: Repository,
  pull_request: z
    .looseObject({ number: z.number(), head: z.looseObject({ sha: z.string().optional() }).nullish() })
    .optional(),
  issue: z.looseObject({ number: z.number() }).optional(),
});

/** A pull request closing: the onboarding pull request's answer, merged or not (handlers/onboarding-jobs.ts). */
export const ClosedPullRequestPayload = z.looseObject({
  action: z.string(),
  repository: Repository,
  pull_request: z.looseObject({
    number: z.number(),
    merged: z.boolean().nullish(),
    merged_at: z.string().nullish(),
    closed_at: z.string().nullish(),
    head: z.looseObject({ ref: z.string() }),
  }),
});

/**
 * Compile-time check that every payload GitHub documents passes the schemas above: `Accepts<typeof S, E>` fails to
 * type-check when a schema asks for a field, or a type, that webhooks-types says event E may not have.
 */
type Declared<T> = T extends readonly (infer U)[]
  ? Declared<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Declared<T[K]> }
    : T;
type Accepts<S extends z.ZodType, E extends Declared<z.input<S>>> = [S, E];
export type PayloadChecks = [
  Accepts<typeof PullRequestPayload, PullRequestEvent>,
  Accepts<typeof ReviewPayload, PullRequestReviewEvent>,
  Accepts<typeof ReviewCommentPayload, PullRequestReviewCommentEvent>,
  Accepts<typeof IssueCommentPayload, IssueCommentEvent>,
  Accepts<typeof InstallationPayload, InstallationEvent | InstallationRepositoriesEvent>,
  Accepts<typeof CommandPayload, IssueCommentEvent | PullRequestReviewCommentEvent>,
  Accepts<typeof CoachPayload, PullRequestReviewEvent | PullRequestReviewCommentEvent>,
  Accepts<typeof ConfigPayload, PullRequestEvent | PullRequestReviewEvent | IssueCommentEvent>,
  Accepts<typeof ClosedPullRequestPayload, PullRequestEvent>,
];
