// `review-coach onboard OWNER/NAME [--weeks 4] [--dry-run] [--force]`: the onboarding pull request of issue #17
// (README, "Onboarding"), or with --dry-run its title, body and config, from what the store holds.
import type { PrHistorySource } from "../github/backfill-source.js";
import type { OnboardingOctokit } from "../github/onboarding-github.js";
import { draftOnboarding, onboardRepository } from "../handlers/onboard-repository.js";
import type { Store } from "../store/open-store.js";
import type { CommandIo } from "./io.js";
import { checkRepo } from "./metrics.js";

export interface OnboardCommandOptions {
  repo: string;
  weeks?: string | number | undefined;
  dryRun?: boolean | undefined;
  force?: boolean | undefined;
  /** ONBOARDING=off: an issue instead of a pull request. */
  mode?: "on" | "off";
}

/** With a token: the client and the backfill's reader. Without one, --dry-run works from the store alone. */
export interface OnboardCommandDeps {
  github: { octokit: OnboardingOctokit; source: PrHistorySource } | null;
  now?: () => Date;
}

/** Exit codes: 0 done (or printed), 1 GitHub refused or the backfill stopped, 2 a bad argument or no token. */
export async function onboardCommand(
  store: Store,
  options: OnboardCommandOptions,
  io: CommandIo,
  deps: OnboardCommandDeps,
): Promise<number> {
  const repo = checkRepo(options.repo, io, "onboard");
  if (repo === null) return 2;
  const weeks = Number(options.weeks ?? 4);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 26) {
    io.err(`review-coach onboard: --weeks "${options.weeks}" must be a whole number from 1 to 26`);
    return 2;
  }
  const now = deps.now ?? (() => new Date());
  const kind = options.mode === "off" ? "issue" : "pull-request";
  const [owner = "", name = ""] = repo.split("/");

  if (options.dryRun) {
    if (deps.github !== null) {
      const { runBackfill } = await import("../backfill/run-backfill.js");
      const { progressLines } = await import("./backfill.js");
      const since = new Date(now().getTime() - (weeks + 1) * 7 * 86_400_000);
      const summary = await runBackfill(
        { store, source: deps.github.source, now, progress: progressLines(io, repo) },
        { repo, since },
      );
      if (summary.status === "failed") {
        io.err(`review-coach onboard: the backfill stopped: ${summary.error}`);
        return 1;
      }
    }
    const draft = await draftOnboarding(store, { repoFullName: repo, now: now(), weeks, kind });
    io.out(`title: ${draft.title}`);
    io.out("");
    io.out(draft.body);
    io.out("");
    io.out("```yaml");
    io.out(draft.configText.trimEnd());
    io.out("```");
    return 0;
  }
  if (deps.github === null) {
    io.err(
      "review-coach onboard: set GITHUB_TOKEN to open the pull request, or pass --dry-run to preview it",
    );
    return 2;
  }
  try {
    const outcome = await onboardRepository(
      {
        store,
        now,
        octokit: deps.github.octokit,
        source: deps.github.source,
        mode: options.mode ?? "on",
        weeks,
        ...(options.force ? { force: true } : {}),
      },
      { owner, repo: name, installationId: null },
    );
    const what: Record<string, string> = {
      "has-config": `${repo} has a review-coach config already: nothing to propose`,
      held: `${repo}: another process is onboarding it right now`,
      answered: `${repo} was onboarded before (merged or closed); --force proposes it again after a close`,
      "closed-on-github": `${repo}: the onboarding was closed without merging; it stays observed and quiet`,
    };
    io.out(
      "number" in outcome
        ? `${repo}: onboarding ${outcome.kind === "issue" ? "issue" : "pull request"} #${outcome.number} ${outcome.status}`
        : (what[outcome.status] ?? outcome.status),
    );
    return 0;
  } catch (error) {
    io.err(`review-coach onboard: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
