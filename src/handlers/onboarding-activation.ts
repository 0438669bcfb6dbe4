// Glue: a merged onboarding pull request turns coaching on from the day it was merged (issue #17; README,
// "Onboarding"): the ledger's activated_at becomes `coaching.activated_at` of a config that sets none itself.
import { teamDay } from "../coaching/policy-day.js";
import type { RepoConfig } from "../config/schema.js";
import { getOnboarding } from "../store/onboardings-repository.js";
import type { Store } from "../store/open-store.js";

export async function applyOnboardingActivation(
  db: Store["db"],
  repoFullName: string,
  config: RepoConfig,
): Promise<RepoConfig> {
  if (config.coaching.activated_at) return config;
  const activatedAt = (await getOnboarding(db, repoFullName))?.activatedAt;
  if (!activatedAt) return config;
  return {
    ...config,
    coaching: { ...config.coaching, activated_at: teamDay(activatedAt, config.review_windows.timezone) },
  };
}
