// A local stand-in for GitHub's REST API (GitHub Enterprise-style base URL) for the demo, e2e tests and load bench.
//
// It speaks the slice of the API review-coach uses, keeps state (comments, check runs, reactions, issues, labels)
// so a test can assert "exactly one nudge", records every request, and injects faults (5xx, 429, 403, 404 bursts,
// latency). Responses follow GitHub's documented shapes and limits closely enough for Octokit and its plugins
// (retry, throttling, @probot/octokit-plugin-config) to behave as they do against github.com.
import { createHash, createVerify } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** GitHub rejects comment, issue and check-run texts longer than this (422 "Body is too long"). */
export const GITHUB_BODY_LIMIT = 65_536;

export interface RecordedRequest {
  seq: number;
  method: string;
  /** Below the API prefix, without the query: `/repos/acme/payments/issues/101/comments`. */
  path: string;
  query: Record<string, string>;
  accept: string | undefined;
  /** What the Authorization header held: the app's JWT, an installation token this fake issued, or neither. */
  auth: "jwt" | "token" | "none" | "invalid";
  /** Parsed JSON when the body was JSON, the text otherwise, undefined when empty. */
  body: unknown;
  /** The route that answered (`issues.createComment`), or "unknown" for the catch-all. */
  route: string;
  status: number;
  /** Set when the answer was an injected fault. */
  injected?: boolean;
  startedAt: number;
  finishedAt: number;
}

export interface GithubUser {
  login: string;
  id: number;
  type: "User" | "Bot";
}

export interface FakeIssueComment {
  id: number;
  repo: string;
  issueNumber: number;
  body: string;
  user: GithubUser;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

export interface FakeReviewComment {
  id: number;
  repo: string;
  prNumber: number;
  reviewId: number | null;
  inReplyToId: number | null;
  path: string;
  line: number | null;
  body: string;
  user: GithubUser;
  createdAt: string;
  updatedAt: string;
  deleted: boolean;
}

export interface FakeCheckRun {
  id: number;
  repo: string;
  name: string;
  headSha: string;
  externalId: string | null;
  status: string;
  conclusion: string | null;
  output: { title: string; summary: string; text?: string };
  annotations: unknown[];
  /** Every PATCH, in order (GitHub appends annotations on update). */
  updates: number;
}

export interface FakeReaction {
  id: number;
  repo: string;
  subject: "issue_comment" | "review_comment";
  commentId: number;
  content: string;
  user: GithubUser;
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface FakeIssue {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
  user: GithubUser;
  /** A pull request the fake learnt about from a webhook (GitHub lists PRs among issues). */
  pullRequest: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A pull request the app opened, or one seeded as history for a backfill (its reviews, comments and timeline). */
export interface FakePull {
  id: number;
  repo: string;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  merged: boolean;
  draft: boolean;
  user: GithubUser;
  head: string;
  base: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  reviews: Record<string, unknown>[];
  reviewComments: Record<string, unknown>[];
  issueComments: Record<string, unknown>[];
  timeline: Record<string, unknown>[];
}

/** What a seeded pull request may set; the rest is filled in. */
export type SeededPull = Partial<Omit<FakePull, "repo">> & {
  number: number;
  user: GithubUser;
  createdAt: string;
};

export interface FailureMatcher {
  method?: string;
  /** A substring of the path below the API prefix, or a pattern for it. */
  path?: string | RegExp;
}

export interface FailOptions {
  /** 429 and rate-limit 403s: seconds for the `retry-after` header (default 1). */
  retryAfterSeconds?: number;
  /** 403 only: answer as the primary rate limit (`x-ratelimit-remaining: 0`) instead of a missing permission. */
  rateLimit?: boolean;
  /** Run the request first (state changes), then answer with the fault: "GitHub did it but said it failed". */
  afterHandling?: boolean;
  message?: string;
}

interface PendingFailure {
  matcher: FailureMatcher;
  status: number;
  remaining: number;
  options: FailOptions;
}

export interface FakeGithubOptions {
  /** The app's id; `GET /app` answers with it (default 4242). */
  appId?: number;
  /** The app's slug; its comments are by `<slug>[bot]` (default "review-coach"). */
  appSlug?: string;
  /** PEM public key: when given, the app's JWTs must be signed by the matching private key (RS256). */
  appPublicKey?: string;
  /** Files per repository: `{ "acme/payments": { ".github/review-coach.yml": "coaching: …" } }`. */
  files?: Record<string, Record<string, string>>;
  /** Milliseconds added before every answer. */
  latencyMs?: number;
  /** The clock for timestamps in answers (default: wall clock). */
  now?: () => Date;
  /**
   * The installation's primary rate limit, on `now`: `limit` token requests per `windowMs` (default one hour), told by
   * `GET /rate_limit` (free, as on GitHub); over it, 403 with `x-ratelimit-remaining: 0`. Default: not enforced.
   */
  rateLimit?: { limit: number; windowMs?: number };
}

/** A webhook delivery as the demo scenario and tests build them. */
export interface ObservedDelivery {
  event: string;
  payload: Record<string, unknown>;
}

export interface FakeGithub {
  /** `http://127.0.0.1:PORT/api/v3`: the GitHub Enterprise-style REST base URL (GITHUB_API_URL). */
  readonly apiUrl: string;
  readonly origin: string;
  readonly botLogin: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests no route knew: the app asked for something this fake (and maybe the app's permissions) lacks. */
  unknownRequests(): RecordedRequest[];
  requestsTo(method: string, path: string | RegExp): RecordedRequest[];
  inFlight(): number;

  setFile(repo: string, path: string, content: string): void;
  deleteFile(repo: string, path: string): void;
  setLatency(ms: number): void;
  /** The next `times` requests matching `matcher` get `status` (429 with retry-after, 403, 404, 5xx). */
  failNext(matcher: FailureMatcher, status: number, times?: number, options?: FailOptions): void;
  /** Drops pending injected failures. */
  clearFailures(): void;
  /** Teaches the fake what a webhook said happened on GitHub (PRs, comments), so later API calls find it. */
  observe(delivery: ObservedDelivery): void;

  issueComments(repo?: string, issueNumber?: number): FakeIssueComment[];
  /** Comments by the app on PR conversations and issues, deleted ones excluded. */
  appComments(repo?: string): FakeIssueComment[];
  reviewReplies(repo?: string): FakeReviewComment[];
  checkRuns(repo?: string): FakeCheckRun[];
  reactions(repo?: string): FakeReaction[];
  issues(repo?: string): FakeIssue[];
  labels(repo: string): FakeLabel[];
  /** Pull requests the app opened or a test seeded. */
  pulls(repo?: string): FakePull[];
  /** Seeds a pull request with its history, as backfill reads it. */
  seedPull(repo: string, pull: SeededPull): FakePull;
  /** Closes a pull request (merged or not), as a person on GitHub would; returns it for the webhook's payload. */
  closePull(repo: string, number: number, options: { merged: boolean }): FakePull;
  /** A file on a branch other than the default one (the onboarding branch's config), or undefined. */
  branchFile(repo: string, branch: string, path: string): string | undefined;
  /** Token requests answered 403 because the rate limit was spent. */
  rateLimited(): RecordedRequest[];

  /** Resolves once no request is in flight and none arrived for `quietMs`; false when `timeoutMs` ran out. */
  waitForQuiet(options?: { quietMs?: number; timeoutMs?: number }): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Keeps answering for `ms` without keeping the process alive, then closes: for work an app left scheduled
   * after it stopped (review-coach's in-memory settle timers), which otherwise retries against a closed port.
   */
  closeAfter(ms: number): void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

interface Reply {
  status: number;
  body?: unknown;
  /** Sent as is with this content type instead of JSON. */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

interface RequestContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  accept: string;
  body: unknown;
  auth: RecordedRequest["auth"];
}

type Handler = (ctx: RequestContext) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  name: string;
  /** Which credentials GitHub demands here. */
  needs: "jwt" | "token";
  handle: Handler;
}

const API_PREFIX = "/api/v3";
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const repoKey = (owner: string, repo: string) => `${owner}/${repo}`.toLowerCase();

const route = (
  method: string,
  template: string,
  name: string,
  handle: Handler,
  needs: Route["needs"] = "token",
) => {
  // `/repos/:owner/:repo/issues/:number` → a pattern with named groups; `*path` takes the rest, slashes and all.
  const source = template
    .split("/")
    .map((part) => {
      if (part.startsWith(":")) return `(?<${part.slice(1)}>[^/]+)`;
      if (part.startsWith("*")) return `(?<${part.slice(1)}>.+)`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { method, pattern: new RegExp(`^${source}$`), name, needs, handle } satisfies Route;
};

function decodeBase64Url(part: string): string {
  return Buffer.from(part.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("utf8");
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown, field: string, required = true): string {
  if (typeof value === "string") return value;
  if (!required && value === undefined) return "";
  throw new HttpError(422, "Validation Failed", {
    errors: [{ resource: "Body", field, code: value === undefined ? "missing_field" : "invalid" }],
  });
}

function limitLength(value: string, field: string): void {
  if (value.length > GITHUB_BODY_LIMIT) {
    throw new HttpError(422, "Validation Failed", {
      errors: [
        {
          resource: "Body",
          field,
          code: "custom",
          message: `${field} is too long (maximum is ${GITHUB_BODY_LIMIT} characters)`,
        },
      ],
    });
  }
}

function userOf(value: unknown): GithubUser | undefined {
  const u = object(value);
  if (typeof u.login !== "string") return undefined;
  return { login: u.login, id: typeof u.id === "number" ? u.id : 0, type: u.type === "Bot" ? "Bot" : "User" };
}

function matches(matcher: FailureMatcher, method: string, path: string): boolean {
  if (matcher.method && matcher.method.toUpperCase() !== method) return false;
  if (matcher.path === undefined) return true;
  return typeof matcher.path === "string" ? path.includes(matcher.path) : matcher.path.test(path);
}

export async function startFakeGithub(options: FakeGithubOptions = {}): Promise<FakeGithub> {
  const appId = options.appId ?? 4242;
  const slug = options.appSlug ?? "review-coach";
  const now = options.now ?? (() => new Date());
  const bot: GithubUser = { login: `${slug}[bot]`, id: 900_000 + appId, type: "Bot" };
  let latencyMs = options.latencyMs ?? 0;

  const files = new Map<string, Map<string, string>>();
  for (const [repo, entries] of Object.entries(options.files ?? {})) {
    files.set(repo.toLowerCase(), new Map(Object.entries(entries)));
  }
  const requests: RecordedRequest[] = [];
  const failures: PendingFailure[] = [];
  const tokens = new Map<string, number>();
  const issueComments = new Map<number, FakeIssueComment>();
  const reviewComments = new Map<number, FakeReviewComment>();
  const checkRuns = new Map<number, FakeCheckRun>();
  const reactions: FakeReaction[] = [];
  const issues = new Map<string, FakeIssue[]>();
  const labels = new Map<string, FakeLabel[]>();
  const pulls = new Map<string, FakePull[]>();
  // Branches other than the default one ("main"), with their files (a branch starts as a copy of the default's).
  const branches = new Map<string, Map<string, string>>();
  const branchKey = (repo: string, branch: string) => `${repo}@${branch}`;
  const DEFAULT_BRANCH = "main";
  const budget = { windowStart: Number.NaN, used: 0 };
  const limit = options.rateLimit;
  const windowMs = limit?.windowMs ?? 3_600_000;
  const rateWindow = () => {
    const t = now().getTime();
    if (!(t < budget.windowStart + windowMs)) {
      budget.windowStart = t;
      budget.used = 0;
    }
    return {
      limit: limit?.limit ?? 5000,
      remaining: Math.max((limit?.limit ?? 5000) - budget.used, 0),
      reset: Math.ceil((budget.windowStart + windowMs) / 1000),
      used: budget.used,
    };
  };
  // GitHub's ids are global and increasing; start well above the scenario's own ids so they never collide.
  let nextId = 5_000_000;
  const newId = () => ++nextId;
  let seq = 0;
  let inFlight = 0;
  let lastActivity = Date.now();
  let origin = "";

  const iso = () => now().toISOString();
  const issuesOf = (repo: string): FakeIssue[] => {
    let list = issues.get(repo);
    if (!list) {
      list = [];
      issues.set(repo, list);
    }
    return list;
  };
  const labelsOf = (repo: string): FakeLabel[] => {
    let list = labels.get(repo);
    if (!list) {
      list = [];
      labels.set(repo, list);
    }
    return list;
  };
  const ensureLabel = (repo: string, name: string, color = "ededed", description: string | null = null) => {
    const list = labelsOf(repo);
    const found = list.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (found) return { label: found, created: false };
    const label: FakeLabel = { id: newId(), name, color, description };
    list.push(label);
    return { label, created: true };
  };
  const htmlRepo = (repo: string) => `${origin}/${repo}`;
  const pullsOf = (repo: string): FakePull[] => {
    let list = pulls.get(repo);
    if (!list) {
      list = [];
      pulls.set(repo, list);
    }
    return list;
  };
  // Issues and pull requests share one sequence of numbers per repository, as on GitHub.
  const nextNumber = (repo: string) =>
    Math.max(0, ...issuesOf(repo).map((i) => i.number), ...pullsOf(repo).map((p) => p.number)) + 1;
  const requirePull = (repo: string, number: number): FakePull => {
    const found = pullsOf(repo).find((p) => p.number === number);
    if (!found) throw new HttpError(404, "Not Found");
    return found;
  };
  const blobSha = (content: string) =>
    createHash("sha1")
      .update(`blob ${Buffer.byteLength(content)}\0`)
      .update(content)
      .digest("hex");
  const pullJson = (p: FakePull) => {
    const [owner = ""] = p.repo.split("/");
    const repository = {
      id: 1,
      full_name: p.repo,
      name: p.repo.split("/")[1],
      owner: { login: owner },
      private: false,
    };
    return {
      id: p.id,
      number: p.number,
      title: p.title,
      body: p.body,
      state: p.state,
      merged: p.merged,
      draft: p.draft,
      user: p.user,
      labels: [],
      requested_reviewers: [],
      requested_teams: [],
      html_url: `${htmlRepo(p.repo)}/pull/${p.number}`,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      closed_at: p.closedAt,
      merged_at: p.mergedAt,
      head: { ref: p.head, sha: `${p.head}-sha`, repo: repository },
      base: { ref: p.base, sha: `${p.base}-sha`, repo: repository },
    };
  };

  const issueCommentJson = (c: FakeIssueComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    body: c.body,
    user: c.user,
    html_url: `${htmlRepo(c.repo)}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${origin}${API_PREFIX}/repos/${c.repo}/issues/${c.issueNumber}`,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: c.user.type === "Bot" ? "NONE" : "MEMBER",
    performed_via_github_app: c.user.login === bot.login ? { id: appId, slug } : null,
  });
  const reviewCommentJson = (c: FakeReviewComment) => ({
    id: c.id,
    node_id: `PRRC_${c.id}`,
    pull_request_review_id: c.reviewId,
    in_reply_to_id: c.inReplyToId ?? undefined,
    path: c.path,
    line: c.line,
    original_line: c.line,
    body: c.body,
    user: c.user,
    html_url: `${htmlRepo(c.repo)}/pull/${c.prNumber}#discussion_r${c.id}`,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  });
  const checkRunJson = (r: FakeCheckRun) => ({
    id: r.id,
    name: r.name,
    head_sha: r.headSha,
    external_id: r.externalId,
    status: r.status,
    conclusion: r.conclusion,
    output: { ...r.output, annotations_count: r.annotations.length },
    html_url: `${htmlRepo(r.repo)}/runs/${r.id}`,
    app: { id: appId, slug },
  });
  const issueJson = (i: FakeIssue) => ({
    id: i.id,
    node_id: `I_${i.id}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    labels: i.labels.map((name) => {
      const label = labelsOf(i.repo).find((l) => l.name === name);
      return {
        id: label?.id ?? 0,
        name,
        color: label?.color ?? "ededed",
        description: label?.description ?? null,
      };
    }),
    user: i.user,
    html_url: `${htmlRepo(i.repo)}/${i.pullRequest ? "pull" : "issues"}/${i.number}`,
    comments: [...issueComments.values()].filter(
      (c) => c.repo === i.repo && c.issueNumber === i.number && !c.deleted,
    ).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: null,
    ...(i.pullRequest
      ? { pull_request: { url: `${origin}${API_PREFIX}/repos/${i.repo}/pulls/${i.number}` } }
      : {}),
  });

  const requireIssueComment = (repo: string, id: number): FakeIssueComment => {
    const c = issueComments.get(id);
    if (!c || c.deleted || c.repo !== repo) throw new HttpError(404, "Not Found");
    return c;
  };
  const requireReviewComment = (repo: string, id: number): FakeReviewComment => {
    const c = reviewComments.get(id);
    if (!c || c.deleted || c.repo !== repo) throw new HttpError(404, "Not Found");
    return c;
  };
  const repoOf = (p: Record<string, string>) => repoKey(p.owner ?? "", p.repo ?? "");
  const num = (value: string | undefined) => Number(value ?? Number.NaN);

  const react = (repo: string, subject: FakeReaction["subject"], commentId: number, body: unknown): Reply => {
    if (subject === "issue_comment") requireIssueComment(repo, commentId);
    else requireReviewComment(repo, commentId);
    const content = text(object(body).content, "content");
    const allowed = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"];
    if (!allowed.includes(content)) throw new HttpError(422, "Validation Failed");
    const existing = reactions.find(
      (r) => r.repo === repo && r.subject === subject && r.commentId === commentId && r.content === content,
    );
    // GitHub answers 200 with the existing reaction when the same user reacts the same way again.
    if (existing) return { status: 200, body: { id: existing.id, content, user: existing.user } };
    const reaction: FakeReaction = { id: newId(), repo, subject, commentId, content, user: bot };
    reactions.push(reaction);
    return { status: 201, body: { id: reaction.id, content, user: bot, created_at: iso() } };
  };

  const routes: Route[] = [
    route(
      "POST",
      "/app/installations/:installation/access_tokens",
      "apps.createInstallationAccessToken",
      (ctx) => {
        const installation = num(ctx.params.installation);
        const token = `ghs_fake${installation}x${newId()}`;
        tokens.set(token, installation);
        return {
          status: 201,
          body: {
            token,
            expires_at: new Date(now().getTime() + 3_600_000).toISOString(),
            permissions: { checks: "write", contents: "read", issues: "write", pull_requests: "write" },
            repository_selection: "all",
          },
        };
      },
      "jwt",
    ),
    route(
      "GET",
      "/app",
      "apps.getAuthenticated",
      () => ({
        status: 200,
        body: { id: appId, slug, name: slug, owner: { login: "acme", type: "Organization" } },
      }),
      "jwt",
    ),
    route(
      "GET",
      "/app/installations/:installation",
      "apps.getInstallation",
      (ctx) => ({ status: 200, body: { id: num(ctx.params.installation), app_id: appId, app_slug: slug } }),
      "jwt",
    ),
    route("GET", "/repos/:owner/:repo/contents/*path", "repos.getContent", (ctx) => {
      const path = decodeURIComponent(ctx.params.path ?? "");
      const ref = ctx.query.ref;
      const content =
        ref && ref !== DEFAULT_BRANCH
          ? branches.get(branchKey(repoOf(ctx.params), ref))?.get(path)
          : files.get(repoOf(ctx.params))?.get(path);
      if (content === undefined) throw new HttpError(404, "Not Found");
      if (
        ctx.accept.includes("application/vnd.github.v3.raw") ||
        ctx.accept.includes("application/vnd.github.raw")
      ) {
        return { status: 200, raw: { text: content, contentType: "text/plain; charset=utf-8" } };
      }
      const name = path.split("/").pop() ?? path;
      return {
        status: 200,
        body: {
          type: "file",
          encoding: "base64",
          size: Buffer.byteLength(content),
          name,
          path,
          // Git's blob id, as GitHub gives it: review-coach remembers an invalid file by it.
          sha: createHash("sha1")
            .update(`blob ${Buffer.byteLength(content)}\0`)
            .update(content)
            .digest("hex"),
          content: Buffer.from(content).toString("base64"),
        },
      };
    }),
    route("GET", "/repos/:owner/:repo/issues/:number/comments", "issues.listComments", (ctx) => {
      const repo = repoOf(ctx.params);
      const n = num(ctx.params.number);
      const list = [...issueComments.values()]
        .filter((c) => c.repo === repo && c.issueNumber === n && !c.deleted)
        .map(issueCommentJson);
      const seeded = pullsOf(repo).find((p) => p.number === n)?.issueComments ?? [];
      return { status: 200, body: [...seeded, ...list] };
    }),
    route("POST", "/repos/:owner/:repo/issues/:number/comments", "issues.createComment", (ctx) => {
      const body = text(object(ctx.body).body, "body");
      limitLength(body, "body");
      const at = iso();
      const comment: FakeIssueComment = {
        id: newId(),
        repo: repoOf(ctx.params),
        issueNumber: num(ctx.params.number),
        body,
        user: bot,
        createdAt: at,
        updatedAt: at,
        deleted: false,
      };
      issueComments.set(comment.id, comment);
      return { status: 201, body: issueCommentJson(comment) };
    }),
    route("PATCH", "/repos/:owner/:repo/issues/comments/:id", "issues.updateComment", (ctx) => {
      const comment = requireIssueComment(repoOf(ctx.params), num(ctx.params.id));
      const body = text(object(ctx.body).body, "body");
      limitLength(body, "body");
      comment.body = body;
      comment.updatedAt = iso();
      return { status: 200, body: issueCommentJson(comment) };
    }),
    route("DELETE", "/repos/:owner/:repo/issues/comments/:id", "issues.deleteComment", (ctx) => {
      requireIssueComment(repoOf(ctx.params), num(ctx.params.id)).deleted = true;
      return { status: 204 };
    }),
    route(
      "POST",
      "/repos/:owner/:repo/issues/comments/:id/reactions",
      "reactions.createForIssueComment",
      (ctx) => react(repoOf(ctx.params), "issue_comment", num(ctx.params.id), ctx.body),
    ),
    route(
      "POST",
      "/repos/:owner/:repo/pulls/comments/:id/reactions",
      "reactions.createForPullRequestReviewComment",
      (ctx) => react(repoOf(ctx.params), "review_comment", num(ctx.params.id), ctx.body),
    ),
    route(
      "POST",
      "/repos/:owner/:repo/pulls/:number/comments/:id/replies",
      "pulls.createReplyForReviewComment",
      (ctx) => {
        const repo = repoOf(ctx.params);
        const parent = requireReviewComment(repo, num(ctx.params.id));
        if (parent.prNumber !== num(ctx.params.number)) throw new HttpError(404, "Not Found");
        const body = text(object(ctx.body).body, "body");
        limitLength(body, "body");
        const at = iso();
        const reply: FakeReviewComment = {
          id: newId(),
          repo,
          prNumber: parent.prNumber,
          reviewId: newId(),
          inReplyToId: parent.id,
          path: parent.path,
          line: parent.line,
          body,
          user: bot,
          createdAt: at,
          updatedAt: at,
          deleted: false,
        };
        reviewComments.set(reply.id, reply);
        return { status: 201, body: reviewCommentJson(reply) };
      },
    ),
    route("PATCH", "/repos/:owner/:repo/pulls/comments/:id", "pulls.updateReviewComment", (ctx) => {
      const comment = requireReviewComment(repoOf(ctx.params), num(ctx.params.id));
      const body = text(object(ctx.body).body, "body");
      limitLength(body, "body");
      comment.body = body;
      comment.updatedAt = iso();
      return { status: 200, body: reviewCommentJson(comment) };
    }),
    route("DELETE", "/repos/:owner/:repo/pulls/comments/:id", "pulls.deleteReviewComment", (ctx) => {
      requireReviewComment(repoOf(ctx.params), num(ctx.params.id)).deleted = true;
      return { status: 204 };
    }),
    route(
      "GET",
      "/repos/:owner/:repo/pulls/:number/reviews/:review/comments",
      "pulls.listCommentsForReview",
      (ctx) => {
        const repo = repoOf(ctx.params);
        const list = [...reviewComments.values()].filter(
          (c) =>
            c.repo === repo &&
            c.prNumber === num(ctx.params.number) &&
            c.reviewId === num(ctx.params.review) &&
            !c.deleted,
        );
        return { status: 200, body: list.map(reviewCommentJson) };
      },
    ),
    route("POST", "/repos/:owner/:repo/check-runs", "checks.create", (ctx) => {
      const b = object(ctx.body);
      const output = object(b.output);
      const summary = typeof output.summary === "string" ? output.summary : "";
      limitLength(summary, "output.summary");
      const run: FakeCheckRun = {
        id: newId(),
        repo: repoOf(ctx.params),
        name: text(b.name, "name"),
        headSha: text(b.head_sha, "head_sha"),
        externalId: typeof b.external_id === "string" ? b.external_id : null,
        status: typeof b.status === "string" ? b.status : "queued",
        conclusion: typeof b.conclusion === "string" ? b.conclusion : null,
        output: {
          title: typeof output.title === "string" ? output.title : "",
          summary,
          ...(typeof output.text === "string" ? { text: output.text } : {}),
        },
        annotations: Array.isArray(output.annotations) ? [...output.annotations] : [],
        updates: 0,
      };
      checkRuns.set(run.id, run);
      return { status: 201, body: checkRunJson(run) };
    }),
    route("PATCH", "/repos/:owner/:repo/check-runs/:id", "checks.update", (ctx) => {
      const run = checkRuns.get(num(ctx.params.id));
      if (!run || run.repo !== repoOf(ctx.params)) throw new HttpError(404, "Not Found");
      const b = object(ctx.body);
      const output = object(b.output);
      if (typeof output.summary === "string") {
        limitLength(output.summary, "output.summary");
        run.output.summary = output.summary;
      }
      if (typeof output.title === "string") run.output.title = output.title;
      if (Array.isArray(output.annotations)) run.annotations.push(...output.annotations);
      if (typeof b.status === "string") run.status = b.status;
      if (typeof b.conclusion === "string") run.conclusion = b.conclusion;
      run.updates++;
      return { status: 200, body: checkRunJson(run) };
    }),
    route("GET", "/repos/:owner/:repo/commits/:ref/check-runs", "checks.listForRef", (ctx) => {
      const runs = [...checkRuns.values()].filter(
        (r) => r.repo === repoOf(ctx.params) && r.headSha === ctx.params.ref,
      );
      return { status: 200, body: { total_count: runs.length, check_runs: runs.map(checkRunJson) } };
    }),
    route("GET", "/repos/:owner/:repo/labels", "issues.listLabelsForRepo", (ctx) => ({
      status: 200,
      body: labelsOf(repoOf(ctx.params)),
    })),
    route("GET", "/repos/:owner/:repo/labels/:name", "issues.getLabel", (ctx) => {
      const name = decodeURIComponent(ctx.params.name ?? "");
      const found = labelsOf(repoOf(ctx.params)).find((l) => l.name.toLowerCase() === name.toLowerCase());
      if (!found) throw new HttpError(404, "Not Found");
      return { status: 200, body: found };
    }),
    route("POST", "/repos/:owner/:repo/labels", "issues.createLabel", (ctx) => {
      const b = object(ctx.body);
      const name = text(b.name, "name");
      const { label, created } = ensureLabel(
        repoOf(ctx.params),
        name,
        typeof b.color === "string" ? b.color : "ededed",
        typeof b.description === "string" ? b.description : null,
      );
      if (!created) {
        throw new HttpError(422, "Validation Failed", {
          errors: [{ resource: "Label", code: "already_exists", field: "name" }],
        });
      }
      return { status: 201, body: label };
    }),
    route("GET", "/repos/:owner/:repo/issues", "issues.listForRepo", (ctx) => {
      const state = ctx.query.state ?? "open";
      const wanted = (ctx.query.labels ?? "")
        .split(",")
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean);
      let list = issuesOf(repoOf(ctx.params)).filter(
        (i) =>
          (state === "all" || i.state === state) &&
          wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)),
      );
      list = [...list].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.number - b.number);
      if ((ctx.query.direction ?? "desc") === "desc") list.reverse();
      const perPage = Math.min(Number(ctx.query.per_page ?? 30) || 30, 100);
      const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
      return { status: 200, body: list.slice((page - 1) * perPage, page * perPage).map(issueJson) };
    }),
    route("POST", "/repos/:owner/:repo/issues", "issues.create", (ctx) => {
      const repo = repoOf(ctx.params);
      const b = object(ctx.body);
      const title = text(b.title, "title");
      const body = text(b.body, "body", false);
      limitLength(body, "body");
      const names = Array.isArray(b.labels) ? b.labels.filter((l): l is string => typeof l === "string") : [];
      // GitHub creates labels named on a new issue that the repository does not have yet.
      for (const name of names) ensureLabel(repo, name);
      const list = issuesOf(repo);
      const at = iso();
      const issue: FakeIssue = {
        id: newId(),
        repo,
        number: nextNumber(repo),
        title,
        body,
        state: "open",
        labels: names,
        user: bot,
        pullRequest: false,
        createdAt: at,
        updatedAt: at,
      };
      list.push(issue);
      return { status: 201, body: issueJson(issue) };
    }),
    route("GET", "/repos/:owner/:repo/issues/:number", "issues.get", (ctx) => {
      const found = issuesOf(repoOf(ctx.params)).find((i) => i.number === num(ctx.params.number));
      if (!found) throw new HttpError(404, "Not Found");
      return { status: 200, body: issueJson(found) };
    }),
    route(
      "GET",
      "/repos/:owner/:repo/installation",
      "apps.getRepoInstallation",
      () => ({
        status: 200,
        body: { id: [...tokens.values()][0] ?? 1, app_id: appId, app_slug: slug },
      }),
      "jwt",
    ),
    route("GET", "/rate_limit", "rateLimit.get", () => {
      const core = rateWindow();
      return { status: 200, body: { resources: { core }, rate: core } };
    }),
    route("GET", "/repos/:owner/:repo", "repos.get", (ctx) => {
      const repo = repoOf(ctx.params);
      return {
        status: 200,
        body: {
          id: 1,
          name: ctx.params.repo,
          full_name: repo,
          default_branch: DEFAULT_BRANCH,
          private: false,
        },
      };
    }),
    route("GET", "/repos/:owner/:repo/git/ref/*ref", "git.getRef", (ctx) => {
      const repo = repoOf(ctx.params);
      const branch = decodeURIComponent(ctx.params.ref ?? "").replace(/^heads\//, "");
      if (branch !== DEFAULT_BRANCH && !branches.has(branchKey(repo, branch)))
        throw new HttpError(404, "Not Found");
      return {
        status: 200,
        body: { ref: `refs/heads/${branch}`, object: { type: "commit", sha: `${branch}-sha` } },
      };
    }),
    route("POST", "/repos/:owner/:repo/git/refs", "git.createRef", (ctx) => {
      const repo = repoOf(ctx.params);
      const b = object(ctx.body);
      const branch = text(b.ref, "ref").replace(/^refs\/heads\//, "");
      text(b.sha, "sha");
      if (branch === DEFAULT_BRANCH || branches.has(branchKey(repo, branch))) {
        throw new HttpError(422, "Reference already exists");
      }
      branches.set(branchKey(repo, branch), new Map(files.get(repo) ?? []));
      return {
        status: 201,
        body: { ref: `refs/heads/${branch}`, object: { type: "commit", sha: `${branch}-sha` } },
      };
    }),
    route("PUT", "/repos/:owner/:repo/contents/*path", "repos.createOrUpdateFileContents", (ctx) => {
      const repo = repoOf(ctx.params);
      const path = decodeURIComponent(ctx.params.path ?? "");
      const b = object(ctx.body);
      text(b.message, "message");
      const content = Buffer.from(text(b.content, "content"), "base64").toString("utf8");
      const branch = typeof b.branch === "string" ? b.branch : DEFAULT_BRANCH;
      const target = branch === DEFAULT_BRANCH ? files.get(repo) : branches.get(branchKey(repo, branch));
      if (!target) throw new HttpError(404, "Branch not found");
      const current = target.get(path);
      // GitHub wants the current blob's sha to replace a file, and none to create one.
      if (current !== undefined && b.sha !== blobSha(current)) throw new HttpError(409, "sha does not match");
      if (current === undefined && b.sha !== undefined) throw new HttpError(422, "sha given for a new file");
      target.set(path, content);
      return {
        status: current === undefined ? 201 : 200,
        body: { content: { path, sha: blobSha(content) }, commit: { sha: `commit-${newId()}` } },
      };
    }),
    route("GET", "/repos/:owner/:repo/pulls", "pulls.list", (ctx) => {
      const repo = repoOf(ctx.params);
      const state = ctx.query.state ?? "open";
      const head = ctx.query.head;
      let list = pullsOf(repo).filter(
        (p) =>
          (state === "all" || p.state === state) &&
          (head === undefined || `${repo.split("/")[0]}:${p.head}` === head.toLowerCase()),
      );
      const key = ctx.query.sort === "updated" ? "updatedAt" : "createdAt";
      list = [...list].sort((a, b) => a[key].localeCompare(b[key]) || a.number - b.number);
      if ((ctx.query.direction ?? "desc") === "desc") list.reverse();
      const perPage = Math.min(Number(ctx.query.per_page ?? 30) || 30, 100);
      const page = Math.max(Number(ctx.query.page ?? 1) || 1, 1);
      return { status: 200, body: list.slice((page - 1) * perPage, page * perPage).map(pullJson) };
    }),
    route("POST", "/repos/:owner/:repo/pulls", "pulls.create", (ctx) => {
      const repo = repoOf(ctx.params);
      const b = object(ctx.body);
      const head = text(b.head, "head");
      const base = text(b.base, "base");
      const title = text(b.title, "title");
      const body = text(b.body, "body", false);
      limitLength(body, "body");
      if (!branches.has(branchKey(repo, head))) throw new HttpError(422, "Validation Failed");
      if (pullsOf(repo).some((p) => p.head === head && p.state === "open")) {
        throw new HttpError(422, `A pull request already exists for ${head}.`);
      }
      const at = iso();
      const pull: FakePull = {
        id: newId(),
        repo,
        number: nextNumber(repo),
        title,
        body,
        state: "open",
        merged: false,
        draft: false,
        user: bot,
        head,
        base,
        createdAt: at,
        updatedAt: at,
        closedAt: null,
        mergedAt: null,
        reviews: [],
        reviewComments: [],
        issueComments: [],
        timeline: [],
      };
      pullsOf(repo).push(pull);
      return { status: 201, body: pullJson(pull) };
    }),
    route("GET", "/repos/:owner/:repo/pulls/:number", "pulls.get", (ctx) => ({
      status: 200,
      body: pullJson(requirePull(repoOf(ctx.params), num(ctx.params.number))),
    })),
    route("PATCH", "/repos/:owner/:repo/pulls/:number", "pulls.update", (ctx) => {
      const pull = requirePull(repoOf(ctx.params), num(ctx.params.number));
      const b = object(ctx.body);
      if (typeof b.body === "string") {
        limitLength(b.body, "body");
        pull.body = b.body;
      }
      if (typeof b.title === "string") pull.title = b.title;
      if (b.state === "open" || b.state === "closed") pull.state = b.state;
      pull.updatedAt = iso();
      return { status: 200, body: pullJson(pull) };
    }),
    route("GET", "/repos/:owner/:repo/pulls/:number/reviews", "pulls.listReviews", (ctx) => ({
      status: 200,
      body: requirePull(repoOf(ctx.params), num(ctx.params.number)).reviews,
    })),
    route("GET", "/repos/:owner/:repo/pulls/:number/comments", "pulls.listReviewComments", (ctx) => ({
      status: 200,
      body: requirePull(repoOf(ctx.params), num(ctx.params.number)).reviewComments,
    })),
    route("GET", "/repos/:owner/:repo/issues/:number/timeline", "issues.listEventsForTimeline", (ctx) => ({
      status: 200,
      body: requirePull(repoOf(ctx.params), num(ctx.params.number)).timeline,
    })),
    route("PATCH", "/repos/:owner/:repo/issues/:number", "issues.update", (ctx) => {
      const found = issuesOf(repoOf(ctx.params)).find((i) => i.number === num(ctx.params.number));
      if (!found) throw new HttpError(404, "Not Found");
      const b = object(ctx.body);
      if (typeof b.body === "string") {
        limitLength(b.body, "body");
        found.body = b.body;
      }
      if (typeof b.title === "string") found.title = b.title;
      if (b.state === "open" || b.state === "closed") found.state = b.state;
      found.updatedAt = iso();
      return { status: 200, body: issueJson(found) };
    }),
    route("GET", "/search/issues", "search.issuesAndPullRequests", (ctx) => {
      // Minimal: `repo:`, `label:`, `is:issue|pr`, `is:open|closed` qualifiers, the rest matched in title or body.
      const terms = (ctx.query.q ?? "").match(/(?:[^\s"]+:"[^"]*"|"[^"]*"|\S+)/g) ?? [];
      let repo: string | undefined;
      const wantLabels: string[] = [];
      const words: string[] = [];
      let kind: "issue" | "pr" | undefined;
      let state: "open" | "closed" | undefined;
      for (const term of terms) {
        const [qualifier, ...rest] = term.split(":");
        const value = rest.join(":").replace(/^"|"$/g, "");
        if (rest.length > 0 && qualifier === "repo") repo = value.toLowerCase();
        else if (rest.length > 0 && qualifier === "label") wantLabels.push(value.toLowerCase());
        else if (rest.length > 0 && qualifier === "is" && (value === "issue" || value === "pr")) kind = value;
        else if (rest.length > 0 && qualifier === "is" && (value === "open" || value === "closed"))
          state = value;
        else if (rest.length > 0 && qualifier === "in") continue;
        else words.push(term.replace(/^"|"$/g, "").toLowerCase());
      }
      const all = repo ? issuesOf(repo) : [...issues.values()].flat();
      const items = all.filter(
        (i) =>
          (kind === undefined || (kind === "pr") === i.pullRequest) &&
          (state === undefined || i.state === state) &&
          wantLabels.every((l) => i.labels.some((x) => x.toLowerCase() === l)) &&
          words.every((w) => `${i.title}\n${i.body}`.toLowerCase().includes(w)),
      );
      return {
        status: 200,
        body: { total_count: items.length, incomplete_results: false, items: items.map(issueJson) },
      };
    }),
  ];

  const authOf = (header: string | undefined): { kind: RecordedRequest["auth"]; installation?: number } => {
    if (!header) return { kind: "none" };
    const [scheme = "", credential = ""] = header.split(/\s+/, 2);
    if (/^(token|bearer)$/i.test(scheme) && tokens.has(credential)) {
      const installation = tokens.get(credential);
      return installation === undefined ? { kind: "token" } : { kind: "token", installation };
    }
    if (/^bearer$/i.test(scheme) && isAppJwt(credential)) return { kind: "jwt" };
    return { kind: "invalid" };
  };

  /** A JWT the app signed: three parts, `iss` the app id, unexpired, and (with a public key) a valid RS256 signature. */
  const isAppJwt = (jwt: string): boolean => {
    const parts = jwt.split(".");
    if (parts.length !== 3) return false;
    const [header = "", payload = "", signature = ""] = parts;
    try {
      const claims = object(JSON.parse(decodeBase64Url(payload)));
      if (String(claims.iss) !== String(appId)) return false;
      if (typeof claims.exp === "number" && claims.exp * 1000 < Date.now()) return false;
      if (!options.appPublicKey) return true;
      const verify = createVerify("RSA-SHA256");
      verify.update(`${header}.${payload}`);
      return verify.verify(options.appPublicKey, Buffer.from(signature, "base64url"));
    } catch {
      return false;
    }
  };

  const readBody = (req: IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_REQUEST_BYTES) {
          reject(new HttpError(413, "Payload too large"));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
      req.on("error", reject);
    });

  const send = (res: ServerResponse, reply: Reply): void => {
    const headers: Record<string, string> = {
      "x-github-media-type": "github.v3; format=json",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      ...reply.headers,
    };
    if (reply.status === 204 || (reply.body === undefined && !reply.raw)) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = reply.raw ? reply.raw.text : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...headers,
      "content-type": reply.raw ? reply.raw.contentType : "application/json; charset=utf-8",
      "content-length": String(Buffer.byteLength(text)),
    });
    res.end(text);
  };

  const faultReply = (failure: PendingFailure): Reply => {
    const { status, options: o } = failure;
    const message =
      o.message ??
      (status === 429
        ? "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."
        : status === 403 && o.rateLimit
          ? "API rate limit exceeded for installation."
          : status === 403
            ? "Resource not accessible by integration"
            : status === 404
              ? "Not Found"
              : status >= 500
                ? "Server Error"
                : "Injected failure");
    const headers: Record<string, string> = {};
    if (status === 429 || (status === 403 && o.rateLimit)) {
      headers["retry-after"] = String(o.retryAfterSeconds ?? 1);
    }
    if (status === 403 && o.rateLimit) {
      headers["x-ratelimit-remaining"] = "0";
      headers["x-ratelimit-reset"] = String(Math.ceil(Date.now() / 1000) + (o.retryAfterSeconds ?? 1));
    }
    return { status, body: { message, documentation_url: "https://docs.github.com/rest" }, headers };
  };

  const takeFailure = (method: string, path: string): PendingFailure | undefined => {
    const index = failures.findIndex((f) => f.remaining > 0 && matches(f.matcher, method, path));
    if (index < 0) return undefined;
    const failure = failures[index] as PendingFailure;
    failure.remaining--;
    if (failure.remaining === 0) failures.splice(index, 1);
    return failure;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    inFlight++;
    lastActivity = Date.now();
    const startedAt = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.startsWith(API_PREFIX)
      ? url.pathname.slice(API_PREFIX.length) || "/"
      : url.pathname;
    const query = Object.fromEntries(url.searchParams.entries());
    const auth = authOf(req.headers.authorization);
    const record: RecordedRequest = {
      seq: ++seq,
      method,
      path,
      query,
      accept: req.headers.accept,
      auth: auth.kind,
      body: undefined,
      route: "unknown",
      status: 0,
      startedAt,
      finishedAt: 0,
    };
    requests.push(record);
    let reply: Reply;
    try {
      const raw = await readBody(req);
      if (raw !== "") {
        try {
          record.body = JSON.parse(raw);
        } catch {
          record.body = raw;
        }
      }
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      const found = url.pathname.startsWith(API_PREFIX)
        ? routes.find((r) => r.method === method && r.pattern.test(path))
        : undefined;
      if (found) record.route = found.name;
      const failure = takeFailure(method, path);
      const spent =
        limit !== undefined && auth.kind === "token" && found !== undefined && found.name !== "rateLimit.get"
          ? rateWindow()
          : undefined;
      if (spent !== undefined && spent.remaining > 0) budget.used++;
      if (spent !== undefined && spent.remaining === 0) {
        reply = {
          status: 403,
          body: { message: "API rate limit exceeded for installation." },
          headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(spent.reset) },
        };
      } else if (failure && !failure.options.afterHandling) {
        record.injected = true;
        reply = faultReply(failure);
      } else if (!found) {
        reply = {
          status: 404,
          body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" },
        };
      } else if (found.needs === "jwt" && auth.kind !== "jwt") {
        reply = {
          status: 401,
          body: {
            message: "A JSON web token could not be decoded",
            documentation_url: "https://docs.github.com/rest",
          },
        };
      } else if (found.needs === "token" && auth.kind !== "token") {
        reply = {
          status: 401,
          body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" },
        };
      } else {
        const params = { ...(found.pattern.exec(path)?.groups ?? {}) };
        const ctx: RequestContext = {
          method,
          path,
          params,
          query,
          accept: req.headers.accept ?? "",
          body: record.body,
          auth: auth.kind,
        };
        reply = found.handle(ctx);
        if (failure) {
          record.injected = true;
          reply = faultReply(failure);
        }
      }
    } catch (error) {
      reply =
        error instanceof HttpError
          ? { status: error.status, body: { message: error.message, ...error.extra } }
          : { status: 500, body: { message: String(error) } };
    }
    record.status = reply.status;
    try {
      send(res, reply);
    } finally {
      record.finishedAt = Date.now();
      inFlight--;
      lastActivity = Date.now();
    }
  };

  let lingering = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    if (lingering) socket.unref();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const observe = (delivery: ObservedDelivery): void => {
    const p = delivery.payload;
    const repository = object(p.repository);
    const repo = typeof repository.full_name === "string" ? repository.full_name.toLowerCase() : undefined;
    if (!repo) return;
    const pr = object(p.pull_request);
    const issue = object(p.issue);
    const number =
      typeof pr.number === "number" ? pr.number : typeof issue.number === "number" ? issue.number : undefined;
    if (number !== undefined) {
      const list = issuesOf(repo);
      const title =
        typeof pr.title === "string" ? pr.title : typeof issue.title === "string" ? issue.title : "";
      const author = userOf(pr.user) ??
        userOf(issue.user) ?? { login: "ghost", id: 0, type: "User" as const };
      const state = (pr.state ?? issue.state) === "closed" ? "closed" : "open";
      const existing = list.find((i) => i.number === number);
      if (existing) existing.state = state;
      else {
        const at = typeof pr.created_at === "string" ? pr.created_at : iso();
        list.push({
          id: typeof pr.id === "number" ? pr.id : newId(),
          repo,
          number,
          title,
          body: typeof pr.body === "string" ? pr.body : "",
          state,
          labels: [],
          user: author,
          pullRequest: Object.keys(pr).length > 0 || "pull_request" in issue,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
    const comment = object(p.comment);
    const user = userOf(comment.user);
    if (typeof comment.id !== "number" || !user || number === undefined) return;
    const at = typeof comment.created_at === "string" ? comment.created_at : iso();
    const deleted = p.action === "deleted";
    if (delivery.event === "pull_request_review_comment") {
      reviewComments.set(comment.id, {
        id: comment.id,
        repo,
        prNumber: number,
        reviewId: typeof comment.pull_request_review_id === "number" ? comment.pull_request_review_id : null,
        inReplyToId: typeof comment.in_reply_to_id === "number" ? comment.in_reply_to_id : null,
        path: typeof comment.path === "string" ? comment.path : "README.md",
        line: typeof comment.line === "number" ? comment.line : null,
        body: typeof comment.body === "string" ? comment.body : "",
        user,
        createdAt: at,
        updatedAt: typeof comment.updated_at === "string" ? comment.updated_at : at,
        deleted,
      });
    } else if (delivery.event === "issue_comment") {
      issueComments.set(comment.id, {
        id: comment.id,
        repo,
        issueNumber: number,
        body: typeof comment.body === "string" ? comment.body : "",
        user,
        createdAt: at,
        updatedAt: typeof comment.updated_at === "string" ? comment.updated_at : at,
        deleted,
      });
    }
  };

  const inRepo = <T extends { repo: string }>(list: Iterable<T>, repo?: string): T[] =>
    [...list].filter((x) => repo === undefined || x.repo === repo.toLowerCase());

  return {
    apiUrl: `${origin}${API_PREFIX}`,
    origin,
    botLogin: bot.login,
    requests,
    unknownRequests: () => requests.filter((r) => r.route === "unknown"),
    requestsTo: (method, path) =>
      requests.filter((r) => r.method === method.toUpperCase() && matches({ path }, r.method, r.path)),
    inFlight: () => inFlight,
    setFile(repo, path, content) {
      const key = repo.toLowerCase();
      const map = files.get(key) ?? new Map<string, string>();
      map.set(path, content);
      files.set(key, map);
    },
    deleteFile(repo, path) {
      files.get(repo.toLowerCase())?.delete(path);
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    failNext(matcher, status, times = 1, failOptions = {}) {
      failures.push({ matcher, status, remaining: times, options: failOptions });
    },
    clearFailures() {
      failures.length = 0;
    },
    observe,
    issueComments: (repo, issueNumber) =>
      inRepo(issueComments.values(), repo).filter(
        (c) => issueNumber === undefined || c.issueNumber === issueNumber,
      ),
    appComments: (repo) =>
      inRepo(issueComments.values(), repo).filter((c) => c.user.login === bot.login && !c.deleted),
    reviewReplies: (repo) =>
      inRepo(reviewComments.values(), repo).filter((c) => c.user.login === bot.login && !c.deleted),
    checkRuns: (repo) => inRepo(checkRuns.values(), repo),
    reactions: (repo) => inRepo(reactions, repo),
    issues: (repo) => inRepo([...issues.values()].flat(), repo).filter((i) => !i.pullRequest),
    labels: (repo) => [...labelsOf(repo.toLowerCase())],
    pulls: (repo) => inRepo([...pulls.values()].flat(), repo),
    seedPull(repo, seeded) {
      const key = repo.toLowerCase();
      const pull: FakePull = {
        id: newId(),
        title: `PR ${seeded.number}`,
        body: "",
        state: "open",
        merged: false,
        draft: false,
        head: `topic-${seeded.number}`,
        base: DEFAULT_BRANCH,
        updatedAt: seeded.createdAt,
        closedAt: null,
        mergedAt: null,
        reviews: [],
        reviewComments: [],
        issueComments: [],
        timeline: [],
        ...seeded,
        repo: key,
      };
      pullsOf(key).push(pull);
      return pull;
    },
    closePull(repo, number, { merged }) {
      const pull = requirePull(repo.toLowerCase(), number);
      const at = iso();
      pull.state = "closed";
      pull.merged = merged;
      pull.closedAt = at;
      pull.mergedAt = merged ? at : null;
      pull.updatedAt = at;
      if (merged) {
        const branch = branches.get(branchKey(pull.repo, pull.head));
        const target = files.get(pull.repo) ?? new Map<string, string>();
        for (const [path, content] of branch ?? []) target.set(path, content);
        files.set(pull.repo, target);
      }
      return pull;
    },
    branchFile: (repo, branch, path) => branches.get(branchKey(repo.toLowerCase(), branch))?.get(path),
    rateLimited: () =>
      requests.filter((r) => r.status === 403 && r.route !== "unknown" && !r.injected && r.auth === "token"),
    async waitForQuiet({ quietMs = 300, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (inFlight === 0 && Date.now() - lastActivity >= quietMs) return true;
        await new Promise((r) => setTimeout(r, Math.min(50, quietMs)));
      }
      return false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    closeAfter(ms) {
      lingering = true;
      server.unref();
      // Keep-alive connections from the app are handles too: none may hold the process open.
      for (const socket of sockets) socket.unref();
      const timer = setTimeout(() => {
        server.close();
        server.closeAllConnections();
      }, ms);
      timer.unref();
    },
  };
}
