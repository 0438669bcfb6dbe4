// Kysely table types: one schema for SQLite and PostgreSQL (timestamps are ISO 8601 UTC text, booleans 0/1).

export interface DeliveriesTable {
  id: string;
  event: string;
  action: string | null;
  installation_id: number | null;
  repo_full_name: string | null;
  received_at: string;
  /** received | processed | ignored | failed */
  status: string;
  error: string | null;
}

export interface InstallationsTable {
  id: number;
  account_login: string;
  account_type: string;
  created_at: string;
  /** Set when the app is uninstalled or suspended; the digest stops for it. */
  removed_at: string | null;
}

export interface RepositoriesTable {
  id: number;
  installation_id: number | null;
  full_name: string;
  private: number;
  removed_at: string | null;
}

export interface PullRequestsTable {
  repo_id: number;
  number: number;
  installation_id: number | null;
  repo_full_name: string;
  pr_id: number | null;
  author_login: string;
  author_type: string;
  title: string;
  state: string;
  draft: number;
  merged: number;
  labels: string;
  requested_reviewers: string;
  html_url: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface EventsTable {
  key: string;
  installation_id: number | null;
  repo_id: number;
  repo_full_name: string;
  pr_id: number | null;
  pr_number: number;
  pr_author: string;
  kind: string;
  action: string;
  actor_login: string;
  actor_type: string;
  is_bot: number;
  is_app: number;
  github_id: number | null;
  review_id: number | null;
  in_reply_to_id: number | null;
  body: string | null;
  review_state: string | null;
  path: string | null;
  html_url: string | null;
  draft: number | null;
  requested_reviewers: string;
  subject: string | null;
  occurred_at: string;
  updated_at: string | null;
  deleted_at: string | null;
  delivery_id: string | null;
  recorded_at: string;
}

export interface RepoConfigsTable {
  repo_full_name: string;
  /** ok | invalid | missing */
  status: string;
  /** The effective config as JSON (defaults when invalid or missing). */
  config: string;
  version: string | null;
  loaded_at: string;
}

export interface ConfigReportsTable {
  repo_full_name: string;
  version: string;
  reported_at: string;
}

export interface AssessmentsTable {
  event_key: string;
  repo_full_name: string;
  is_feedback: number;
  verdict: string;
  tone: string;
  label: string | null;
  confidence: number;
  /** heuristic | llm */
  source: string;
  /** JSON array of Signal */
  signals: string;
  suggestion: string | null;
  /** sha256 of the body assessed: an edit with new text is assessed again. */
  body_hash: string;
  assessed_at: string;
}

export interface LlmCacheTable {
  hash: string;
  /** Whose opinion it is: never served to another installation (README, Security). */
  installation_id: number | null;
  /** JSON JudgeResult */
  result: string;
  created_at: string;
}

export interface LlmUsageTable {
  installation_id: number;
  /** UTC YYYY-MM-DD */
  day: string;
  comments: number;
  tokens: number;
}

export interface DigestsTable {
  /** OWNER/NAME the digest issue is posted to. */
  target: string;
  /** ISO week reported, e.g. 2026-W47. */
  week: string;
  installation_id: number | null;
  /** JSON array of the repositories the digest covers. */
  repos: string;
  /** claimed | posted | failed */
  status: string;
  attempts: number;
  issue_number: number | null;
  issue_url: string | null;
  claimed_at: string;
  posted_at: string | null;
  error: string | null;
}

export interface BackfillStateTable {
  repo_full_name: string;
  since: string;
  /** PRs updated after this moment are fetched again on resume (they may have new activity). */
  run_started_at: string;
  /** running | done | failed */
  status: string;
  /** The last PR completed, in the listing order (updated_at descending). */
  cursor_pr_number: number | null;
  cursor_pr_updated_at: string | null;
  prs_done: number;
  deliveries: number;
  updated_at: string;
  error: string | null;
}

export interface NudgesTable {
  repo_full_name: string;
  review_id: number;
  installation_id: number | null;
  pr_number: number;
  reviewer: string;
  /** summary | inline | check: the mode the nudge was first posted in (it keeps it when the config changes). */
  mode: string;
  /** pending | posted | resolved | deleted | gone | skipped | failed (see src/store/nudges-repository.ts) */
  status: string;
  /** The PR comment (summary) or check run (check) id. */
  target_id: number | null;
  /** JSON: inline replies by review comment id ({ id, hash }); check: annotated review comment ids. */
  replies: string;
  /** sha256 of the last body/output posted: an unchanged rendering is not sent again. */
  body_hash: string | null;
  /** The team's calendar day (review_windows.timezone) when the nudge was claimed, YYYY-MM-DD: the daily cap. */
  day: string;
  /** Who holds the right to post or update, until when (ISO); null when nobody does. */
  lease_until: string | null;
  /** 1 when another evaluation arrived while the lease was held: the holder evaluates once more. */
  dirty: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface CoachingDecisionsTable {
  repo_full_name: string;
  review_id: number;
  installation_id: number | null;
  pr_number: number;
  reviewer: string;
  /** nudged | updated | unchanged | resolved | skipped | failed */
  outcome: string;
  /** Reason code, e.g. low-teaching-ratio, harsh-tone, below-min-comments, ratio-ok, rate-limited, opted-out. */
  reason: string;
  mode: string;
  feedback: number;
  teaching: number;
  correcting: number;
  nits: number;
  harsh: number;
  ratio: number | null;
  /** Comments the nudge names (could teach more, or harsh). */
  listed: number;
  evaluations: number;
  first_decided_at: string;
  decided_at: string;
}

export interface CoachingOptOutsTable {
  /** 0 when the delivery had no installation. */
  installation_id: number;
  /** Lower-case GitHub login. */
  login: string;
  opted_out: number;
  comment_id: number | null;
  /** created_at of the command comment: an older redelivery never undoes a newer command. */
  updated_at: string;
}

/** A job's data, apart from its frequently updated row; deleted when the job completes. */
export interface JobPayloadsTable {
  job_id: string;
  /** JSON */
  data: string;
  /** ISO; written just before the job row. */
  created_at: string;
}

export interface JobsTable {
  id: string;
  name: string;
  /** queued | active | completed | dead (see src/jobs/sqlite-jobs-repository.ts) */
  state: string;
  /** At most one queued or active job per (name, singleton_key). */
  singleton_key: string | null;
  /** Times claimed so far: the running attempt's number. */
  attempts: number;
  /** Not claimed before (ISO): startAfter, or the retry backoff. */
  run_at: string;
  /** The queue instance holding the lease, and until when (ISO); an expired lease is claimed again. */
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/** One author nudge per PR about its description (issue #18); a lease like `nudges`. */
export interface DescriptionNudgesTable {
  repo_full_name: string;
  pr_number: number;
  installation_id: number | null;
  author: string;
  /** Same statuses as nudges: pending | posted | resolved | deleted | gone | skipped | failed. */
  status: string;
  comment_id: number | null;
  body_hash: string | null;
  /** The PR's updated_at last evaluated: an older delivery (a late redelivery) changes nothing. */
  pr_updated_at: string | null;
  lease_until: string | null;
  dirty: number;
  error: string | null;
  created_at: string;
  updated_at: string;
}

/** Each PR's latest description assessment, counted in the week it became ready for review (issue #18). */
export interface DescriptionAssessmentsTable {
  repo_full_name: string;
  pr_number: number;
  installation_id: number | null;
  html_url: string | null;
  ready_at: string;
  pr_updated_at: string;
  explains_why: number;
  how_tested: number;
  completeness: number;
  /** JSON array of the required parts missing. */
  missing: string;
  words: number;
  /** 1 or 0; null when the changed files were unknown. */
  architectural: number | null;
  links_adr: number;
  assessed_at: string;
}

/** One onboarding per repository, ever (issue #17): see onboardings-repository.ts. */
export interface OnboardingsTable {
  repo_full_name: string;
  installation_id: number | null;
  /** pending | open | merged | closed | skipped | failed */
  status: string;
  /** pull-request | issue (ONBOARDING=off) */
  kind: string;
  number: number | null;
  branch: string | null;
  /** Hash of the proposed file and body last written: a changed proposal updates the PR in place. */
  content_hash: string | null;
  lease_until: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  /** When the onboarding PR was merged: coaching applies from that day. */
  activated_at: string | null;
  closed_at: string | null;
}

export interface Database {
  deliveries: DeliveriesTable;
  installations: InstallationsTable;
  repositories: RepositoriesTable;
  pull_requests: PullRequestsTable;
  events: EventsTable;
  repo_configs: RepoConfigsTable;
  config_reports: ConfigReportsTable;
  assessments: AssessmentsTable;
  llm_cache: LlmCacheTable;
  llm_usage: LlmUsageTable;
  digests: DigestsTable;
  backfill_state: BackfillStateTable;
  nudges: NudgesTable;
  coaching_decisions: CoachingDecisionsTable;
  coaching_opt_outs: CoachingOptOutsTable;
  jobs: JobsTable;
  job_payloads: JobPayloadsTable;
  onboardings: OnboardingsTable;
  description_nudges: DescriptionNudgesTable;
  description_assessments: DescriptionAssessmentsTable;
}
