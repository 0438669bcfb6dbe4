// The ordered list of migrations, imported statically so the built app needs no migration folder at run time.
import type { Migration } from "kysely";
import * as initial from "./2026-11-24T1030-initial.js";
import * as analysis from "./2026-11-24T1130-analysis.js";
import * as coaching from "./2026-11-24T1200-coaching.js";
import * as digest from "./2026-11-24T1300-digest.js";
import * as jobs from "./2026-11-24T1400-jobs.js";
import * as jobClaimIndex from "./2026-11-24T1500-job-claim-index.js";
import * as jobPayloads from "./2026-11-24T1600-job-payloads.js";
import * as llmCachePerInstallation from "./2026-11-25T1000-llm-cache-per-installation.js";
import * as descriptions from "./2026-12-03T1000-descriptions.js";
import * as onboardings from "./2026-12-03T1200-onboardings.js";

export const migrations: Record<string, Migration> = {
  "2026-11-24T1030-initial": initial,
  "2026-11-24T1130-analysis": analysis,
  "2026-11-24T1200-coaching": coaching,
  "2026-11-24T1300-digest": digest,
  "2026-11-24T1400-jobs": jobs,
  "2026-11-24T1500-job-claim-index": jobClaimIndex,
  "2026-11-24T1600-job-payloads": jobPayloads,
  "2026-11-25T1000-llm-cache-per-installation": llmCachePerInstallation,
  "2026-12-03T1000-descriptions": descriptions,
  "2026-12-03T1200-onboardings": onboardings,
};
