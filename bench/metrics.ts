// Benchmark: a synthetic year for a 50-person org through computeWeeks (52 weeks) and 8-week digest ranges.
// Run: npx tsx --expose-gc bench/metrics.ts [--people 50] [--prs-per-day 1]
// With --expose-gc each phase starts from a collected heap: "heap at end" is the phase's allocations not yet
// collected (a lower bound of its peak), "retained" what its result keeps alive. Peak RSS is the process's true peak.
import { computeWeekMetrics, computeWeeks } from "../src/figures/compute-weeks.js";
import { consecutiveWeeks, weekBounds } from "../src/figures/iso-week.js";
import type { MetricsInput } from "../src/figures/week-metrics.js";
import { generateActivity } from "./generate-activity.js";

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
let peakHeap = 0;

function timed<T>(label: string, run: () => T): T {
  collect();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  const atEnd = process.memoryUsage().heapUsed;
  peakHeap = Math.max(peakHeap, atEnd);
  collect();
  const retained = process.memoryUsage().heapUsed - before;
  console.log(
    `${label.padEnd(56)} ${ms.toFixed(0).padStart(6)} ms   heap at end ${mb(atEnd).padStart(7)}   retained ${mb(retained).padStart(6)}`,
  );
  return result;
}

const generated = timed("generate a year of activity", () =>
  generateActivity({ people: argument("people", 50), prsPerPersonPerDay: argument("prs-per-day", 1) }),
);
console.log(`  ${generated.events.length} events, ${generated.assessments.size} assessments`);
const input: MetricsInput = {
  events: generated.events,
  assessments: generated.assessments,
  config: generated.config,
  ignoreUsers: generated.ignoreUsers,
  now: generated.now,
};

for (let run = 1; run <= 3; run += 1) {
  const year = timed(`computeWeeks, 52 weeks (run ${run})`, () => computeWeeks(input, generated.weeks));
  if (run === 1) {
    const sessions = year.reduce((sum, week) => sum + (week.team.reviewSessions ?? 0), 0);
    const pickups = year.reduce((sum, week) => sum + week.teamExtras.pickups, 0);
    const mid = year[25];
    console.log(
      `  ${sessions} sessions, ${pickups} pickups; ${mid?.week} team: ${JSON.stringify(mid?.team)}`,
    );
  }
}

const digestEnds = generated.weeks.slice(7);
timed("8-week digest range, full year of events (×5)", () => {
  for (const last of digestEnds.slice(-5)) computeWeeks(input, consecutiveWeeks(last, 8));
});

// What the digest will load from the store: the 8 weeks plus 4 weeks before, for PRs still waiting.
const HISTORY_MS = 4 * 7 * 86_400_000;
const sliced = digestEnds.map((last) => {
  const weeks = consecutiveWeeks(last, 8);
  const from = weekBounds(weeks[0] as string, generated.config.timezone).start.getTime() - HISTORY_MS;
  const to = weekBounds(last, generated.config.timezone).end.getTime();
  const events = generated.events.filter((e) => {
    const ms = Date.parse(e.occurredAt);
    return ms >= from && ms < to;
  });
  return { weeks, events };
});
const averageSlice = sliced.reduce((sum, s) => sum + s.events.length, 0) / sliced.length;
timed(`8-week digest ranges, 12 weeks of events each (×${sliced.length})`, () => {
  for (const { weeks, events } of sliced) computeWeeks({ ...input, events }, weeks);
});
console.log(`  ${averageSlice.toFixed(0)} events per range on average`);

timed("computeWeekMetrics, one week, full year of events", () =>
  computeWeekMetrics({ ...input, week: generated.weeks[30] as string }),
);

collect();
console.log(
  `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}; highest heap at a phase end ${mb(peakHeap)}; ` +
    `heap now ${mb(process.memoryUsage().heapUsed)}${"gc" in globalThis ? "" : " (run with --expose-gc for retained sizes)"}`,
);
