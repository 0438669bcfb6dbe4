// Puts a scenario's events, assessments and (optionally) a repository config into a store, as ingest would leave them.
import type { RepoConfig } from "../../../src/config/schema.js";
import { upsertAssessment } from "../../../src/store/assessments-repository.js";
import { upsertEvents } from "../../../src/store/events-repository.js";
import type { Store } from "../../../src/store/open-store.js";
import { type StoredConfigStatus, saveRepoConfig } from "../../../src/store/repo-configs-repository.js";
import type { Scenario } from "./scenario.js";

export async function seedStore(
  store: Store,
  scenario: Scenario,
  options: { config?: RepoConfig; status?: StoredConfigStatus; repo?: string; installationId?: number } = {},
): Promise<void> {
  const at = "2026-12-01T00:00:00.000Z";
  const repo = options.repo ?? "acme/app";
  const events = scenario.events.map((e) => ({
    ...e,
    repoFullName: repo,
    installationId: options.installationId ?? e.installationId,
  }));
  await upsertEvents(store.db, events, null, at);
  for (const event of events) {
    const assessment = scenario.assessments.get(event.key);
    if (assessment === undefined) continue;
    await upsertAssessment(store.db, {
      eventKey: event.key,
      repoFullName: repo,
      body: event.body ?? "",
      assessment,
      at,
    });
  }
  if (options.config) {
    await saveRepoConfig(store.db, {
      repoFullName: repo,
      status: options.status ?? "ok",
      config: options.config,
      version: "v1",
      loadedAt: at,
    });
  }
}
