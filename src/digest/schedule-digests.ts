// One pass of the weekly digests: post whatever is due (weekly, per target, team timezone: docs/architecture.md, "The weekly digest").
import type { Kysely } from "kysely";
import { listCoachedRepos } from "../store/digests-repository.js";
import type { Database } from "../store/schema.js";
import { type PlannedDigest, planDigests } from "./build-digest-plan.js";
import { type DeliverResult, deliverDigest } from "./deliver-digest.js";
import type { DigestPublisher } from "./digest-publisher.js";

/** The slice of a pino logger the scheduler writes to. */
export interface DigestLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export interface DigestScheduleDeps {
  db: Kysely<Database>;
  /** The clock (docs/architecture.md, "Conventions"): tests move it across weeks. */
  now: () => Date;
  /** A publisher acting as the installation (Probot: `probot.auth(installationId)`). */
  publisherFor(installationId: number): Promise<DigestPublisher>;
  log: DigestLog;
}

export interface TickOutcome {
  plan: PlannedDigest;
  result: DeliverResult;
}

/** One pass: every coached repository's digest that is due and not yet posted is posted. Never throws per target. */
export async function runDigestTick(deps: DigestScheduleDeps): Promise<TickOutcome[]> {
  const plans = planDigests(await listCoachedRepos(deps.db), deps.now());
  const outcomes: TickOutcome[] = [];
  for (const plan of plans) {
    let result: DeliverResult;
    try {
      result = await deliverDigest(
        { db: deps.db, now: deps.now, publisher: () => deps.publisherFor(plan.installationId) },
        plan,
      );
    } catch (error) {
      result = { status: "failed", error: error instanceof Error ? error.message : String(error) };
    }
    const fields = { target: plan.target, week: plan.week, installation: plan.installationId };
    if (result.status === "posted") deps.log.info({ ...fields, issue: result.issue.number }, "digest posted");
    else if (result.status === "failed")
      deps.log.warn({ ...fields, error: result.error }, "digest not posted");
    else deps.log.debug({ ...fields, status: result.status }, "digest skipped");
    outcomes.push({ plan, result });
  }
  return outcomes;
}

/** The server runs a pass this often (src/periodic.ts): a digest posts at most that long after its time. */
export const DIGEST_INTERVAL_MS = 10 * 60_000;
