#!/usr/bin/env node
// The `review-coach` command: wiring only; each command's logic lives in src/commands/.
import { readFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import { Command, CommanderError } from "commander";
import { type CommandIo, processIo } from "./commands/io.js";
import { githubApiUrl, readEnv } from "./env.js";
import { isMainModule } from "./is-main-module.js";
import type { Store } from "./store/open-store.js";

// Each command loads its modules when it runs, not when the CLI starts: `classify` has no use for the store drivers,
// Octokit or YAML, and loading everything cost a third of a second of every run (bench/classify.ts).
const load = {
  backfill: () => import("./commands/backfill.js"),
  onboard: () => import("./commands/onboard.js"),
  classify: () => import("./commands/classify.js"),
  digest: () => import("./commands/digest.js"),
  ingest: () => import("./commands/ingest-file.js"),
  metrics: () => import("./commands/metrics.js"),
  purge: () => import("./commands/purge.js"),
  stats: () => import("./commands/stats.js"),
  windows: () => import("./commands/windows.js"),
  config: async () => ({
    ...(await import("./config/format-problems.js")),
    ...(await import("./config/parse-config-text.js")),
    ...(await import("./config/schema.js")),
    ...(await import("./config/validate-config-file.js")),
  }),
  store: () => import("./store/open-store.js"),
  github: async () => ({
    ...(await import("./digest/digest-publisher.js")),
    ...(await import("./github/backfill-octokit.js")),
    ...(await import("./github/backfill-source.js")),
  }),
};

export function buildCli(
  io: CommandIo = processIo,
  env: Record<string, string | undefined> = process.env,
  stdin: Readable = process.stdin,
): Command {
  const program = new Command()
    .name("review-coach")
    .description("Coach code reviewers to teach, and measure review-window batching.")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  const dbOption = "--db <url>";
  const dbHelp =
    "store: a SQLite file path or postgres:// URL (default: $DATABASE_URL, else ./data/review-coach.sqlite)";
  /**
   * Runs `fn` on the store. Read-only commands open an existing store and create nothing: a store that is not there
   * exits 2 (like any argument naming nothing), one that cannot be read exits 1.
   */
  const withStore = async (
    db: string | undefined,
    fn: (store: Store) => Promise<number>,
    { readOnly = false } = {},
  ): Promise<number> => {
    const { openStore, NoStoreError, StoreError } = await load.store();
    let store: Store;
    try {
      store = await openStore(db ?? readEnv(env).DATABASE_URL, { readOnly });
    } catch (error) {
      if (!readOnly || !(error instanceof StoreError)) throw error;
      io.err(error.message);
      return error instanceof NoStoreError ? 2 : 1;
    }
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };

  program
    .command("validate-config")
    .description("check a .github/review-coach.yml file: exit 0 when valid, 1 with each located error")
    .argument("<file>", "the YAML file")
    .action(async (file: string) => {
      const { validateConfigFile } = await load.config();
      const { exitCode, output } = await validateConfigFile(file);
      (exitCode === 0 ? io.out : io.err)(output);
      program.setOptionValue("exitCode", exitCode);
    });

  program
    .command("classify")
    .description(
      'assess comments: JSON lines {"id","body","author"?,"pr_author"?} on stdin, one result line per input on stdout',
    )
    .option(
      "--llm",
      "also ask the OpenAI-compatible model about unsure comments (OPENAI_API_KEY, OPENAI_BASE_URL)",
    )
    .option("--config <file>", "a review-coach.yml whose llm and coaching.ignore_users settings apply")
    .option(dbOption, `${dbHelp}; with --llm it holds the model's cache and daily budget`)
    .action(async (opts: { llm?: boolean; config?: string; db?: string }) => {
      const { classifyCommand } = await load.classify();
      const { defaultConfig, parseConfigText, formatProblems } = await load.config();
      const e = readEnv(env);
      let config = defaultConfig();
      if (opts.config) {
        const parsed = parseConfigText(await readFile(opts.config, "utf8"), opts.config);
        if (!parsed.ok) {
          io.err(formatProblems(opts.config, parsed.problems));
          program.setOptionValue("exitCode", 1);
          return;
        }
        config = parsed.config;
      }
      const code = await classifyCommand({
        input: stdin,
        io,
        ignoreUsers: config.coaching.ignore_users,
        ...(opts.llm
          ? {
              llm: {
                // --llm is the opt-in here; the file's other llm settings (model, limits) still apply.
                config: { ...config.llm, enabled: true },
                apiKey: e.OPENAI_API_KEY,
                baseURL: e.OPENAI_BASE_URL,
                openStore: async () => (await load.store()).openStore(opts.db ?? e.DATABASE_URL),
              },
            }
          : {}),
      });
      program.setOptionValue("exitCode", code);
    });

  program
    .command("ingest")
    .description(
      "load webhook envelopes {event, delivery, payload}, one JSON object per line, into the store",
    )
    .argument("<file>", "a .jsonl file")
    .option(dbOption, dbHelp)
    .action(async (file: string, opts: { db?: string }) => {
      const { ingestFile } = await load.ingest();
      program.setOptionValue(
        "exitCode",
        await withStore(opts.db, async (s) => (await ingestFile(s, file, io)).exitCode),
      );
    });

  program
    .command("purge")
    .description("delete everything the store holds of one installation (--dry-run: only say what)")
    .requiredOption("--installation <id>", "the installation's id")
    .option("--dry-run", "count what would be deleted, delete nothing")
    .option(dbOption, dbHelp)
    .action(async (opts: { installation: string; dryRun?: boolean; db?: string }) => {
      const { purgeCommand } = await load.purge();
      program.setOptionValue(
        "exitCode",
        await withStore(opts.db, (s) => purgeCommand(s, opts, io), { readOnly: opts.dryRun ?? false }),
      );
    });

  program
    .command("stats")
    .description("row counts per table and deliveries by status")
    .option(dbOption, dbHelp)
    .option("--json", "print one JSON object")
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { printStats } = await load.stats();
      program.setOptionValue(
        "exitCode",
        await withStore(opts.db, (s) => printStats(s, io, opts.json), { readOnly: true }),
      );
    });

  program
    .command("metrics")
    .description("a week's review figures for the team and each reviewer")
    .requiredOption("--repo <owner/name>", "the repository")
    .requiredOption("--week <week>", "ISO week in the team timezone, e.g. 2026-W47")
    .option("--config <file>", "a review-coach.yml to use (default: the stored config, else the defaults)")
    .option("--json", "print one JSON object")
    .option(dbOption, dbHelp)
    .action(async (opts: { repo: string; week: string; config?: string; json?: boolean; db?: string }) => {
      const { checkRepoAndWeek, printMetrics } = await load.metrics();
      if (checkRepoAndWeek(opts, io, "metrics") === null) {
        program.setOptionValue("exitCode", 2);
        return;
      }
      program.setOptionValue(
        "exitCode",
        await withStore(opts.db, (s) => printMetrics(s, opts, io), { readOnly: true }),
      );
    });

  program
    .command("windows")
    .description("what other review windows would have cost, replayed on the team's own history")
    .requiredOption("--repo <owner/name>", "the repository")
    .option("--weeks <n>", "weeks replayed, ending with --until", "4")
    .option("--until <week>", "the last ISO week replayed (default: the last complete week)")
    .option("--config <file>", "a review-coach.yml to use (default: the stored config, else the defaults)")
    .option("--json", "print one JSON object")
    .option(dbOption, dbHelp)
    .action(
      async (opts: {
        repo: string;
        weeks?: string;
        until?: string;
        config?: string;
        json?: boolean;
        db?: string;
      }) => {
        const { windowsCommand } = await load.windows();
        program.setOptionValue(
          "exitCode",
          await withStore(opts.db, (s) => windowsCommand(s, opts, io), { readOnly: true }),
        );
      },
    );

  // GITHUB_TOKEN and the GitHub Enterprise URL are read here, at the edge, and passed in (docs/architecture.md, "Conventions").
  const github = async () => {
    const parsed = readEnv(env);
    if (!parsed.GITHUB_TOKEN) return null;
    const { createBackfillOctokit } = await load.github();
    return createBackfillOctokit({
      token: parsed.GITHUB_TOKEN,
      baseUrl: githubApiUrl(parsed),
      onWait: (ms, reason) => io.err(`waiting ${Math.ceil(ms / 1000)} s: ${reason}`),
    });
  };
  const noToken =
    "set GITHUB_TOKEN to a token that can read the repository (and write issues, to post); " +
    "GITHUB_API_URL or GHE_HOST for GitHub Enterprise Server";

  program
    .command("backfill")
    .description("load past pull requests, reviews and comments from GitHub (resumable; needs GITHUB_TOKEN)")
    .argument("<repo>", "OWNER/NAME")
    .requiredOption("--since <date>", "pull requests updated on or after this date, e.g. 2026-09-01")
    .option(dbOption, dbHelp)
    .action(async (repo: string, opts: { since: string; db?: string }) => {
      const { backfillCommand } = await load.backfill();
      const { createGithubPrSource } = await load.github();
      const octokit = await github();
      if (octokit === null) {
        io.err(`review-coach backfill: ${noToken}`);
        program.setOptionValue("exitCode", 2);
        return;
      }
      const source = createGithubPrSource(octokit);
      program.setOptionValue(
        "exitCode",
        await withStore(opts.db, (s) => backfillCommand(s, { repo, since: opts.since }, io, { source })),
      );
    });

  program
    .command("onboard")
    .description(
      "open the onboarding pull request: the proposed config and what it would have done (issue #17)",
    )
    .argument("<repo>", "OWNER/NAME")
    .option("--weeks <n>", "weeks of history replayed", "4")
    .option(
      "--dry-run",
      "print the title, body and config from what the store holds; backfills first with GITHUB_TOKEN",
    )
    .option("--force", "propose again after the onboarding was closed without merging")
    .option(dbOption, dbHelp)
    .action(async (repo: string, opts: { weeks: string; dryRun?: boolean; force?: boolean; db?: string }) => {
      const { onboardCommand } = await load.onboard();
      const { createGithubPrSource } = await load.github();
      const octokit = await github();
      program.setOptionValue(
        "exitCode",
        await withStore(opts.db, (s) =>
          onboardCommand(
            s,
            {
              repo,
              weeks: opts.weeks,
              dryRun: opts.dryRun,
              force: opts.force,
              mode: readEnv(env).ONBOARDING,
            },
            io,
            { github: octokit === null ? null : { octokit, source: createGithubPrSource(octokit) } },
          ),
        ),
      );
    });

  program
    .command("digest")
    .description("preview a week's digest, or post it as an issue with --post (needs GITHUB_TOKEN)")
    .requiredOption("--repo <owner/name>", "the repository")
    .requiredOption("--week <week>", "ISO week in the team timezone, e.g. 2026-W47")
    .option("--config <file>", "a review-coach.yml to use (default: the stored config, else the defaults)")
    .option("--post", "post it (once per target and week)")
    .option(dbOption, dbHelp)
    .action(async (opts: { repo: string; week: string; config?: string; post?: boolean; db?: string }) => {
      const { checkRepoAndWeek } = await load.metrics();
      const { digestCommand } = await load.digest();
      const { createOctokitDigestPublisher } = await load.github();
      const octokit = opts.post ? await github() : null;
      const publisher = () => (octokit === null ? noToken : createOctokitDigestPublisher(octokit));
      if (checkRepoAndWeek(opts, io, "digest") === null) {
        program.setOptionValue("exitCode", 2);
        return;
      }
      // Posting claims the week in the store; a preview only reads.
      program.setOptionValue(
        "exitCode",
        await withStore(opts.db, (s) => digestCommand(s, opts, io, { publisher }), { readOnly: !opts.post }),
      );
    });

  return program;
}

/**
 * Runs the CLI and returns the exit code, never throwing for user errors. Every command: 0 done, 1 it failed (an
 * invalid config, a line that would not load, a store that cannot be read), 2 a usage error (an unknown command or
 * option, a missing or malformed argument, a file or store that is not there).
 */
export async function runCli(
  argv: string[],
  io: CommandIo = processIo,
  env: Record<string, string | undefined> = process.env,
  stdin: Readable = process.stdin,
): Promise<number> {
  const program = buildCli(io, env, stdin);
  try {
    await program.parseAsync(argv, { from: "user" });
    return Number(program.getOptionValue("exitCode") ?? 0);
  } catch (error) {
    // Commander says 1 for its usage errors (missing option, unknown command) and 0 for --help.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (isMainModule(import.meta.url)) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
