// Zod schemas for the REST objects backfill reads (GitHub's answers are untrusted input: docs/architecture.md, "Conventions").
import { z } from "zod";

export const User = z.looseObject({ login: z.string(), type: z.string().default("User") });
export type User = z.infer<typeof User>;

export const PullSummary = z.looseObject({
  id: z.number(),
  number: z.number(),
  user: User.nullable(),
  title: z.string().default(""),
  state: z.string(),
  draft: z.boolean().default(false),
  html_url: z.string().nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  closed_at: z.string().nullish(),
  merged_at: z.string().nullish(),
  base: z.looseObject({
    repo: z.looseObject({ id: z.number(), full_name: z.string(), private: z.boolean().default(false) }),
  }),
});
export type PullSummary = z.infer<typeof PullSummary>;

export const Review = z.looseObject({
  id: z.number(),
  user: User.nullable(),
  body: z.string().nullable().default(null),
  state: z.string(),
  submitted_at: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type Review = z.infer<typeof Review>;

export const Comment = z.looseObject({
  id: z.number(),
  user: User.nullable(),
  body: z.string().default(""),
  created_at: z.string(),
  updated_at: z.string(),
  html_url: z.string().nullish(),
});
export type Comment = z.infer<typeof Comment>;

export const TimelineEvent = z.looseObject({
  event: z.string().optional(),
  id: z.number().optional(),
  actor: User.nullish(),
  created_at: z.string().optional(),
  requested_reviewer: User.nullish(),
  requested_team: z.looseObject({ slug: z.string() }).nullish(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

/** Everything backfill fetches for one pull request, as GitHub returned it (parsed by buildBackfillDeliveries). */
export interface PrHistory {
  reviews: readonly unknown[];
  reviewComments: readonly unknown[];
  issueComments: readonly unknown[];
  timeline: readonly unknown[];
}
