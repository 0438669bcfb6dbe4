// `npm run demo`: the real review-coach server, a local fake GitHub, and a week of reviews replayed as signed webhooks.
//
// Steps: 0. the app is installed and a repository without a config gets the onboarding pull request (README,
// "Onboarding"); 1. start the fake GitHub (serving the repo's config) and the server (SQLite in ./data/demo, loopback,
// a throwaway key); 2. replay the week, the app's clock set to each delivery's moment; 3. show what the app did on
// GitHub; 4. redeliver some deliveries and show nothing changed; 5. move the clock to Monday morning and let the
// server's own scheduler post the weekly digest; 6. shut down. No credentials, no network beyond 127.0.0.1.
import { mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { type Logger, pino } from "pino";
import { type CommandIo, processIo } from "../../src/commands/io.js";
import { readStats } from "../../src/commands/stats.js";
import { isMainModule } from "../../src/is-main-module.js";
import { listDecisions } from "../../src/store/coaching-decisions-repository.js";
import type { FakeGithub } from "../fake-github/fake-github.js";
import { startAppStack } from "../fake-github/start-app-stack.js";
import { steerableClock } from "../fake-github/steerable-clock.js";
import { buildScenario, DEMO_REPO, type Envelope } from "./build-scenario.js";
import {
  INSTALL_MOMENT,
  installationDelivery,
  ONBOARDED_REPO,
  seedOnboardingHistory,
} from "./onboarding-history.js";

/** What the fake GitHub serves as acme/payments' `.github/review-coach.yml`: a team that opted in. */
export const DEMO_CONFIG = `# acme/payments: the team opted in to coaching and a weekly digest
coaching:
  enabled: true
  mode: summary
  max_nudges_per_reviewer_per_day: 2
review_windows:
  timezone: Europe/Berlin
  windows: ["09:30-10:30", "15:00-16:00"]
digest:
  enabled: true
  day: mon
  time: "09:00"
descriptions:
  required: [what, why, testing]
`;

/** Monday after the demo week, 09:30 in Berlin: the digest (due Mondays 09:00) is due. */
const DIGEST_MOMENT = "2026-11-23T08:30:00Z";
const TIMEZONE = "Europe/Berlin";

export interface DemoOptions {
  /** Where the SQLite store goes; emptied first. */
  dir: string;
  io: CommandIo;
  /** Upper bound for each wait (settling, the digest). */
  waitMs?: number;
}

export interface DemoResult {
  exitCode: number;
  acknowledged: number;
  sent: number;
  comments: number;
  reactions: number;
  digestPosted: boolean;
}

const when = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIMEZONE,
  weekday: "short",
  day: "2-digit",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function describe(e: Envelope): { what: string; pr: string; who: string } {
  const p = e.payload as {
    action?: string;
    sender?: { login?: string };
    pull_request?: { number?: number };
    issue?: { number?: number };
  };
  const number = p.pull_request?.number ?? p.issue?.number;
  return {
    what: `${e.event}.${p.action ?? ""}`,
    pr: number === undefined ? "" : `#${number}`,
    who: p.sender?.login ?? "",
  };
}

/** What src/coaching/evaluate-review.ts logs for every evaluation of a review (info when shown, else debug). */
const DECISION_MESSAGES = new Set([
  "coaching nudge shown",
  "coaching decision",
  "coaching: GitHub refused the nudge",
]);

interface LoggedDecision {
  review: number;
  outcome: string;
  reason: string;
  feedback: number;
  teaching: number;
  correcting: number;
  harsh: number;
  ratio: number | null;
  /** The app's (demo) clock when it was logged. */
  at: Date;
}

/**
 * The app's logger for the demo: warnings and errors go to stdout as with LOG_LEVEL=warn, and every coaching
 * decision is handed to `onDecision`, because the store keeps only a review's latest decision and the demo shows
 * them all (a review nudged and then re-evaluated reads "unchanged" there).
 */
function demoLogger(onDecision: (entry: Record<string, unknown>) => void): Logger {
  const decisions = {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (typeof entry.msg === "string" && DECISION_MESSAGES.has(entry.msg)) onDecision(entry);
    },
  };
  return pino(
    // The same redaction as the server's own logger (src/server.ts, createLogger).
    {
      level: "debug",
      redact: [
        "privateKey",
        "secret",
        "token",
        "*.token",
        "headers.authorization",
        "req.headers.authorization",
      ],
    },
    pino.multistream([
      { level: "warn", stream: process.stdout },
      { level: "debug", stream: decisions },
    ]),
  );
}

const figures = (d: Omit<LoggedDecision, "at" | "outcome" | "reason" | "review">) =>
  `feedback ${d.feedback}, teaching ${d.teaching}, correcting ${d.correcting}, harsh ${d.harsh}, ratio ${d.ratio === null ? "-" : d.ratio.toFixed(2)}`;

const indent = (text: string, prefix = "      ") =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => `${prefix}${line}`.trimEnd())
    .join("\n");

const writes = (fake: FakeGithub, fromSeq: number) =>
  fake.requests.filter((r) => r.seq > fromSeq && r.method !== "GET" && !r.path.startsWith("/app/"));

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { io, dir } = options;
  const waitMs = options.waitMs ?? 20_000;
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbFile = join(dir, "demo.sqlite");
  const envelopes = buildScenario();
  const firstAt = envelopes[0]?.at ?? DIGEST_MOMENT;
  const clock = steerableClock(firstAt);
  const logged: LoggedDecision[] = [];
  const log = demoLogger((entry) => {
    const n = (key: string) => Number(entry[key] ?? 0);
    logged.push({
      review: n("review"),
      outcome: String(entry.outcome),
      reason: String(entry.reason),
      feedback: n("feedback"),
      teaching: n("teaching"),
      correcting: n("correcting"),
      harsh: n("harsh"),
      ratio: typeof entry.ratio === "number" ? entry.ratio : null,
      at: clock.now(),
    });
  });

  const stack = await startAppStack({
    databaseUrl: dbFile,
    now: clock.now,
    log,
    // The server's own weekly scheduler posts the digest; checking often keeps the demo short.
    server: { digest: { intervalMs: 200, firstRunDelayMs: 200 } },
    fake: { files: { [DEMO_REPO]: { ".github/review-coach.yml": DEMO_CONFIG } }, now: clock.now },
  });
  const { fake, app } = stack;
  let failed = false;
  try {
    io.out("review-coach demo: the real server against a local fake GitHub (no credentials, no network)");
    io.out(
      `  fake GitHub   ${fake.apiUrl}  serves ${DEMO_REPO}/.github/review-coach.yml (coaching on, summary mode)`,
    );
    io.out(`  review-coach  ${stack.hookUrl}  store ${relative(process.cwd(), dbFile) || dbFile}`);
    io.out("");

    // 0. The app is installed on the organisation: a repository without a config gets one onboarding pull request.
    clock.set(INSTALL_MOMENT);
    seedOnboardingHistory(fake);
    const installationId = Number(
      (envelopes[0]?.payload as { installation?: { id?: number } } | undefined)?.installation?.id ?? 1,
    );
    io.out(
      `0. Installed on acme (${when.format(new Date(INSTALL_MOMENT))}): ${DEMO_REPO} has a config; ${ONBOARDED_REPO} has none and 4 weeks of history`,
    );
    const install = await stack.deliver(installationDelivery(installationId, [DEMO_REPO, ONBOARDED_REPO]));
    if (install.status < 200 || install.status >= 300) failed = true;
    await stack.settle({ quietMs: 300, timeoutMs: waitMs });
    const onboarding = fake.pulls(ONBOARDED_REPO).filter((p) => p.user.login === fake.botLogin);
    if (onboarding.length !== 1 || fake.pulls(DEMO_REPO).length > 0) failed = true;
    for (const pull of onboarding) {
      io.out(
        `  pull request #${pull.number} "${pull.title}" (${pull.head} → ${pull.base}) on ${ONBOARDED_REPO}:`,
      );
      io.out(indent(pull.body));
      const config = fake.branchFile(ONBOARDED_REPO, pull.head, ".github/review-coach.yml");
      io.out("  .github/review-coach.yml on that branch:");
      io.out(indent(config ?? "(missing)"));
    }
    io.out(`  ${DEMO_REPO}: no pull request (it has its own config)`);
    io.out("");

    // 1. The week, in GitHub's order, each delivery at its own moment on the app's clock.
    io.out(`1. Replaying week 2026-W47 of ${DEMO_REPO}: ${envelopes.length} signed webhook deliveries`);
    let acknowledged = 0;
    for (const envelope of envelopes) {
      clock.set(envelope.at);
      const answer = await stack.deliver(envelope);
      const ok = answer.status >= 200 && answer.status < 300;
      if (ok) acknowledged++;
      else failed = true;
      const d = describe(envelope);
      io.out(
        `  ${when.format(new Date(envelope.at))}  ${d.what.padEnd(36)} ${d.pr.padEnd(5)} ${d.who.padEnd(16)} → ${answer.status}${ok ? "" : ` ${answer.text.trim()}`} in ${answer.ms.toFixed(0)} ms`,
      );
    }
    const settled = await stack.settle({ quietMs: 300, timeoutMs: waitMs });
    io.out(
      `  ${acknowledged} of ${envelopes.length} acknowledged with 2xx${settled ? "" : " (the app was still calling GitHub when the wait ran out)"}`,
    );
    io.out("");

    // 2. What the app did on GitHub, as the fake recorded it.
    const unknown = fake.unknownRequests();
    io.out(
      `2. What review-coach did on GitHub (${fake.requests.length} API calls, ${unknown.length} to endpoints the fake does not know)`,
    );
    const comments = fake.appComments(DEMO_REPO);
    io.out(`  PR comments (${comments.length}):`);
    for (const c of comments) {
      io.out(`    on #${c.issueNumber} by ${c.user.login}:`);
      io.out(indent(c.body));
      io.out("");
    }
    const replies = fake.reviewReplies(DEMO_REPO);
    if (replies.length > 0) {
      io.out(`  replies in review threads (${replies.length}):`);
      for (const r of replies) io.out(`    on #${r.prNumber} ${r.path}:\n${indent(r.body)}`);
    }
    const checks = fake.checkRuns(DEMO_REPO);
    if (checks.length === 0) {
      io.out("  check runs: none (summary mode comments; check mode and config problems create check runs)");
    } else {
      io.out(`  check runs (${checks.length}):`);
      for (const r of checks) io.out(`    "${r.name}" ${r.conclusion ?? r.status}: ${r.output.title}`);
    }
    const reactions = fake.reactions(DEMO_REPO);
    io.out(`  reactions (${reactions.length}):`);
    for (const r of reactions) {
      const on = fake.issueComments(DEMO_REPO).find((c) => c.id === r.commentId);
      io.out(
        `    ${r.content === "+1" ? "👍" : r.content} on ${on ? `${on.user.login}'s "${on.body}" (#${on.issueNumber})` : `comment ${r.commentId}`}`,
      );
    }
    // Each review's decisions in order (the store keeps only the latest, with a count of evaluations).
    const decisions = await listDecisions(app.store.db, { repoFullName: DEMO_REPO });
    io.out(
      `  coaching decisions (${decisions.length} reviews, ${decisions.reduce((sum, d) => sum + d.evaluations, 0)} evaluations), each review's in order:`,
    );
    for (const d of decisions) {
      const history = logged.filter((l) => l.review === d.reviewId);
      const head = `    #${String(d.prNumber).padEnd(4)} ${d.reviewer.padEnd(7)}`;
      const unseen = d.evaluations - history.length;
      if (history.length === 0) {
        io.out(
          `${head} ${d.outcome.padEnd(9)} ${d.reason.padEnd(20)} ${figures(d)} (latest of ${d.evaluations})`,
        );
        continue;
      }
      history.forEach((l, i) => {
        const previous = history[i - 1];
        const same = previous !== undefined && figures(previous) === figures(l);
        io.out(
          `${i === 0 ? head : " ".repeat(head.length)} ${when.format(l.at)}  ${l.outcome.padEnd(9)} ${l.reason.padEnd(20)} ${same ? "same figures" : figures(l)}`,
        );
      });
      if (unseen > 0) io.out(`${" ".repeat(head.length)} (${unseen} earlier evaluations not logged)`);
    }
    io.out("");

    // 3. GitHub redelivers (a timeout, a click on "Redeliver"): nothing may change.
    const again = envelopes.filter(
      (e) =>
        e.event === "pull_request_review" ||
        (e.event === "issue_comment" && JSON.stringify(e.payload).includes("/review-coach")),
    );
    const before = await readStats(app.store);
    const seqBefore = fake.requests.length;
    const counts = () => ({
      comments: fake.appComments(DEMO_REPO).length,
      checks: fake.checkRuns(DEMO_REPO).length,
      reactions: fake.reactions(DEMO_REPO).length,
    });
    const githubBefore = counts();
    let redeliveredOk = 0;
    for (const envelope of again) {
      const answer = await stack.deliver(envelope);
      if (answer.status >= 200 && answer.status < 300) redeliveredOk++;
      else failed = true;
    }
    await stack.settle({ quietMs: 300, timeoutMs: waitMs });
    const after = await readStats(app.store);
    const githubAfter = counts();
    const arrow = (a: number | undefined, b: number | undefined) => `${a ?? 0} → ${b ?? 0}`;
    io.out(
      `3. Redelivery changes nothing: ${again.length} deliveries sent again (same ids), ${redeliveredOk} acknowledged`,
    );
    io.out(
      `  store: deliveries ${arrow(before.tables.deliveries, after.tables.deliveries)}, events ${arrow(before.tables.events, after.tables.events)}, assessments ${arrow(before.tables.assessments, after.tables.assessments)}`,
    );
    const newWrites = writes(fake, seqBefore);
    io.out(
      `  GitHub: PR comments ${arrow(githubBefore.comments, githubAfter.comments)}, check runs ${arrow(githubBefore.checks, githubAfter.checks)}, reactions ${arrow(githubBefore.reactions, githubAfter.reactions)}` +
        (newWrites.length > 0
          ? ` (writes: ${newWrites.map((r) => `${r.route} → ${r.status}`).join(", ")})`
          : ", no writes"),
    );
    if (
      before.tables.deliveries !== after.tables.deliveries ||
      before.tables.events !== after.tables.events ||
      JSON.stringify(githubBefore) !== JSON.stringify(githubAfter)
    )
      failed = true;
    io.out("");

    // 4. Monday morning: the server's weekly scheduler posts last week's digest as an issue.
    clock.set(DIGEST_MOMENT);
    io.out(
      `4. Weekly digest: clock moved to ${when.format(new Date(DIGEST_MOMENT))} (${TIMEZONE}); the server's scheduler posts it`,
    );
    const deadline = Date.now() + waitMs;
    while (fake.issues(DEMO_REPO).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await stack.settle({ quietMs: 300, timeoutMs: waitMs });
    const digests = fake.issues(DEMO_REPO);
    if (digests.length === 0) {
      failed = true;
      io.out("  digest: none posted before the wait ran out (see the digests table in the store)");
    }
    for (const issue of digests) {
      io.out(`  issue #${issue.number} "${issue.title}" labels: ${issue.labels.join(", ")}`);
      io.out(indent(issue.body));
    }
    io.out("");

    const stats = await readStats(app.store);
    const rows = Object.entries(stats.tables)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table} ${n}`)
      .join(", ");
    io.out(`Store: ${rows}`);
    io.out(
      `Done in ${((performance.now() - started) / 1000).toFixed(1)} s. Try: npm run cli -- stats --db ${relative(process.cwd(), dbFile) || dbFile}`,
    );
    return {
      exitCode: failed ? 1 : 0,
      acknowledged,
      sent: envelopes.length,
      comments: fake.appComments(DEMO_REPO).length,
      reactions: fake.reactions(DEMO_REPO).length,
      digestPosted: digests.length > 0,
    };
  } finally {
    await stack.stop();
  }
}

if (isMainModule(import.meta.url)) {
  // `--dir PATH` puts the store elsewhere (the e2e test of this script does); default ./data/demo.
  const at = process.argv.indexOf("--dir");
  const dir = at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : join(process.cwd(), "data", "demo");
  runDemo({ dir: dir as string, io: processIo }).then(
    // Explicit exit: the app's in-memory settle timers are unref'd but would fire against the closed store.
    (result) => process.exit(result.exitCode),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
