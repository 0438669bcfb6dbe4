// `review-coach digest --repo OWNER/NAME --week 2026-W47 [--post]`: previews a weekly digest, or posts it once.
import { composeDigest } from "../digest/compose-digest.js";
import { deliverDigest } from "../digest/deliver-digest.js";
import type { DigestPublisher } from "../digest/digest-publisher.js";
import type { Store } from "../store/open-store.js";
import type { CommandIo } from "./io.js";
import { checkRepoAndWeek, checkWeek, resolveCommandConfig, warnIfNothingStored } from "./metrics.js";

export interface DigestCommandOptions {
  repo: string;
  week: string;
  config?: string | undefined;
  post?: boolean | undefined;
}

export interface DigestCommandDeps {
  now?: () => Date;
  /** Needed only with --post; returns an error message when it cannot be made (no token). */
  publisher?: () => DigestPublisher | string;
}

/**
 * Without --post, prints the issue title and Markdown. With --post, goes through the scheduler's delivery (claimed
 * per target and week), so a digest the server already posted is not posted again. Exit codes: 0 printed or
 * posted (a preview of a repository with nothing stored also says so on stderr), 1 invalid config or not posted, 2 a
 * bad argument or no token.
 */
export async function digestCommand(
  store: Store,
  options: DigestCommandOptions,
  io: CommandIo,
  deps: DigestCommandDeps = {},
): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const repo = checkRepoAndWeek(options, io, "digest");
  if (repo === null) return 2;
  const resolved = await resolveCommandConfig(store, repo, options.config);
  if (!resolved.ok) {
    io.err(resolved.message);
    return resolved.exitCode;
  }
  const { config } = resolved;
  if (!checkWeek(options.week, config.review_windows.timezone, io, "digest")) return 2;
  const target = config.digest.repository || repo;
  const job = { target, repos: [repo], week: options.week, config, installationId: null };

  if (!options.post) {
    await warnIfNothingStored(store, repo, io, "digest");
    const { rendered } = await composeDigest(store.db, { ...job, now: now() });
    io.out(`# ${rendered.title}`);
    io.out(`(to ${target}, label "${config.digest.label}"; config: ${resolved.source})`);
    io.out("");
    io.out(rendered.body.trimEnd());
    return 0;
  }

  const publisher = deps.publisher?.() ?? "posting needs GitHub credentials";
  if (typeof publisher === "string") {
    io.err(`review-coach digest: ${publisher}`);
    return 2;
  }
  const result = await deliverDigest({ db: store.db, now, publisher: async () => publisher }, job);
  switch (result.status) {
    case "posted":
      io.out(`posted ${target}#${result.issue.number}: ${result.issue.url ?? result.title}`);
      return 0;
    case "already-posted":
      io.out(
        `already posted as ${target}#${result.issue.number}${result.issue.url ? `: ${result.issue.url}` : ""}`,
      );
      return 0;
    case "nothing-to-report":
      io.err(
        `review-coach digest: nothing to report: no events stored for ${repo} before the end of ${options.week}`,
      );
      return 1;
    case "claimed-elsewhere":
      io.err(
        `review-coach digest: ${target} ${options.week} is being posted by another process, or failed too often ` +
          "(see the digests table)",
      );
      return 1;
    case "failed":
      io.err(`review-coach digest: could not post to ${target}: ${result.error}`);
      return 1;
  }
}
