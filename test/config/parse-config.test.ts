import { describe, expect, it } from "@jest/globals";
import { formatProblems } from "../../src/config/format-problems.js";
import { parseConfig } from "../../src/config/parse-config.js";
import { defaultConfig } from "../../src/config/schema.js";

type Case = { name: string; input: unknown; valid: boolean; errorContains?: string[] };

const cases: Case[] = [
  { name: "an empty mapping", input: {}, valid: true },
  { name: "null, as an empty YAML file parses", input: null, valid: true },
  { name: "one section set", input: { coaching: { mode: "inline", min_comments: 3 } }, valid: true },
  { name: "activated_at as a date", input: { coaching: { activated_at: "2025-03-01" } }, valid: true },
  { name: "a UTC team", input: { review_windows: { timezone: "UTC" } }, valid: true },
  { name: "a window across midnight", input: { review_windows: { windows: ["22:00-02:00"] } }, valid: true },
  {
    name: "a reviewer timezone",
    input: { review_windows: { reviewers: { alice: { timezone: "Asia/Tokyo" } } } },
    valid: true,
  },
  { name: "_extends as owner/repo:path", input: { _extends: "acme/settings:config/coach.yml" }, valid: true },
  { name: "a digest repository", input: { digest: { repository: "acme/eng-digests" } }, valid: true },
  {
    name: "an unknown mode",
    input: { coaching: { mode: "loud" } },
    valid: false,
    errorContains: ['coaching.mode: "loud" is not allowed; expected one of summary, inline, check, off'],
  },
  {
    name: "a misspelt mode",
    input: { coaching: { mode: "sumary" } },
    valid: false,
    errorContains: ['(did you mean "summary"?)'],
  },
  {
    name: "a misspelt key",
    input: { coaching: { min_coments: 3 } },
    valid: false,
    errorContains: ['coaching.min_coments: unknown key (did you mean "min_comments"?)'],
  },
  {
    name: "a key in the wrong section",
    input: { coaching: { timezone: "UTC" } },
    valid: false,
    errorContains: ["coaching.timezone: unknown key here (did you mean review_windows.timezone?)"],
  },
  {
    name: "an unknown key with nothing close",
    input: { digest: { flavour: "vanilla" } },
    valid: false,
    errorContains: ["digest.flavour: unknown key; allowed keys are enabled, repository, day"],
  },
  {
    name: "an unknown top-level section",
    input: { coachin: {} },
    valid: false,
    errorContains: ['coachin: unknown key (did you mean "coaching"?)'],
  },
  {
    name: "a word for a whole number",
    input: { review_windows: { session_gap_minutes: "thirty" } },
    valid: false,
    errorContains: [
      'review_windows.session_gap_minutes: expected a whole number from 1 to 1440, got "thirty"',
    ],
  },
  {
    name: "a fraction for a whole number",
    input: { review_windows: { session_gap_minutes: 2.5 } },
    valid: false,
    errorContains: ["expected a whole number from 1 to 1440, got 2.5"],
  },
  {
    name: "a ratio above 1",
    input: { coaching: { teaching_ratio_threshold: 2 } },
    valid: false,
    errorContains: ["coaching.teaching_ratio_threshold: 2 is out of range; expected a number from 0 to 1"],
  },
  {
    name: "a zero pickup target",
    input: { review_windows: { first_review_target_hours: 0 } },
    valid: false,
    errorContains: ["expected a number greater than 0 and at most 1000"],
  },
  {
    name: "yes for a boolean",
    input: { llm: { enabled: "yes" } },
    valid: false,
    errorContains: ['llm.enabled: expected true or false, got "yes"'],
  },
  {
    name: "a malformed window",
    input: { review_windows: { windows: ["09:30-10:30", "9-10"] } },
    valid: false,
    errorContains: ['review_windows.windows[1]: "9-10" is not valid; expected a time range "HH:MM-HH:MM"'],
  },
  {
    name: "a date that does not exist",
    input: { review_windows: { holidays: ["2025-02-30"] } },
    valid: false,
    errorContains: ['review_windows.holidays[0]: "2025-02-30" is not valid; expected a real calendar date'],
  },
  {
    name: "a number for a date",
    input: { coaching: { activated_at: 20250101 } },
    valid: false,
    errorContains: [
      'coaching.activated_at: expected an ISO date "YYYY-MM-DD", e.g. "2025-01-31", got 20250101',
    ],
  },
  {
    name: "a timezone abbreviation",
    input: { review_windows: { timezone: "CET" } },
    valid: false,
    errorContains: ['review_windows.timezone: "CET" is not valid; expected an IANA timezone name'],
  },
  {
    name: "no workdays",
    input: { review_windows: { workdays: [] } },
    valid: false,
    errorContains: ["review_windows.workdays: expected at least 1 item, got an empty list"],
  },
  {
    name: "a full day name",
    input: { digest: { day: "monday" } },
    valid: false,
    errorContains: ['digest.day: "monday" is not allowed; expected one of mon, tue', '(did you mean "mon"?)'],
  },
  {
    name: "a mention without @",
    input: { digest: { mention: ["acme/leads"] } },
    valid: false,
    errorContains: [
      'digest.mention[0]: "acme/leads" is not valid; expected a mention such as "@acme/tech-leads"',
    ],
  },
  {
    name: "a string where a list belongs",
    input: { coaching: { ignore_users: "bob" } },
    valid: false,
    errorContains: ['coaching.ignore_users: expected a list, got "bob"'],
  },
  {
    name: "an empty section value",
    input: { llm: null },
    valid: false,
    errorContains: [
      "llm: expected a mapping (key: value pairs), got an empty value; indent its settings below it",
    ],
  },
  {
    name: "a reviewer without a timezone",
    input: { review_windows: { reviewers: { bob: {} } } },
    valid: false,
    errorContains: [
      "review_windows.reviewers.bob.timezone: required key is missing; expected an IANA timezone",
    ],
  },
  {
    name: "a reviewer key that is not a login",
    input: { review_windows: { reviewers: { "bob smith": { timezone: "UTC" } } } },
    valid: false,
    errorContains: [
      'review_windows.reviewers["bob smith"]: "bob smith" is not a valid key; expected a GitHub login',
    ],
  },
  {
    name: "a list at the top level",
    input: ["coaching"],
    valid: false,
    errorContains: [
      "top level: expected a mapping with sections such as coaching, llm, review_windows, digest, descriptions, got a list",
    ],
  },
  {
    name: "an unparseable _extends",
    input: { _extends: "not a repo" },
    valid: false,
    errorContains: ['_extends: "not a repo" is not valid; expected a repository such as ".github"'],
  },
  {
    name: "a __proto__ key",
    input: JSON.parse('{"__proto__": {"polluted": true}}'),
    valid: false,
    errorContains: ["__proto__: unknown key"],
  },
];

describe("parseConfig", () => {
  it.each(cases)("treats $name as valid=$valid", ({ input, valid, errorContains }) => {
    const result = parseConfig(input, ".github/review-coach.yml");

    expect(result.ok).toBe(valid);
    const messages = result.ok ? [] : result.problems.map((problem) => problem.message);
    for (const expected of errorContains ?? []) {
      expect(messages).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
    }
  });

  it("fills every default for a missing section", () => {
    const result = parseConfig({ digest: { day: "fri" } }, "x.yml");

    expect(result.ok).toBe(true);
    expect(result.config.digest.day).toBe("fri");
    expect(result.config.coaching).toEqual(defaultConfig().coaching);
  });

  it("falls back to safe defaults when anything is invalid", () => {
    const result = parseConfig({ coaching: { mode: "inline", min_comments: 0 } }, "x.yml");

    expect(result.ok).toBe(false);
    expect(result.config).toEqual(defaultConfig());
  });

  it("reports the path, keys, kind and bad value of each problem", () => {
    const result = parseConfig(
      { review_windows: { windows: ["9-10"] }, coaching: { min_coments: 3 } },
      "x.yml",
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "invalid_value",
          path: "review_windows.windows[0]",
          keys: ["review_windows", "windows", 0],
          value: "9-10",
        }),
        expect.objectContaining({ kind: "unknown_key", path: "coaching.min_coments", value: 3 }),
      ]),
    );
  });

  it("lists every unknown key on its own", () => {
    const result = parseConfig({ llm: { modle: "x", enabeld: true } }, "x.yml");

    expect(result.ok ? [] : result.problems.map((problem) => problem.path)).toEqual([
      "llm.modle",
      "llm.enabeld",
    ]);
  });

  it("cuts long echoed values so messages stay readable", () => {
    const result = parseConfig({ coaching: { mode: "x".repeat(10_000) } }, "x.yml");

    const message = result.ok ? "" : (result.problems[0]?.message ?? "");
    expect(message.length).toBeLessThan(200);
    expect(message).toContain("…");
  });

  it("quotes keys that are not plain words in the path", () => {
    const result = parseConfig({ digest: { "@everyone ping": 1 } }, "x.yml");

    expect(result.ok ? "" : result.problems[0]?.path).toBe('digest["@everyone ping"]');
  });
});

describe("formatProblems", () => {
  it("lists each problem under the file name with its line and column when known", () => {
    const text = formatProblems(".github/review-coach.yml", [
      {
        kind: "invalid_value",
        path: "coaching.mode",
        keys: ["coaching", "mode"],
        message: "coaching.mode: bad",
        line: 3,
        column: 9,
      },
      { kind: "file", path: "", keys: [], message: "YAML syntax error: oops" },
    ]);

    expect(text).toBe(
      "Invalid config in .github/review-coach.yml:\n- line 3, col 9: coaching.mode: bad\n- YAML syntax error: oops",
    );
  });
});
