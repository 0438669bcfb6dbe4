// Assesses a PR's description, records it for the figures, and shows the author's note on GitHub exactly once:
// created on open or ready, updated in place on edits, turned into a thank-you (or deleted) once complete
// (docs/architecture.md, "Descriptions" and "Exactly once").
import type { Logger } from "pino";
import type { ProbotOctokit } from "probot";
import { type AdrReading, assessAdr } from "../analysis/description/assess-adr.js";
import { assessDescription } from "../analysis/description/assess-description.js";
import type { DescriptionAssessment } from "../analysis/description/description-assessment.js";
import { descriptionsOf, type RepoConfig } from "../config/schema.js";
import { survivableStatus } from "../github/github-error.js";
import { findAdrFolder, listChangedFiles, readPullRequestTemplate } from "../github/pull-request-context.js";
import { deleteNudgeComment, findNudgeComment, upsertNudgeComment } from "../github/upsert-nudge-comment.js";
import { sha256Hex } from "../sha256-hex.js";
import { upsertDescriptionAssessment } from "../store/description-assessments-repository.js";
import {
  abandonDescriptionNudge,
  acquireDescriptionNudge,
  type DescriptionNudgeRecord,
  type DescriptionNudgeUpdate,
  getDescriptionNudge,
  releaseDescriptionNudge,
  saveDescriptionNudge,
} from "../store/description-nudges-repository.js";
import type { Store } from "../store/open-store.js";
import { isOptedOut } from "../store/opt-outs-repository.js";
import { type ExistingNudge, existingNudge } from "./policy.js";
import {
  type DescriptionDecision,
  type DescriptionFacts,
  decideDescriptionNudge,
  descriptionGate,
  isDependencyUpdate,
} from "./policy-description.js";
import { matchesAnyGlob } from "./policy-glob.js";
import { descriptionMarker, renderDescriptionNudge, renderDescriptionThanks } from "./render-description.js";

type Octokit = InstanceType<typeof ProbotOctokit>;

export interface DescriptionPr extends DescriptionFacts {
  number: number;
  title: string;
  body: string | null;
  updatedAt: string;
  htmlUrl: string | null;
  /** additions + deletions, when the payload has them. */
  changedLines: number | null;
}

export interface DescriptionTarget {
  owner: string;
  repo: string;
  repoFullName: string;
  installationId: number | null;
}

export interface DescriptionEvaluationInput {
  octokit: Octokit;
  log: Logger;
  target: DescriptionTarget;
  pr: DescriptionPr;
  settings: { config: RepoConfig; coach: boolean };
}

export interface DescriptionDeps {
  store: Store;
  now: () => Date;
}

export type DescriptionOutcome =
  | "nudged"
  | "updated"
  | "resolved"
  | "unchanged"
  | "skipped"
  | "failed"
  | "busy"
  | "stale";

/** Rounds under one lease: the first, plus re-evaluations for edits that arrived meanwhile. */
const MAX_ROUNDS = 3;

export async function evaluateDescription(
  input: DescriptionEvaluationInput,
  deps: DescriptionDeps,
): Promise<{ outcome: DescriptionOutcome; reason?: string }> {
  const { target, settings, log, octokit } = input;
  const db = deps.store.db;
  const { coaching } = settings.config;
  const descriptions = descriptionsOf(settings.config);
  const key = { repoFullName: target.repoFullName, prNumber: input.pr.number };
  const where = { owner: target.owner, repo: target.repo, prNumber: input.pr.number };

  // A late redelivery of an older version of the PR changes nothing (the newer one was evaluated).
  const before = await getDescriptionNudge(db, key);
  if (before?.prUpdatedAt && input.pr.updatedAt < before.prUpdatedAt) return { outcome: "stale" };

  const policyBase = {
    coaching,
    descriptions,
    timezone: settings.config.review_windows.timezone,
    coach: settings.coach,
  };
  const gate = descriptionGate({ ...policyBase, pr: input.pr });
  // Reads from GitHub only for a PR that may be coached, and only what the config asks for.
  const wantsFiles =
    gate === undefined &&
    (descriptions.ui_paths.length > 0 ||
      descriptions.adr_paths.length > 0 ||
      descriptions.adr_dependency_manifests);
  const files = wantsFiles ? await listChangedFiles(octokit, where) : null;
  if (wantsFiles && files === null)
    log.debug({ pr: key.prNumber }, "descriptions: changed files unavailable");
  const template =
    gate === undefined && descriptions.required.includes("template")
      ? await readPullRequestTemplate(octokit, target)
      : null;

  const read = (pr: DescriptionPr) => {
    const assessment = assessDescription(
      { title: pr.title, body: pr.body, changedLines: pr.changedLines, files, template },
      {
        required: descriptions.required,
        changedLinesThreshold: descriptions.changed_lines_threshold,
        uiPaths: descriptions.ui_paths,
      },
    );
    const adr = assessAdr(
      { body: pr.body, files },
      {
        paths: descriptions.adr_paths,
        dependencyManifests: descriptions.adr_dependency_manifests,
        folder: descriptions.adr_folder,
      },
    );
    return { assessment, adr };
  };
  const decide = async (pr: DescriptionPr, nudge: DescriptionNudgeRecord | undefined) => {
    const reading = read(pr);
    const decision = decideDescriptionNudge({
      ...policyBase,
      pr,
      ...reading,
      optedOut: await isOptedOut(db, target.installationId, pr.author),
      existing: existingOf(nudge),
    });
    return { ...reading, decision };
  };

  let pr = input.pr;
  let current = await decide(pr, before);
  await recordFigures(pr, current.assessment, current.adr);
  if (current.decision.action === "skip") {
    log.debug({ pr: key.prNumber, reason: current.decision.reason }, "descriptions: no note");
    return { outcome: "skipped", reason: current.decision.reason };
  }

  const claim = await acquireDescriptionNudge(
    db,
    { ...key, installationId: target.installationId, author: pr.author },
    // Wall-clock time, as for review nudges: a lease is about whether a process is alive.
    new Date(),
  );
  if (!claim.acquired) return { outcome: "busy" };

  let nudge = claim.nudge;
  let outcome: DescriptionOutcome = "unchanged";
  let reason: string | undefined;
  try {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (round > 0) {
        // An edit arrived while this one was posting: read the PR as it is now.
        nudge = (await getDescriptionNudge(db, key)) ?? nudge;
        pr = await refetch(octokit, where, pr);
        current = await decide(pr, nudge);
        await recordFigures(pr, current.assessment, current.adr);
      } else if (!claim.fresh) {
        current = await decide(pr, nudge);
      }
      const result = await deliver(current.decision, nudge, claim.fresh && round === 0);
      if (result.update)
        await saveDescriptionNudge(db, key, { ...result.update, prUpdatedAt: pr.updatedAt }, deps.now());
      outcome = result.outcome;
      reason = result.reason;
      if (await releaseDescriptionNudge(db, key, new Date())) break;
      if (round === MAX_ROUNDS - 1) await abandonDescriptionNudge(db, key);
    }
  } catch (error) {
    const latest = await getDescriptionNudge(db, key);
    if (latest && latest.commentId == null)
      await saveDescriptionNudge(
        db,
        key,
        { status: "failed", error: String(error).slice(0, 500) },
        deps.now(),
      );
    await abandonDescriptionNudge(db, key);
    log.warn({ pr: key.prNumber, err: error }, "descriptions: GitHub failed; the delivery will be retried");
    throw error;
  }
  const fields = { pr: key.prNumber, outcome, reason, missing: current.assessment.missing };
  if (["nudged", "updated", "resolved"].includes(outcome)) log.info(fields, "description note shown");
  else log.debug(fields, "description note");
  return reason === undefined ? { outcome } : { outcome, reason };

  async function recordFigures(p: DescriptionPr, assessment: DescriptionAssessment, adr: AdrReading) {
    // Bots, dependency updates and drafts are not descriptions a team writes: they are not counted.
    if (p.draft || p.authorType === "Bot" || p.author.endsWith("[bot]") || isDependencyUpdate(p)) return;
    await upsertDescriptionAssessment(
      db,
      {
        repoFullName: target.repoFullName,
        prNumber: p.number,
        installationId: target.installationId,
        htmlUrl: p.htmlUrl,
        readyAt: p.trigger === "ready_for_review" ? p.updatedAt : p.createdAt,
        prUpdatedAt: p.updatedAt,
        explainsWhy: assessment.parts.why.present,
        howTested: assessment.parts.testing.present,
        completeness: assessment.completeness,
        missing: assessment.missing,
        words: assessment.words,
        architectural: adr.architectural,
        linksAdr: adr.linksAdr,
      },
      deps.now().toISOString(),
    );
  }

  async function deliver(
    decision: DescriptionDecision,
    row: DescriptionNudgeRecord,
    fresh: boolean,
  ): Promise<{ outcome: DescriptionOutcome; reason?: string; update?: DescriptionNudgeUpdate }> {
    let commentId = row.commentId;
    try {
      if (decision.action === "skip")
        return {
          outcome: "skipped",
          reason: decision.reason,
          ...(commentId == null ? { update: { status: "skipped" } } : {}),
        };
      if (decision.action === "nudge") {
        const adrFolder = decision.content.adr
          ? await findAdrFolder(octokit, target, descriptions.adr_folder)
          : { url: null, templateUrl: null };
        const body = renderDescriptionNudge({
          prNumber: pr.number,
          author: pr.author,
          content: decision.content,
          changedLines: pr.changedLines,
          uiFiles: (files ?? []).filter((f) => matchesAnyGlob(descriptions.ui_paths, f)),
          adrFolder: { name: descriptions.adr_folder, ...adrFolder },
        });
        const hash = sha256Hex(body);
        // A claim someone held before (crashed, or GitHub answered 5xx after creating the comment): the marker
        // finds what may already be there, so the retry updates it instead of posting twice.
        if (commentId == null && !fresh)
          commentId = (await findNudgeComment(octokit, where, descriptionMarker(pr.number))) ?? null;
        if (commentId != null && row.status === "posted" && row.bodyHash === hash)
          return { outcome: "unchanged" };
        const id = await upsertNudgeComment(octokit, where, commentId, body);
        return {
          outcome: commentId == null ? "nudged" : "updated",
          update: { status: "posted", commentId: id, bodyHash: hash },
        };
      }
      if (commentId == null) return { outcome: "unchanged" };
      if (coaching.on_resolved === "delete") {
        if (row.status === "deleted") return { outcome: "unchanged" };
        await deleteNudgeComment(octokit, where, commentId);
        return { outcome: "resolved", update: { status: "deleted", bodyHash: null } };
      }
      const body = renderDescriptionThanks({ prNumber: pr.number, author: pr.author });
      const hash = sha256Hex(body);
      if (row.status === "resolved" && row.bodyHash === hash) return { outcome: "unchanged" };
      await upsertNudgeComment(octokit, where, commentId, body);
      return { outcome: "resolved", update: { status: "resolved", bodyHash: hash } };
    } catch (error) {
      const status = survivableStatus(error);
      if (status === undefined) throw error;
      // Our comment was removed by someone: respect that and never post on this PR again.
      if (commentId != null && status === 404)
        return { outcome: "skipped", reason: "nudge-removed", update: { status: "gone" } };
      return {
        outcome: "failed",
        reason: `github-${status}`,
        update: {
          status: commentId != null ? row.status : "failed",
          ...(commentId != null ? { commentId } : {}),
          error: error instanceof Error ? error.message.slice(0, 500) : String(error),
        },
      };
    }
  }
}

/** The PR as GitHub has it now (title, body, draft, labels, size), for a round after an edit arrived. */
async function refetch(
  octokit: Octokit,
  where: { owner: string; repo: string; prNumber: number },
  pr: DescriptionPr,
): Promise<DescriptionPr> {
  const { data } = await octokit.rest.pulls.get({
    owner: where.owner,
    repo: where.repo,
    pull_number: where.prNumber,
  });
  return {
    ...pr,
    title: data.title,
    body: data.body ?? null,
    draft: data.draft ?? false,
    labels: data.labels.map((l) => l.name ?? "").filter((n) => n !== ""),
    updatedAt: data.updated_at,
    changedLines: data.additions + data.deletions,
    trigger: pr.trigger,
  };
}

function existingOf(nudge: DescriptionNudgeRecord | undefined): ExistingNudge {
  return existingNudge(nudge?.status, nudge?.commentId != null);
}
