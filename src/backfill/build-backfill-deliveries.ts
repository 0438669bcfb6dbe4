// Turns one pull request's REST history into webhook-shaped deliveries, so backfill records it through ingestDelivery.
import type { z } from "zod";
import type { Delivery } from "../ingest/ingest-delivery.js";
import { Comment, type PrHistory, PullSummary, Review, TimelineEvent, type User } from "./github-objects.js";

const GHOST: User = { login: "ghost", type: "User" };

/** Timeline events that are PR lifecycle webhooks, by the webhook action they stand for. */
const LIFECYCLE: Record<string, string> = {
  ready_for_review: "ready_for_review",
  convert_to_draft: "converted_to_draft",
  reopened: "reopened",
  closed: "closed",
  review_requested: "review_requested",
};

export class BackfillDataError extends Error {
  constructor(message: string) {
    super(`review-coach backfill: ${message}`);
    this.name = "BackfillDataError";
  }
}

function parseAll<T extends z.ZodType>(schema: T, items: readonly unknown[], what: string): z.infer<T>[] {
  return items.map((item, index) => {
    const result = schema.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new BackfillDataError(
        `unexpected ${what} #${index} from GitHub at ${issue?.path.join(".") || "(root)"}: ${issue?.message}`,
      );
    }
    return result.data;
  });
}

export function parsePullSummary(item: unknown): PullSummary {
  return parseAll(PullSummary, [item], "pull request")[0] as PullSummary;
}

/**
 * Decisions:
 * - Delivery ids are `backfill:<kind>:<GitHub id>` (`backfill:opened:<PR id>`, `backfill:<timeline event>:<id>`), so
 *   a re-run claims nothing new: every delivery is a duplicate. An edit made after a backfill arrives by webhook.
 * - The opened event's key equals the webhook's (`pull_request:<id>:opened:<created_at>`), so a PR both delivered
 *   and backfilled has one opened row.
 * - Draft state is replayed from the timeline: a PR whose first draft change is ready_for_review was opened as a
 *   draft; one whose first is convert_to_draft was opened ready; with neither, it was always what it is now. Each
 *   payload carries the state at its moment (metrics exclude activity on drafts).
 * - A lifecycle payload's `updated_at` is the event's time (ingest reads the moment from it); the last delivery is a
 *   snapshot (`edited`, no event) of the PR as it is now, so the stored PR state ends current.
 * - Pending reviews (visible only to their author) are skipped: nobody has seen them.
 */
export function buildBackfillDeliveries(prInput: PullSummary, history: PrHistory): Delivery[] {
  const pr = prInput;
  const repository = pr.base.repo;
  const author = pr.user ?? GHOST;
  const timeline = parseAll(TimelineEvent, history.timeline, "timeline event")
    .filter(
      (e) =>
        e.event !== undefined && e.event in LIFECYCLE && e.created_at !== undefined && e.id !== undefined,
    )
    .sort(
      (a, b) =>
        Date.parse(a.created_at as string) - Date.parse(b.created_at as string) || (a.id ?? 0) - (b.id ?? 0),
    );

  // Draft state over time: [ms, draft] steps, starting at opened.
  const firstDraftChange = timeline.find(
    (e) => e.event === "ready_for_review" || e.event === "convert_to_draft",
  );
  let draft = firstDraftChange === undefined ? pr.draft : firstDraftChange.event === "ready_for_review";
  const steps: Array<{ ms: number; draft: boolean }> = [{ ms: Date.parse(pr.created_at), draft }];
  for (const e of timeline) {
    if (e.event === "ready_for_review") draft = false;
    else if (e.event === "convert_to_draft") draft = true;
    else continue;
    steps.push({ ms: Date.parse(e.created_at as string), draft });
  }
  const draftAt = (iso: string | null | undefined): boolean => {
    const ms = iso ? Date.parse(iso) : Number.NaN;
    let state = (steps[0] as { draft: boolean }).draft;
    for (const step of steps) if (step.ms <= ms) state = step.draft;
    return state;
  };

  const base = (sender: User | null | undefined) => ({
    repository: {
      id: repository.id,
      full_name: repository.full_name,
      name: repository.full_name.split("/")[1] ?? repository.full_name,
      owner: { login: repository.full_name.split("/")[0] ?? "" },
      private: repository.private,
    },
    sender: sender ?? GHOST,
  });
  const lifecyclePr = (at: string, overrides: Record<string, unknown>) => ({
    ...pr,
    user: author,
    requested_reviewers: [],
    requested_teams: [],
    merged: false,
    state: "open",
    closed_at: null,
    draft: draftAt(at),
    updated_at: at,
    ...overrides,
  });
  const currentPr = (at: string | null | undefined) => ({
    ...pr,
    user: author,
    merged: pr.merged_at != null,
    draft: draftAt(at),
  });

  const deliveries: Delivery[] = [
    {
      id: `backfill:opened:${pr.id}`,
      event: "pull_request",
      payload: {
        action: "opened",
        ...base(author),
        pull_request: lifecyclePr(pr.created_at, { updated_at: pr.created_at }),
      },
    },
  ];

  const lastClose = [...timeline].reverse().find((e) => e.event === "closed");
  for (const e of timeline) {
    const at = e.created_at as string;
    const action = LIFECYCLE[e.event as string] as string;
    const closing = action === "closed";
    deliveries.push({
      id: `backfill:${e.event}:${e.id}`,
      event: "pull_request",
      payload: {
        action,
        ...base(e.actor),
        pull_request: lifecyclePr(at, {
          state: closing ? "closed" : "open",
          closed_at: closing ? at : null,
          merged: closing && e === lastClose && pr.merged_at != null,
          draft: draftAt(at),
        }),
        ...(e.requested_reviewer ? { requested_reviewer: e.requested_reviewer } : {}),
        ...(e.requested_team ? { requested_team: e.requested_team } : {}),
      },
    });
  }

  for (const review of parseAll(Review, history.reviews, "review")) {
    if (review.state.toUpperCase() === "PENDING") continue;
    deliveries.push({
      id: `backfill:review:${review.id}`,
      event: "pull_request_review",
      payload: {
        action: "submitted",
        ...base(review.user),
        pull_request: currentPr(review.submitted_at),
        review,
      },
    });
  }
  for (const comment of parseAll(Comment, history.reviewComments, "review comment")) {
    deliveries.push({
      id: `backfill:review_comment:${comment.id}`,
      event: "pull_request_review_comment",
      payload: {
        action: "created",
        ...base(comment.user),
        pull_request: currentPr(comment.created_at),
        comment,
      },
    });
  }
  for (const comment of parseAll(Comment, history.issueComments, "issue comment")) {
    deliveries.push({
      id: `backfill:issue_comment:${comment.id}`,
      event: "issue_comment",
      payload: {
        action: "created",
        ...base(comment.user),
        issue: {
          number: pr.number,
          user: author,
          draft: draftAt(comment.created_at),
          pull_request: { html_url: pr.html_url ?? null },
        },
        comment,
      },
    });
  }

  deliveries.push({
    id: `backfill:snapshot:${pr.id}:${pr.updated_at}`,
    event: "pull_request",
    payload: {
      action: "edited",
      ...base(author),
      pull_request: { ...currentPr(pr.updated_at), draft: pr.draft },
    },
  });
  return deliveries;
}
