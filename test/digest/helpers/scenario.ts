// Builds weeks of realistic review activity (with assessments) for digest and command tests.
import { DateTime } from "luxon";
import type { Assessment, Signal } from "../../../src/analysis/assessment.js";
import { RepoConfig } from "../../../src/config/schema.js";
import type { DigestInput } from "../../../src/digest/digest-model.js";
import type { ReviewEvent } from "../../../src/ingest/review-event.js";
import { at, pr } from "../../figures/factory.js";

export interface Scenario {
  events: ReviewEvent[];
  assessments: Map<string, Assessment>;
}

const teaching = (...names: string[]): Assessment => ({
  isFeedback: true,
  verdict: "teaching",
  tone: "ok",
  signals: names.map((name): Signal => ({ name, kind: "teaching", span: name })),
  confidence: 0.85,
  source: "heuristic",
});
const correcting = (tone: "ok" | "harsh" = "ok"): Assessment => ({
  isFeedback: true,
  verdict: "correcting",
  tone,
  signals: [{ name: "bare-imperative", kind: "correcting", span: "rename" }],
  confidence: 0.8,
  source: "heuristic",
});

export const HARSH_BODY = "Obviously wrong!!! Did you even run this?";
export const MENTION_BODY =
  "Could we keep the retry here? @dan see #12: **without** it `fetch` fails [on flaky networks](https://example.com) because the socket resets, <b>every</b> time.";

/**
 * One week of activity for team "acme/app" (Berlin, default windows 09:30-10:30 and 15:00-16:00, 09:00-17:00):
 * - #base+1 (ana) opened Mon 09:00, alice reviews Mon 09:45 in a window with a teaching and a correcting comment;
 * - #base+2 (dan) opened Mon 14:00, a bot reviews at 14:05 (excluded), bob comments Mon 15:10 (teaching), and
 *   erin comments Tue 10:00 with a mention and Markdown in it (teaching, unless `weak`);
 * - #base+3 (ana) opened Tue 11:00, carol reviews Wed 16:30 outside the windows: 13.5 business hours, over target,
 *   with a harsh comment;
 * - #base+4 (dan) opened Thu 11:00 and never reviewed: still waiting at the week's end.
 * `weak` turns the teaching comments into corrections, so weeks differ.
 */
export function week(monday: string, base: number, options: { weak?: boolean } = {}): Scenario {
  const date = (offset: number) =>
    DateTime.fromISO(monday, { zone: "Europe/Berlin" }).plus({ days: offset }).toFormat("yyyy-MM-dd");
  const t = (offset: number, time: string) => at(`${date(offset)} ${time}`);
  const events: ReviewEvent[] = [];
  const assessments = new Map<string, Assessment>();
  const url = (n: number, id: number) => `https://github.com/acme/app/pull/${n}#discussion_r${id}`;
  // Lifecycle events carry the PR's page, as GitHub's pull_request payloads do; comments their own.
  const add = (event: ReviewEvent, assessment?: Assessment): ReviewEvent => {
    const withUrl =
      event.githubId === null
        ? { ...event, htmlUrl: `https://github.com/acme/app/pull/${event.prNumber}` }
        : { ...event, htmlUrl: url(event.prNumber, event.githubId) };
    events.push(withUrl);
    if (assessment) assessments.set(withUrl.key, assessment);
    return withUrl;
  };
  const id = (n: number) => base * 10 + n;

  const one = pr(base + 1, "ana");
  add(one.opened(t(0, "09:00")));
  add(one.review("alice", t(0, "09:45"), { id: id(1) }), correcting());
  add(
    {
      ...one.reviewComment("alice", t(0, "09:44"), { id: id(2) }),
      body: "Please close the file in a finally block, because otherwise a thrown parse error leaks the handle.",
    },
    options.weak ? correcting() : teaching("reason", "consequence"),
  );
  add(
    { ...one.reviewComment("alice", t(0, "09:44"), { id: id(3) }), body: "Rename to parseConfig." },
    correcting(),
  );

  const two = pr(base + 2, "dan");
  add(two.opened(t(0, "14:00")));
  add(two.review("coderabbitai[bot]", t(0, "14:05"), { id: id(4), isBot: true }));
  add(
    {
      ...two.comment("bob", t(0, "15:10"), { id: id(5) }),
      body: "What happens if `items` is empty here? The loop below assumes one element, see the docs at https://example.com/loops.",
    },
    options.weak ? correcting() : teaching("guiding-question", "reference"),
  );
  add(
    { ...two.comment("erin", t(1, "10:00"), { id: id(6) }), body: MENTION_BODY },
    options.weak ? correcting() : teaching("reason"),
  );

  const three = pr(base + 3, "ana");
  add(three.opened(t(1, "11:00")));
  add(three.review("carol", t(2, "16:30"), { id: id(7) }), correcting());
  add(
    { ...three.reviewComment("carol", t(2, "16:29"), { id: id(8) }), body: HARSH_BODY },
    correcting("harsh"),
  );

  const four = pr(base + 4, "dan");
  add(four.opened(t(3, "11:00")));
  return { events, assessments };
}

export function merge(...scenarios: Scenario[]): Scenario {
  return {
    events: scenarios.flatMap((s) => s.events),
    assessments: new Map(scenarios.flatMap((s) => [...s.assessments])),
  };
}

export function repoConfig(overrides: Record<string, unknown> = {}): RepoConfig {
  return RepoConfig.parse({ review_windows: { timezone: "Europe/Berlin" }, ...overrides });
}

export function digestInput(
  scenario: Scenario,
  options: { week?: string; config?: RepoConfig; now?: Date } = {},
): DigestInput {
  return {
    target: "acme/app",
    repos: ["acme/app"],
    week: options.week ?? "2026-W47",
    events: scenario.events,
    verdicts: new Map(
      [...scenario.assessments].map(([key, a]) => [key, { verdict: a.verdict, tone: a.tone }]),
    ),
    assessments: scenario.assessments,
    config: options.config ?? repoConfig(),
    now: options.now ?? new Date("2026-11-23T08:00:00Z"),
    loadedFrom: "2026-07-27T00:00:00.000Z",
  };
}
