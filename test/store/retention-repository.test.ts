// What is stored and for how long (issue #12, item 9): a deleted comment keeps no text, and an installation's data
// is purged, whole, after it left (or on demand), never touching another installation's.
import { afterEach, beforeEach, describe, expect, it } from "@jest/globals";
import { sql } from "kysely";
import type { Assessment } from "../../src/analysis/assessment.js";
import { defaultConfig } from "../../src/config/schema.js";
import type { ReviewEvent } from "../../src/ingest/review-event.js";
import { getAssessments, upsertAssessment } from "../../src/store/assessments-repository.js";
import { getEvent, listEvents, upsertEvents } from "../../src/store/events-repository.js";
import { applyInstallationChange } from "../../src/store/installations-repository.js";
import { createSqlJudgeBudget, createSqlJudgeCache } from "../../src/store/llm-repository.js";
import type { Store } from "../../src/store/open-store.js";
import { saveRepoConfig } from "../../src/store/repo-configs-repository.js";
import {
  BY_INSTALLATION,
  BY_REPOSITORY,
  purgeInstallation,
  purgeRemovedInstallations,
} from "../../src/store/retention-repository.js";
import { pr } from "../figures/factory.js";
import { storeTargets } from "../helpers/test-stores.js";

const AT = "2026-11-20T10:00:00.000Z";
const harshAssessment: Assessment = {
  isFeedback: true,
  verdict: "correcting",
  tone: "harsh",
  signals: [{ name: "contempt", kind: "harsh", span: "obviously stupid" }],
  confidence: 0.9,
  source: "heuristic",
  suggestion: "Could we rename this? (why: it says what it holds)",
};

/** An installation with one repository, a comment in it with its assessment, a config and the model's rows. */
async function seedTenant(store: Store, id: number, owner: string): Promise<ReviewEvent> {
  const repo = `${owner}/app`;
  await applyInstallationChange(
    store.db,
    {
      id,
      accountLogin: owner,
      accountType: "Organization",
      action: "created",
      repositories: [{ id: id * 10, fullName: repo, private: true, removed: false }],
    },
    AT,
  );
  const comment: ReviewEvent = {
    ...pr(id, "ana", { id: id * 10, fullName: repo }).reviewComment("bob", AT, { id: id * 1000 }),
    installationId: id,
    body: "This is obviously stupid, rename it.",
  };
  await upsertEvents(store.db, [comment], `delivery-${id}`, AT);
  await upsertAssessment(store.db, {
    eventKey: comment.key,
    repoFullName: repo,
    body: comment.body ?? "",
    assessment: harshAssessment,
    at: AT,
  });
  await saveRepoConfig(store.db, {
    repoFullName: repo,
    status: "ok",
    config: defaultConfig(),
    version: "v1",
    loadedAt: AT,
  });
  await createSqlJudgeCache(store.db).set(id, `h${id}`, { id: "c", verdict: "teaching", tone: "ok" });
  await createSqlJudgeBudget(store.db).reserve(id, "2026-11-20", 1, 10, { maxComments: 9, maxTokens: 999 });
  return comment;
}

describe.each(storeTargets())("retention on $name", (target) => {
  let store: Store;
  beforeEach(async () => {
    store = await target.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it("purges every table that holds an installation's or a repository's rows, including tables added later", async () => {
    // On PostgreSQL only this store's schema: Kysely's introspector reads every schema, and other test workers
    // drop theirs meanwhile.
    const tables =
      store.dialect === "sqlite"
        ? await store.db.introspection.getTables()
        : Object.values(
            (
              await sql<{ table_name: string; column_name: string }>`
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema()`.execute(store.db)
            ).rows.reduce<Record<string, { name: string; columns: { name: string }[] }>>((acc, row) => {
              const table = acc[row.table_name] ?? { name: row.table_name, columns: [] };
              table.columns.push({ name: row.column_name });
              acc[row.table_name] = table;
              return acc;
            }, {}),
          );
    const purged = (list: ReadonlyArray<readonly [string, string]>) =>
      new Set(list.map(([t, c]) => `${t}.${c}`));
    const byInstallation = purged(BY_INSTALLATION);
    const byRepository = purged(BY_REPOSITORY);
    // Job rows carry no installation; their payloads are deleted when the job completes (docs/security.md).
    const queueTables = new Set(["jobs", "job_payloads"]);
    const missing = tables
      .filter((t) => !queueTables.has(t.name) && !t.name.startsWith("kysely_"))
      .flatMap((t) =>
        t.columns.flatMap((c) =>
          (c.name === "installation_id" && !byInstallation.has(`${t.name}.${c.name}`)) ||
          (c.name === "repo_full_name" && !byRepository.has(`${t.name}.${c.name}`))
            ? [`${t.name}.${c.name}`]
            : [],
        ),
      );

    expect(missing).toEqual([]);
  });

  it("blanks a deleted comment's text and its assessment's excerpts", async () => {
    const comment = await seedTenant(store, 1, "acme");

    await upsertEvents(
      store.db,
      [{ ...comment, action: "deleted", deletedAt: "2026-11-21T00:00:00.000Z" }],
      "d2",
      AT,
    );

    expect((await getEvent(store.db, comment.key))?.body).toBe("");
    const assessment = (await getAssessments(store.db, [comment.key])).get(comment.key);
    expect(assessment?.verdict).toBe("correcting");
    expect(JSON.stringify(assessment)).not.toMatch(/stupid|rename/i);
  });

  it("purges one installation whole, and nothing of another in the same store; a dry run only counts", async () => {
    await seedTenant(store, 1, "acme");
    const other = await seedTenant(store, 2, "globex");

    const preview = await purgeInstallation(store.db, 1, { dryRun: true });
    expect(preview).toMatchObject({
      events: 1,
      assessments: 1,
      repo_configs: 1,
      llm_cache: 1,
      llm_usage: 1,
      installations: 1,
      repositories: 1,
    });
    expect(await listEvents(store.db)).toHaveLength(2);

    expect(await purgeInstallation(store.db, 1)).toEqual(preview);

    expect((await listEvents(store.db)).map((e) => e.key)).toEqual([other.key]);
    expect((await getAssessments(store.db, [other.key])).size).toBe(1);
    expect(await createSqlJudgeCache(store.db).get(2, "h2")).toBeDefined();
    expect(await createSqlJudgeCache(store.db).get(1, "h1")).toBeUndefined();
    const installations = await store.db.selectFrom("installations").select("id").execute();
    expect(installations.map((i) => Number(i.id))).toEqual([2]);
    const configs = await store.db.selectFrom("repo_configs").select("repo_full_name").execute();
    expect(configs.map((c) => c.repo_full_name)).toEqual(["globex/app"]);
  });

  it("purges an uninstalled installation once the grace period is over, not before, and never an active one", async () => {
    await seedTenant(store, 1, "acme");
    await seedTenant(store, 2, "globex");
    await applyInstallationChange(
      store.db,
      { id: 1, accountLogin: "acme", accountType: "Organization", action: "deleted", repositories: [] },
      "2026-11-01T00:00:00.000Z",
    );

    expect(await purgeRemovedInstallations(store.db, new Date("2026-11-30T00:00:00Z"), 30)).toEqual([]);
    expect(await listEvents(store.db)).toHaveLength(2);
    expect(await purgeRemovedInstallations(store.db, new Date("2026-12-01T00:00:01Z"), 30)).toEqual([1]);
    expect((await listEvents(store.db)).map((e) => e.installationId)).toEqual([2]);
  });
});
