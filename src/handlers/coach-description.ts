// Glue: a PR opened, marked ready or edited gets its description assessed and, where the config asks, one note to
// its author (docs/architecture.md, "Descriptions").
import type { Context } from "probot";
import { z } from "zod";
import { type DescriptionPr, evaluateDescription } from "../coaching/evaluate-description.js";
import type { IngestResult } from "../ingest/ingest-delivery.js";
import { type ConfigDeps, type ResolvedConfig, resolveRepoConfig } from "./resolve-repo-config.js";

export const DESCRIPTION_EVENTS = new Set([
  "pull_request.opened",
  "pull_request.ready_for_review",
  "pull_request.edited",
]);

export interface DescriptionHandlerDeps extends ConfigDeps {
  /** Called when another delivery holds the PR's note lease (see CoachDeps.onBusy). */
  onBusy?: (key: string) => Promise<void>;
}

const Payload = z.looseObject({
  action: z.enum(["opened", "ready_for_review", "edited"]),
  installation: z.looseObject({ id: z.number() }).nullish(),
  repository: z.looseObject({
    name: z.string(),
    full_name: z.string(),
    owner: z.looseObject({ login: z.string() }),
  }),
  pull_request: z.looseObject({
    number: z.number(),
    title: z.string().default(""),
    body: z.string().nullish(),
    state: z.string().default("open"),
    draft: z.boolean().default(false),
    user: z.looseObject({ login: z.string(), type: z.string().default("User") }),
    head: z.looseObject({ ref: z.string().nullish() }).nullish(),
    labels: z.array(z.looseObject({ name: z.string() })).default([]),
    html_url: z.string().nullish(),
    created_at: z.string(),
    updated_at: z.string(),
    additions: z.number().nullish(),
    deletions: z.number().nullish(),
  }),
  changes: z.looseObject({}).nullish(),
});

export async function coachDescription(
  context: Context,
  recorded: IngestResult,
  deps: DescriptionHandlerDeps,
  /** The config, when the caller has just read it for this delivery. */
  resolved?: ResolvedConfig,
): Promise<void> {
  if (recorded.status !== "recorded" && recorded.status !== "duplicate") return;
  const parsed = Payload.safeParse(context.payload);
  if (!parsed.success) return;
  const p = parsed.data;
  const pr = p.pull_request;
  if (pr.state !== "open") return;
  // An edit of the base branch alone says nothing new about the description.
  if (p.action === "edited" && p.changes && !("body" in p.changes) && !("title" in p.changes)) return;

  const repoFullName = p.repository.full_name;
  const log = context.log.child({ delivery: context.id, repo: repoFullName, pr: pr.number });
  const facts: DescriptionPr = {
    number: pr.number,
    title: pr.title,
    body: pr.body ?? null,
    updatedAt: pr.updated_at,
    htmlUrl: pr.html_url ?? null,
    changedLines: pr.additions != null && pr.deletions != null ? pr.additions + pr.deletions : null,
    author: pr.user.login,
    authorType: pr.user.type,
    headRef: pr.head?.ref ?? null,
    draft: pr.draft,
    labels: pr.labels.map((l) => l.name),
    createdAt: pr.created_at,
    trigger: p.action,
  };
  const settings = resolved ?? (await resolveRepoConfig(context, deps));
  const result = await evaluateDescription(
    {
      octokit: context.octokit,
      log,
      settings,
      pr: facts,
      target: {
        owner: p.repository.owner.login,
        repo: p.repository.name,
        repoFullName,
        installationId: p.installation?.id ?? null,
      },
    },
    deps,
  );
  if (result.outcome === "busy") await deps.onBusy?.(`${repoFullName}#pr-${pr.number}`);
}
