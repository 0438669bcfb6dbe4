// Turns one webhook delivery into normalized rows: events, a PR snapshot, installation and repository changes.
import type { z } from "zod";
import {
  type Actor,
  InstallationPayload,
  IssueCommentPayload,
  type PullRequest,
  PullRequestPayload,
  ReviewCommentPayload,
  ReviewPayload,
} from "./payload-schemas.js";
import type { ReviewEvent } from "./review-event.js";

export interface AppIdentity {
  /** The app's numeric id (performed_via_github_app.id on what it posts). */
  appId?: number | null;
  /** The app's bot login, e.g. "review-coach[bot]". */
  botLogin?: string | null;
}

export interface PullRequestSnapshot {
  repoId: number;
  number: number;
  installationId: number | null;
  repoFullName: string;
  prId: number;
  authorLogin: string;
  authorType: string;
  title: string;
  state: string;
  draft: boolean;
  merged: boolean;
  labels: string[];
  requestedReviewers: string[];
  htmlUrl: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface InstallationChange {
  id: number;
  accountLogin: string;
  accountType: string;
  /** created | deleted | suspend | unsuspend | new_permissions_accepted | added | removed */
  action: string;
  repositories: { id: number; fullName: string; private: boolean; removed: boolean }[];
}

export interface NormalizedDelivery {
  /** False when the event is not one this app records (e.g. a plain issue comment, or an unknown event). */
  relevant: boolean;
  /** Why the delivery was not recorded, or why a payload was rejected. */
  reason?: string;
  installationId: number | null;
  repoFullName: string | null;
  events: ReviewEvent[];
  pullRequest?: PullRequestSnapshot;
  installation?: InstallationChange;
}

/** GitHub type Bot, or a login ending in "[bot]" (apps acting as users). */
export const isBotActor = (actor: { login: string; type?: string }): boolean =>
  actor.type === "Bot" || actor.login.endsWith("[bot]");

const GHOST: Actor = { login: "ghost", type: "User" };

const PR_LIFECYCLE = new Set([
  "opened",
  "reopened",
  "closed",
  "ready_for_review",
  "converted_to_draft",
  "review_requested",
  "review_request_removed",
]);

export function normalizeDelivery(
  event: string,
  payload: unknown,
  options: { receivedAt: string; identity?: AppIdentity },
): NormalizedDelivery {
  const identity = options.identity ?? {};
  const parsers: Record<string, () => NormalizedDelivery> = {
    pull_request: () => fromPullRequest(parse(PullRequestPayload, payload), identity),
    pull_request_review: () => fromReview(parse(ReviewPayload, payload), identity, options.receivedAt),
    pull_request_review_comment: () =>
      fromReviewComment(parse(ReviewCommentPayload, payload), identity, options.receivedAt),
    issue_comment: () => fromIssueComment(parse(IssueCommentPayload, payload), identity, options.receivedAt),
    installation: () => fromInstallation(parse(InstallationPayload, payload)),
    installation_repositories: () => fromInstallation(parse(InstallationPayload, payload)),
  };
  const parser = parsers[event];
  if (!parser)
    return {
      relevant: false,
      reason: `event ${event} is not recorded`,
      installationId: null,
      repoFullName: null,
      events: [],
    };
  return parser();
}

export class PayloadError extends Error {
  constructor(message: string) {
    super(`review-coach: ${message}`);
    this.name = "PayloadError";
  }
}

function parse<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new PayloadError(
      `unexpected webhook payload at ${first?.path.join(".") || "(root)"}: ${first?.message ?? "invalid"}`,
    );
  }
  return result.data;
}

function snapshot(
  pr: PullRequest,
  repo: { id: number; full_name: string },
  installationId: number | null,
): PullRequestSnapshot {
  return {
    repoId: repo.id,
    number: pr.number,
    installationId,
    repoFullName: repo.full_name,
    prId: pr.id,
    authorLogin: pr.user.login,
    authorType: pr.user.type,
    title: pr.title,
    state: pr.state,
    draft: pr.draft,
    merged: Boolean(pr.merged),
    labels: pr.labels.map((l) => l.name),
    requestedReviewers: requestedReviewers(pr),
    htmlUrl: pr.html_url ?? null,
    createdAt: pr.created_at,
    updatedAt: pr.updated_at,
    closedAt: pr.closed_at ?? null,
  };
}

function requestedReviewers(pr: PullRequest): string[] {
  const names = pr.requested_reviewers.map((r) =>
    "login" in r ? String(r.login) : `team:${String(r.slug)}`,
  );
  for (const t of pr.requested_teams) names.push(`team:${t.slug}`);
  return [...new Set(names)];
}

function actorFields(actor: Actor | null, identity: AppIdentity, viaAppId?: number | null) {
  const a = actor ?? GHOST;
  const isApp =
    (identity.botLogin != null && a.login === identity.botLogin) ||
    (identity.appId != null && viaAppId != null && viaAppId === identity.appId);
  return { actorLogin: a.login, actorType: a.type, isBot: isBotActor(a) || isApp, isApp };
}

function base(p: {
  installation?: { id: number } | null | undefined;
  repository: { id: number; full_name: string };
}) {
  return {
    installationId: p.installation?.id ?? null,
    repoId: p.repository.id,
    repoFullName: p.repository.full_name,
  };
}

/** Fields a kind does not have. */
const NONE = {
  githubId: null,
  reviewId: null,
  inReplyToId: null,
  body: null,
  reviewState: null,
  path: null,
  subject: null,
  updatedAt: null,
  deletedAt: null,
} as const;

/** What every event on a pull request shares, from a payload that carries the PR. */
function onPullRequest(
  p: z.infer<typeof PullRequestPayload | typeof ReviewPayload | typeof ReviewCommentPayload>,
) {
  const pr = p.pull_request;
  return {
    ...base(p),
    prId: pr.id,
    prNumber: pr.number,
    prAuthor: pr.user.login,
    draft: pr.draft,
    requestedReviewers: requestedReviewers(pr),
  };
}

function recorded(
  p: { installation?: { id: number } | null | undefined; repository: { id: number; full_name: string } },
  events: ReviewEvent[],
  pr?: PullRequest,
): NormalizedDelivery {
  const installationId = p.installation?.id ?? null;
  const result: NormalizedDelivery = {
    relevant: true,
    installationId,
    repoFullName: p.repository.full_name,
    events,
  };
  if (pr) result.pullRequest = snapshot(pr, p.repository, installationId);
  return result;
}

function fromPullRequest(p: z.infer<typeof PullRequestPayload>, identity: AppIdentity): NormalizedDelivery {
  const pr = p.pull_request;
  const events: ReviewEvent[] = [];
  if (PR_LIFECYCLE.has(p.action)) {
    const occurredAt =
      p.action === "opened"
        ? pr.created_at
        : p.action === "closed"
          ? (pr.closed_at ?? pr.updated_at)
          : pr.updated_at;
    const subject =
      p.requested_reviewer?.login ?? (p.requested_team ? `team:${p.requested_team.slug}` : null);
    const keyParts = ["pull_request", pr.id, p.action, occurredAt];
    if (subject) keyParts.push(subject);
    events.push({
      ...NONE,
      ...onPullRequest(p),
      key: keyParts.join(":"),
      kind: "pull_request",
      action: p.action,
      ...actorFields(p.sender, identity),
      htmlUrl: pr.html_url ?? null,
      subject,
      occurredAt,
      updatedAt: pr.updated_at,
    });
  }
  return recorded(p, events, pr);
}

function fromReview(
  p: z.infer<typeof ReviewPayload>,
  identity: AppIdentity,
  receivedAt: string,
): NormalizedDelivery {
  const pr = p.pull_request;
  const r = p.review;
  const event: ReviewEvent = {
    ...NONE,
    ...onPullRequest(p),
    key: `review:${r.id}`,
    kind: "review",
    action: "submitted",
    ...actorFields(r.user, identity, r.performed_via_github_app?.id),
    githubId: r.id,
    reviewId: r.id,
    body: r.body,
    reviewState: r.state.toLowerCase(),
    htmlUrl: r.html_url ?? null,
    // A review has no created_at: submitted_at is when the reviewer acted (docs/architecture.md, "Metrics").
    occurredAt: r.submitted_at ?? receivedAt,
    updatedAt: p.action === "edited" ? receivedAt : (r.submitted_at ?? null),
    deletedAt: p.action === "dismissed" ? receivedAt : null,
  };
  return recorded(p, [event], pr);
}

function fromReviewComment(
  p: z.infer<typeof ReviewCommentPayload>,
  identity: AppIdentity,
  receivedAt: string,
): NormalizedDelivery {
  const pr = p.pull_request;
  const c = p.comment;
  const event: ReviewEvent = {
    ...NONE,
    ...onPullRequest(p),
    key: `review_comment:${c.id}`,
    kind: "review_comment",
    action: "created",
    ...actorFields(c.user, identity, c.performed_via_github_app?.id),
    githubId: c.id,
    reviewId: c.pull_request_review_id ?? null,
    inReplyToId: c.in_reply_to_id ?? null,
    body: c.body,
    path: c.path ?? null,
    htmlUrl: c.html_url ?? null,
    occurredAt: c.created_at,
    updatedAt: c.updated_at,
    deletedAt: p.action === "deleted" ? receivedAt : null,
  };
  return recorded(p, [event], pr);
}

function fromIssueComment(
  p: z.infer<typeof IssueCommentPayload>,
  identity: AppIdentity,
  receivedAt: string,
): NormalizedDelivery {
  if (!p.issue.pull_request) {
    return {
      relevant: false,
      reason: "comment on an issue, not a pull request",
      installationId: p.installation?.id ?? null,
      repoFullName: p.repository.full_name,
      events: [],
    };
  }
  const c = p.comment;
  const event: ReviewEvent = {
    ...NONE,
    ...base(p),
    key: `issue_comment:${c.id}`,
    // An issue_comment payload carries the issue, not the pull request: no PR id, no requested reviewers.
    prId: null,
    prNumber: p.issue.number,
    prAuthor: p.issue.user.login,
    kind: "issue_comment",
    action: "created",
    ...actorFields(c.user, identity, c.performed_via_github_app?.id),
    githubId: c.id,
    body: c.body,
    htmlUrl: c.html_url ?? null,
    draft: p.issue.draft ?? null,
    requestedReviewers: [],
    occurredAt: c.created_at,
    updatedAt: c.updated_at,
    deletedAt: p.action === "deleted" ? receivedAt : null,
  };
  return recorded(p, [event]);
}

function fromInstallation(p: z.infer<typeof InstallationPayload>): NormalizedDelivery {
  const account = p.installation.account;
  // Later entries win: a repository both listed and removed in one payload is removed.
  const byId = new Map<number, InstallationChange["repositories"][number]>();
  for (const r of [...(p.repositories ?? []), ...(p.repositories_added ?? [])]) {
    byId.set(r.id, { id: r.id, fullName: r.full_name, private: r.private, removed: p.action === "deleted" });
  }
  for (const r of p.repositories_removed ?? [])
    byId.set(r.id, { id: r.id, fullName: r.full_name, private: false, removed: true });
  const repositories = [...byId.values()];
  return {
    relevant: true,
    installationId: p.installation.id,
    repoFullName: null,
    events: [],
    installation: {
      id: p.installation.id,
      accountLogin: account?.login ?? account?.slug ?? "unknown",
      accountType: account?.type ?? "Unknown",
      action: p.action,
      repositories,
    },
  };
}
