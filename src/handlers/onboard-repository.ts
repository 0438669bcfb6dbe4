// Glue: onboards one repository (issue #17; README, "Onboarding"): claim the ledger row, skip a repository that has
// a config, backfill the last weeks, propose, and open (or update in place) one pull request or issue.
import { runBackfill } from "../backfill/run-backfill.js";
import { CONFIG_PATH } from "../config/config-path.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import type { PrHistorySource } from "../github/backfill-source.js";
import {
  ONBOARDING_BRANCH,
  type OnboardingOctokit,
  openOrUpdateIssue,
  openOrUpdatePullRequest,
} from "../github/onboarding-github.js";
import { type OnboardingProposal, proposeOnboarding } from "../onboarding/propose-onboarding.js";
import { renderProposedConfig } from "../onboarding/render-config.js";
import { ONBOARDING_TITLE, renderOnboardingBody } from "../onboarding/render-preview.js";
import { sha256Hex } from "../sha256-hex.js";
import { claimOnboarding, type OnboardingKind, settleOnboarding } from "../store/onboardings-repository.js";
import type { Store } from "../store/open-store.js";
import { loadOnboardingInput } from "./load-onboarding-history.js";

export const ONBOARDING_WEEKS = 4;
const WEEK_MS = 7 * 86_400_000;

export interface OnboardingDraft {
  proposal: OnboardingProposal;
  title: string;
  body: string;
  configText: string;
  contentHash: string;
}

/** The proposal from what the store holds (the --dry-run of `review-coach onboard`, and every real run). */
export async function draftOnboarding(
  store: Store,
  request: { repoFullName: string; now: Date; weeks?: number; kind: OnboardingKind },
): Promise<OnboardingDraft> {
  const weeks = request.weeks ?? ONBOARDING_WEEKS;
  const input = await loadOnboardingInput(store.db, {
    repoFullName: request.repoFullName,
    now: request.now,
    weeks,
  });
  const proposal = proposeOnboarding(input);
  const configText = renderProposedConfig(proposal);
  const body = renderOnboardingBody(proposal, { kind: request.kind, configText });
  const contentHash = sha256Hex(`${configText}\0${body}`);
  return { proposal, title: ONBOARDING_TITLE, body, configText, contentHash };
}

export interface OnboardDeps {
  store: Store;
  now: () => Date;
  octokit: OnboardingOctokit;
  /** The backfill's reader (through the installation); none: use what the store holds. */
  source?: PrHistorySource;
  /** ONBOARDING=off: an issue instead of a pull request (contents stay read-only). */
  mode: "on" | "off";
  weeks?: number;
  force?: boolean;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export type OnboardOutcome =
  | { status: "opened" | "updated" | "unchanged"; kind: OnboardingKind; number: number }
  | { status: "has-config" | "held" | "answered" | "closed-on-github" };

export async function onboardRepository(
  deps: OnboardDeps,
  target: { owner: string; repo: string; installationId: number | null },
): Promise<OnboardOutcome> {
  const repoFullName = `${target.owner}/${target.repo}`;
  const kind: OnboardingKind = deps.mode === "off" ? "issue" : "pull-request";
  const claim = await claimOnboarding(deps.store.db, {
    repoFullName,
    installationId: target.installationId,
    kind,
    at: deps.now().toISOString(),
    ...(deps.force ? { force: true } : {}),
  });
  if (!claim.claimed) {
    // Another replica holds it, or the team already answered (merged, closed): nothing to do, ever.
    return claim.record && claim.record.status !== "pending" ? { status: "answered" } : { status: "held" };
  }
  const record = claim.record;
  const at = () => deps.now().toISOString();
  try {
    // 1. A repository with a config (its own or the org's) needs no onboarding. An unreadable one is retried.
    if (record.status !== "open") {
      const loaded = await loadRepoConfig(deps.octokit as never, { owner: target.owner, repo: target.repo });
      if (loaded.status === "unavailable") throw new Error(`config unavailable: ${loaded.reason}`);
      if (loaded.status !== "missing") {
        await settleOnboarding(deps.store.db, repoFullName, { status: "skipped", at: at() });
        return { status: "has-config" };
      }
    }
    // 2. Backfill the weeks replayed and the one running (runBackfill resumes an interrupted run).
    const weeks = deps.weeks ?? ONBOARDING_WEEKS;
    if (deps.source) {
      const since = new Date(deps.now().getTime() - (weeks + 1) * WEEK_MS);
      const summary = await runBackfill(
        { store: deps.store, source: deps.source, now: deps.now, progress: { listed() {}, pr() {} } },
        { repo: repoFullName, since },
      );
      if (summary.status === "failed") throw new Error(`backfill stopped: ${summary.error}`);
    }
    // 3. Propose, then write only what changed.
    const recordKind = record.status === "open" ? record.kind : kind;
    const draft = await draftOnboarding(deps.store, {
      repoFullName,
      now: deps.now(),
      weeks,
      kind: recordKind,
    });
    if (record.status === "open" && record.contentHash === draft.contentHash && record.number !== null) {
      await settleOnboarding(deps.store.db, repoFullName, { status: "open", at: at() });
      return { status: "unchanged", kind: recordKind, number: record.number };
    }
    const written =
      recordKind === "issue"
        ? await openOrUpdateIssue(deps.octokit, {
            owner: target.owner,
            repo: target.repo,
            title: draft.title,
            body: draft.body,
            number: record.status === "open" ? record.number : null,
          })
        : await openOrUpdatePullRequest(deps.octokit, {
            owner: target.owner,
            repo: target.repo,
            path: CONFIG_PATH,
            fileText: draft.configText,
            title: draft.title,
            body: draft.body,
          });
    if (written === null) {
      // Closed on GitHub while the ledger still said open (a missed delivery): observe only from now on.
      await settleOnboarding(deps.store.db, repoFullName, { status: "closed", at: at() });
      return { status: "closed-on-github" };
    }
    await settleOnboarding(deps.store.db, repoFullName, {
      status: "open",
      at: at(),
      kind: recordKind,
      number: written.number,
      branch: recordKind === "issue" ? null : ONBOARDING_BRANCH,
      contentHash: draft.contentHash,
    });
    deps.log?.info({ repo: repoFullName, number: written.number, kind: recordKind }, "onboarding written");
    return { status: written.created ? "opened" : "updated", kind: recordKind, number: written.number };
  } catch (error) {
    await settleOnboarding(deps.store.db, repoFullName, {
      status: record.status === "open" ? "open" : "failed",
      at: at(),
      error: (error instanceof Error ? error.message : String(error)).slice(0, 2000),
    });
    throw error;
  }
}
