// Glue: loads the repository's config, remembers it, and reports an invalid file once per version.
import { LRUCache } from "lru-cache";
import type { Context } from "probot";
import { type LoadedConfig, loadRepoConfig } from "../config/load-repo-config.js";
import { renderConfigProblems } from "../config/render-config-problems.js";
import { defaultConfig, type RepoConfig } from "../config/schema.js";
import { reportConfigProblems } from "../github/report-config-problems.js";
import { ConfigPayload } from "../ingest/payload-schemas.js";
import type { Store } from "../store/open-store.js";
import { claimConfigReport, releaseConfigReport, saveRepoConfig } from "../store/repo-configs-repository.js";
import { applyOnboardingActivation } from "./onboarding-activation.js";

export interface ResolvedConfig {
  config: RepoConfig;
  /** Coaching and digests only for a valid file that a team added (otherwise observe only: docs/architecture.md, "Configuration"). */
  coach: boolean;
  status: LoadedConfig["status"];
}

export interface ConfigDeps {
  store: Store;
  now: () => Date;
  /** Remembers loaded configs for a short while (see createRepoConfigCache); without it every call reads GitHub. */
  configCache?: RepoConfigCache;
}

/** A loaded config ("ok" or "missing": the outcomes that need no report), remembered per repository. */
type CachedConfig = Extract<LoadedConfig, { status: "ok" | "missing" }>;

export interface RepoConfigCache {
  get(repoFullName: string): CachedConfig | undefined;
  set(repoFullName: string, loaded: CachedConfig): void;
}

export interface RepoConfigCacheOptions {
  /** How long a loaded config is used without asking GitHub again (default 60 000). */
  ttlMs?: number;
  /** Repositories remembered at most; the least recently loaded goes first (default 1000). */
  maxEntries?: number;
  /** The clock (milliseconds), injectable for tests (default Date.now). */
  clock?: () => number;
}

/**
 * An in-memory, per-process cache of each repository's loaded config: a busy repository costs one config read
 * (two GitHub calls: the repo's file, then the org's .github) per TTL instead of one per event. The trade-off: a
 * change to `.github/review-coach.yml` (or the org default) applies within `ttlMs` (60 s by default), not at once;
 * each replica has its own cache, so replicas may disagree for up to that long. Only "ok" and "missing" are kept:
 * an invalid file is read every time (it may need its report), an unavailable one is retried next event.
 */
export function createRepoConfigCache(options: RepoConfigCacheOptions = {}): RepoConfigCache {
  return new LRUCache<string, CachedConfig>({
    max: options.maxEntries ?? 1000,
    ttl: options.ttlMs ?? 60_000,
    // The injected clock, read on every check (by default lru-cache rounds `now` to a timer's resolution).
    perf: { now: options.clock ?? Date.now },
    ttlResolution: 0,
  });
}

export async function resolveRepoConfig(context: Context, deps: ConfigDeps): Promise<ResolvedConfig> {
  // Ingest has recorded this delivery, so its repository fields are there; a payload without them fails here, once.
  const payload = ConfigPayload.parse(context.payload);
  const owner = payload.repository.owner.login;
  const repo = payload.repository.name;
  const repoFullName = payload.repository.full_name;
  const log = context.log.child({ delivery: context.id, repo: repoFullName });
  const cached = deps.configCache?.get(repoFullName);
  // Within the TTL the store already holds what was loaded (saved on the load that filled the cache).
  // A merged onboarding's activated_at applies to every read (README, "Onboarding").
  const activated = (config: RepoConfig) => applyOnboardingActivation(deps.store.db, repoFullName, config);
  if (cached?.status === "ok") return { config: await activated(cached.config), coach: true, status: "ok" };
  if (cached?.status === "missing") return { config: defaultConfig(), coach: false, status: "missing" };
  const loaded = await loadRepoConfig(context.octokit, { owner, repo });
  const at = deps.now().toISOString();

  switch (loaded.status) {
    case "ok":
      await saveRepoConfig(deps.store.db, {
        repoFullName,
        status: "ok",
        config: loaded.config,
        version: loaded.version,
        loadedAt: at,
      });
      deps.configCache?.set(repoFullName, loaded);
      return { config: await activated(loaded.config), coach: true, status: "ok" };
    case "missing":
      await saveRepoConfig(deps.store.db, {
        repoFullName,
        status: "missing",
        config: defaultConfig(),
        version: null,
        loadedAt: at,
      });
      deps.configCache?.set(repoFullName, loaded);
      return { config: defaultConfig(), coach: false, status: "missing" };
    case "unavailable":
      // Not the team's mistake: observe this event only, say nothing on GitHub, try again next event.
      log.warn({ reason: loaded.reason, status: loaded.httpStatus }, "config unavailable; observing only");
      return { config: defaultConfig(), coach: false, status: "unavailable" };
    case "invalid": {
      log.warn(
        { source: loaded.source, version: loaded.version, problems: loaded.problems.length },
        "invalid config; using safe defaults",
      );
      await saveRepoConfig(deps.store.db, {
        repoFullName,
        status: "invalid",
        config: loaded.config,
        version: loaded.version,
        loadedAt: at,
      });
      const prNumber = payload.pull_request?.number ?? payload.issue?.number;
      if (prNumber != null && (await claimConfigReport(deps.store.db, repoFullName, loaded.version, at))) {
        const markdown = renderConfigProblems({
          source: loaded.source,
          problems: loaded.problems,
          version: loaded.version,
        });
        try {
          const how = await reportConfigProblems(
            context.octokit,
            { owner, repo, prNumber, headSha: payload.pull_request?.head?.sha ?? null },
            { title: `${loaded.problems.length} problem(s) in ${loaded.source}`, markdown },
          );
          log.info({ version: loaded.version, how }, "reported config problems");
        } catch (error) {
          await releaseConfigReport(deps.store.db, repoFullName, loaded.version);
          log.warn({ err: error }, "could not report config problems");
        }
      }
      return { config: loaded.config, coach: false, status: "invalid" };
    }
  }
}
