// Assesses a pull request's description: does it say what changes and why, how it was tested, which issue it
// belongs to, and (where they apply) its risks and a screenshot; are the PR template's headings filled in
// (docs/architecture.md, "Descriptions"; the rulings are in docs/description-guide.md). Pure: data in, data out.
import { matchesAnyGlob } from "../../coaching/policy-glob.js";
import {
  DESCRIPTION_PARTS,
  type DescriptionAssessment,
  type DescriptionInput,
  type DescriptionPart,
  type DescriptionRules,
  type DescriptionSignal,
  type PartReading,
} from "./description-assessment.js";
import {
  countWords,
  isPlaceholder,
  normalizeLine,
  readSections,
  type Section,
  templateLines,
} from "./read-sections.js";

/** What a heading announces: "## Motivation" is a why, "How was this tested?" a testing section. */
const HEADINGS: ReadonlyArray<[DescriptionPart, RegExp]> = [
  ["why", /\b(?:why|motivation|context|background|rationale|reasons?|problem|purpose|use ?case)\b/i],
  [
    "testing",
    /\b(?:test(?:s|ed|ing)?|verif\w*|qa|validation|test plan|how to reproduce|reproduc\w*|how (?:to|can i) try)\b/i,
  ],
  ["risks", /\b(?:risks?|rollout|roll-out|rollback|deploy\w*|migrations?|impact|breaking)\b/i],
  [
    "screenshot",
    /\b(?:screenshots?|screen ?recordings?|screencasts?|demo|visuals?|before\/after|ui changes)\b/i,
  ],
  ["issue", /\b(?:issues?|tickets?|related|links?|fixes|closes|resolves|jira)\b/i],
  ["what", /\b(?:what|summary|description|changes?|overview|details|proposed|this pr|about)\b/i],
];

/** Phrases that give a reason or name the problem (the description's "why"). */
const WHY_MARKERS: readonly RegExp[] = [
  /\bbecause\b/i,
  /\bso that\b/i,
  /\bin order to\b/i,
  /\bso (?:we|you|users?|it|they|people|callers|reviewers|that)\b/i,
  /\bso (?:the |a |an )?\w+(?: \w+)? (?:can|could|will|won't|don't|doesn't|finish(?:es)?|work|stops?|gets?|keeps?|sees?)\b/i,
  /\b(?:to|which|that|will|would|should|this) (?:avoids?|prevents?|allows?|enables?|lets?|helps?|reduces?|speeds? up|unblocks?|makes? sure|ensures?|saves?|handles?|addresses?|catch(?:es)?)\b/i,
  /\bmakes? (?:it |this |them )?(?:easier|faster|simpler|safer|clearer|possible)\b/i,
  // A named defect is the reason for its fix.
  /\b(?:null pointer|race conditions?|deadlocks?|memory leaks?|vulnerabilit(?:y|ies)|security (?:issues?|problems?|holes?)|regressions?|(?:test|build) failures?|warnings)\b/i,
  /\b(?:needlessly|unnecessar(?:y|ily)|not obvious|not (?:yet )?(?:indexed|supported|possible|taken care of)|(?:doesn't|does not) exist)\b/i,
  /\bthis is (?:just |only )?a test\b/i,
  /\botherwise\b/i,
  /\bwithout (?:this|it)\b/i,
  /\b(?:the )?(?:problem|issue|bug|cause|regression) (?:is|was|where|that|here)\b/i,
  /\b(?:currently|previously|right now|at the moment|used to|no longer)\b/i,
  /\b(?:was|were|is|are) (?:causing|broken|failing|missing|wrong|slow|flaky|incorrect|confusing|deprecated)\b/i,
  /\b(?:caus(?:es|ed|ing)|results? in|resulted in|leads? to|led to)\b/i,
  /\b(?:doesn't|does not|didn't|did not|won't|can't|cannot|couldn't) (?:work|build|compile|start|load|run|handle|find|show)\b/i,
  /\b(?:crash(?:es|ed|ing)?|fails?|failing|failed|breaks?|broke|throws?|hangs?|leaks?)\b/i,
  /\b(?:needed|required|necessary) (?:for|by|to|because|when|since)\b/i,
  /\b(?:motivation|rationale|the reason|the goal|the idea|the point)\b/i,
  /\b(?:we|I|users?|customers?|people) (?:need|want|have to|had to|asked|requested|reported|were seeing|saw)\b/i,
  /\bsince (?:the|it|this|we|there|our|they|version)\b/i,
  /\bas (?:a result|a workaround|part of|requested|suggested)\b/i,
];

/** Changes whose why is their what: a typo, a broken link, a dependency bump. */
const SELF_EVIDENT =
  /\b(?:typos?|typing mistakes?|spelling|misspell\w*|grammar|broken links?|dead links?|bump(?:s|ed|ing)?(?: up)?(?: \S+)? (?:from|to|dependenc(?:y|ies)|versions?)|bump ups?|update(?:s|d)? \S+ from \S+ to)\b/i;

/** Phrases that say how the change was checked (an honest "not tested" says it too). */
const TESTING_MARKERS: readonly RegExp[] = [
  /\btested\b/i,
  /\b(?:add(?:s|ed)?|ran|run|wrote|written|updated?|extended?|pass(?:es|ed|ing)?|cover(?:ed|s)?|includ(?:es|ed)|with|existing)\b[^.\n]{0,30}\b(?:unit|integration|e2e|end-to-end|regression|manual|smoke|snapshot|ui|new|existing|automated) tests?\b/i,
  /^\W*existing tests\W*$/im,
  /\b(?:add(?:s|ed|ing)?|wrote|write|updated?|extend(?:ed)?|new) (?:a |an |some |the |new |more )?(?:\w+ )?(?:tests?|specs?|test cases?)\b(?! plan| template)/i,
  /\btests? (?:added|pass(?:es)?|passing|passed|cover(?:s|ed)?|updated|included|green|still pass)\b/i,
  /\b(?:tests?|test cases?|CI)\b[^.\n]{0,40}\bto pass\b|\b(?:has|have|had) to pass (?:the )?(?:tests|CI)\b/i,
  /\b(?:verified|confirmed|validated|checked (?:that|it|the|with|on))\b/i,
  // A measured result ("reduces the run by about 10%") says how it was checked.
  /\b(?:by|from) (?:about |roughly |around |~)?\d+(?:\.\d+)? ?(?:%|ms|s|x|MB|KB)(?!\w)/i,
  /\b(?:manually|locally|on (?:staging|my machine|a device|an emulator|the simulator))\b/i,
  /\breproduc(?:e|ed|ible|tion)\b/i,
  /\bCI\b[^.\n]{0,40}\b(?:green|pass(?:es|ed|ing)?)\b/i,
  /\b(?:npm|yarn|pnpm|bun) (?:run )?test\b|\bpytest\b|\bgo test\b|\bcargo test\b|\bmvn (?:test|verify)\b|\bgradlew?\b[^\n]{0,20}\btest\b|\bmake (?:check|test)\b|\btox\b|\bjest\b|\brspec\b|\bphpunit\b|\bctest\b/i,
  /\b(?:tried|ran) (?:it|this|the|them|with|against|on)\b/i,
  /\b(?:works|worked|working) (?:locally|for me|on my|fine|as expected|again)\b/i,
  /\b(?:not tested|untested|no tests?\b|haven't tested|have not tested|didn't test|did not test|wasn't tested|without tests)/i,
];

const ISSUE_REFERENCE: readonly RegExp[] = [
  /(?:^|[\s(:,])#\d+\b/,
  /\bGH-\d+\b/i,
  /\b[\w.-]+\/[\w.-]+#\d+\b/,
  /https?:\/\/[^\s)]+\/(?:issues|pull)\/\d+/,
  /https?:\/\/[^\s)]*(?:atlassian\.net\/browse|linear\.app|youtrack|shortcut\.com\/story|clickup\.com\/t)\//,
  /\b(?!(?:ADR|SHA|UTF|ISO|RFC|CVE|HTTP|TLS|SSL|PEP|ES|MD|AES|RSA|ECMA)-)[A-Z][A-Z0-9]{1,9}-\d{1,6}\b/,
];

const RISK_MARKERS =
  /\b(?:risks?|risky|rollout|roll(?:ing)? (?:it )?out|rollback|roll(?:ing)? back|feature[- ]flag\w*|behind a flag|canary|backwards?[- ]compat\w*|breaking changes?|migrations?|downtime|revert(?:ing|ed)?|safe to (?:merge|deploy|release)|(?:no|low|high) impact|impact on)\b/i;

const SCREENSHOT =
  /!\[[^\]]*\]\([^)]+\)|<img\s|<video\s|\.(?:png|jpe?g|gif|webp|mp4|mov|webm)\b|user-images\.githubusercontent\.com|github\.com\/user-attachments\//i;

const FENCE = /^ {0,3}(?:`{3,}|~{3,})/;

interface Found {
  present: boolean;
  /** Heading evidence is surer than a phrase. */
  by: "heading" | "marker" | "none";
}

export function assessDescription(input: DescriptionInput, rules: DescriptionRules): DescriptionAssessment {
  const template = templateLines(input.template);
  const body = input.body ?? "";
  const sections = readSections(body, template);
  const signals: DescriptionSignal[] = [];
  const signal = (part: DescriptionPart, name: string, span: string) =>
    signals.push({ part, name, span: span.replace(/\s+/g, " ").trim().slice(0, 80) });

  const kindOf = (section: Section): DescriptionPart[] =>
    section.heading === "" ? [] : HEADINGS.filter(([, re]) => re.test(section.heading)).map(([part]) => part);
  const prose = (lines: readonly string[]) => stripCode(lines).join("\n");
  const allProse = sections.map((s) => prose(s.lines)).join("\n");
  const words = sections.reduce((sum, s) => sum + countWords(s.lines), 0);

  // What a heading answers, when the author wrote something under it.
  const byHeading = (part: DescriptionPart, minWords: number): boolean => {
    for (const s of sections) {
      if (!kindOf(s).includes(part)) continue;
      const filled = countWords(s.lines) >= minWords || (part === "testing" && hasCode(s.lines));
      if (filled) {
        signal(part, "heading", s.heading);
        return true;
      }
    }
    return false;
  };
  const byMarker = (part: DescriptionPart, text: string, markers: readonly RegExp[]): boolean => {
    for (const re of markers) {
      const match = re.exec(text);
      if (match) {
        signal(
          part,
          part === "why" ? "reason-marker" : part === "testing" ? "test-marker" : "marker",
          match[0],
        );
        return true;
      }
    }
    return false;
  };
  const found = (heading: boolean, marker: () => boolean): Found =>
    heading
      ? { present: true, by: "heading" }
      : marker()
        ? { present: true, by: "marker" }
        : { present: false, by: "none" };

  // The prose outside testing, risks and screenshot sections tells what changes and why.
  const narrative = sections
    .filter((s) => !kindOf(s).some((k) => k === "testing" || k === "risks" || k === "screenshot"))
    .map((s) => prose(s.lines))
    .join("\n");
  const narrativeWords = sections
    .filter(
      (s) => !kindOf(s).some((k) => k === "testing" || k === "risks" || k === "screenshot" || k === "issue"),
    )
    .reduce((sum, s) => sum + countWords(s.lines), 0);

  const what: Found = found(byHeading("what", 3), () => {
    if (narrativeWords < 5) return false;
    signal("what", "prose", firstLine(narrative));
    return true;
  });
  const why: Found = found(byHeading("why", 3), () => {
    if (byMarker("why", narrative, WHY_MARKERS)) return true;
    const evident = SELF_EVIDENT.exec(`${input.title}\n${narrative}`);
    if (evident) signal("why", "self-evident", evident[0]);
    return evident !== null;
  });
  const testing: Found = found(byHeading("testing", 1), () => byMarker("testing", allProse, TESTING_MARKERS));
  const issueText = `${input.title}\n${allProse}`;
  const issue = ISSUE_REFERENCE.some((re) => {
    const match = re.exec(issueText);
    if (match) signal("issue", "issue-reference", match[0]);
    return match !== null;
  });
  const risks = byHeading("risks", 2) || byMarker("risks", allProse, [RISK_MARKERS]);
  const screenshotMatch = SCREENSHOT.exec(body);
  if (screenshotMatch) signal("screenshot", "image", screenshotMatch[0]);
  const unfilledHeadings = input.template ? unfilled(input.template, sections, template) : [];

  const present: Record<DescriptionPart, boolean> = {
    what: what.present,
    why: why.present,
    testing: testing.present,
    issue,
    risks,
    screenshot: screenshotMatch !== null,
    template: input.template !== null && unfilledHeadings.length === 0,
  };
  const required = new Set(rules.required);
  const touchesUi =
    rules.uiPaths.length > 0 && (input.files ?? []).some((path) => matchesAnyGlob(rules.uiPaths, path));
  const applies = (part: DescriptionPart): boolean => {
    if (!required.has(part)) return false;
    if (part === "risks")
      return input.changedLines !== null && input.changedLines > rules.changedLinesThreshold;
    if (part === "screenshot") return touchesUi;
    if (part === "template") return input.template !== null;
    return true;
  };
  const parts = Object.fromEntries(
    DESCRIPTION_PARTS.map((part): [DescriptionPart, PartReading] => [
      part,
      { applicable: applies(part), present: present[part] },
    ]),
  ) as Record<DescriptionPart, PartReading>;
  const applicable = DESCRIPTION_PARTS.filter((part) => parts[part].applicable);
  const missing = applicable.filter((part) => !parts[part].present);
  const completeness = applicable.length === 0 ? 1 : (applicable.length - missing.length) / applicable.length;

  return {
    parts,
    missing,
    completeness: round(completeness),
    signals,
    unfilledHeadings,
    confidence: round(Math.min(sureness(why, words), sureness(testing, words))),
    words,
  };
}

/**
 * A heading is the surest evidence, a phrase nearly so; an absence is sure in a short text and unsure in a long
 * one, where the reason may be put in words no marker knows.
 */
function sureness(found: Found, words: number): number {
  if (found.by === "heading") return 0.9;
  if (found.by === "marker") return 0.8;
  return words < 40 ? 0.85 : words < 120 ? 0.65 : 0.5;
}

/** The template's headings that the description dropped or left as the template had them. */
function unfilled(
  templateText: string,
  sections: readonly Section[],
  template: ReadonlySet<string>,
): string[] {
  const headings = readSections(templateText, new Set(), true).filter((s) => s.heading !== "");
  const out: string[] = [];
  for (const t of headings) {
    // A checklist-only heading has nothing to write under it: ticking boxes is not what this checks.
    const content = t.lines.filter((l) => normalizeLine(l) !== "");
    if (content.length > 0 && content.every((l) => /^\s*[-*]\s*\[[ xX]\]/.test(l))) continue;
    const mine = sections.find((s) => normalizeLine(s.heading) === normalizeLine(t.heading));
    const filled =
      mine?.lines.some((l) => !isPlaceholder(l, template) && (/\p{L}/u.test(l) || FENCE.test(l))) === true;
    if (!filled) out.push(t.heading);
  }
  return out;
}

function stripCode(lines: readonly string[]): string[] {
  const out: string[] = [];
  let fence = false;
  for (const line of lines) {
    if (FENCE.test(line)) {
      fence = !fence;
      // Keep the command names a test section shows ("npm test"): they are evidence, not prose to misread.
      continue;
    }
    out.push(fence ? line : line.replace(/`[^`\n]*`/g, (code) => code.slice(1, -1)));
  }
  return out;
}

const hasCode = (lines: readonly string[]) => lines.some((l) => FENCE.test(l) || /`[^`]+`/.test(l));

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim() !== "") ?? "";
}

const round = (n: number) => Math.round(n * 100) / 100;
