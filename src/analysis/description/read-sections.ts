// Splits a PR description into the author's own text, by section: HTML comments, template instructions and
// unticked placeholder checklists left out (docs/architecture.md, "Descriptions"). Pure.

export interface Section {
  /** The heading as written ("## How was this tested?", "**Why**", "Testing:"); "" for text before any heading. */
  heading: string;
  /** The author's lines under it, code blocks kept, placeholders dropped. */
  lines: string[];
}

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const ATX_HEADING = /^ {0,3}#{1,6}\s+(.+?)\s*#*\s*$/;
/** A line that is only bold text, or a short "Label:" line: used as headings in many descriptions. */
const BOLD_HEADING = /^\s*(?:\*\*|__)([^*_]{2,60}?)(?::)?(?:\*\*|__)\s*:?\s*$/;
const LABEL_LINE = /^\s*(?:\*\*|__)?([A-Za-z][A-Za-z /'?-]{1,40}?)(?:\*\*|__)?\s*:\s*(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Template instructions and placeholders a description often keeps without filling in. */
const PLACEHOLDER_LINES: readonly RegExp[] = [
  /^\s*(?:please|kindly|if you)\b/i,
  // A prompt left as a question ("What existing problem does the pull request solve?").
  /^\s*(?:what|why|how|which|does|did|do|is|are|has|have|will|would)\b[^.!]*\?\s*$/i,
  /\b(?:you ran|your changes?|your pull request|this pull request solve)\b/i,
  /^\s*[-*]?\s*step (?:\d+|\.\.\.|…)\s*$/i,
  // A label with nothing after it ("- OS version(s):").
  /^\s*[-*]?\s*[\w ()/.'-]{1,40}:\s*$/,
  /^\s*(?:describe|explain|provide|include|list|add|link|summari[sz]e|mention)\b.*\b(?:you|your|if applicable|if any|this pr|the pr|the changes?|this change)\b/i,
  /^\s*[-*]\s*\[ \]\s*(?:test(?: case)? [a-z0-9]|permissions - description|specific cluster)\b/i,
  /^\s*(?:fixes|closes|resolves|related to)\s*#\s*(?:\(issue\)|n\/?a|xxx+)?\s*$/i,
  /^\s*(?:fixes|closes|resolves)\s*#\s*$/i,
  /^\s*delete this (?:section|line)\b/i,
  /^\s*(?:n\/?a|none|tbd|todo|-|\.\.\.|…)\s*\.?\s*$/i,
];

/** Lines of the repository's own template (its instructions), compared without case or spacing. */
export function templateLines(template: string | null): Set<string> {
  const set = new Set<string>();
  if (!template) return set;
  for (const line of template.replace(HTML_COMMENT, "").split(/\r?\n/)) {
    const key = normalizeLine(line);
    if (key !== "" && !ATX_HEADING.test(line)) set.add(key);
  }
  return set;
}

export function normalizeLine(line: string): string {
  return line.replace(/\s+/g, " ").trim().toLowerCase();
}

/** A line that is a placeholder, template text, or an unticked checkbox with nothing else: not the author's text. */
export function isPlaceholder(line: string, template: ReadonlySet<string>): boolean {
  const key = normalizeLine(line);
  if (key === "") return true;
  if (template.has(key)) return true;
  // An unticked box claims nothing: it is the template's list, not the author's.
  if (UNTICKED.test(line)) return true;
  // Emphasis and a ticked box around template text ("_Briefly describe…_", "- [x] n/a") leave it template text.
  // A ticked box is a claim ("- [x] Have you run the tests?"), unless what it ticks is empty ("- [x] n/a").
  if (TICKED.test(line)) return EMPTY_ANSWER.test(line.replace(TICKED, ""));
  const bare = line.replace(/^[\s_*>]+|[\s_*]+$/g, "");
  return PLACEHOLDER_LINES.some((re) => re.test(line) || re.test(bare));
}

const EMPTY_ANSWER = /^\s*(?:n\/?a|none|tbd|todo|-|\.\.\.|…)?\s*\.?\s*$/i;
const UNTICKED = /^\s*(?:[-*+]|\d+\.)\s*\[\s?\]/;
const TICKED = /^\s*(?:[-*+]|\d+\.)\s*\[[xX_ ]+\]\s*/;

/** `raw`: keep every line (for reading a template itself). */
export function readSections(
  body: string,
  template: ReadonlySet<string> = new Set(),
  keepAll = false,
): Section[] {
  const sections: Section[] = [{ heading: "", lines: [] }];
  let fence: string | null = null;
  for (const raw of body.replace(HTML_COMMENT, "").replace(/\r\n?/g, "\n").split("\n")) {
    const current = sections[sections.length - 1] as Section;
    if (fence !== null) {
      current.lines.push(raw);
      if (raw.trim().startsWith(fence)) fence = null;
      continue;
    }
    const open = FENCE.exec(raw);
    if (open) {
      fence = open[1] as string;
      current.lines.push(raw);
      continue;
    }
    const heading = headingOf(raw);
    if (heading !== null) {
      sections.push({ heading: heading.text, lines: heading.rest ? [heading.rest] : [] });
      continue;
    }
    if (keepAll || !isPlaceholder(raw, template)) current.lines.push(raw);
  }
  return sections;
}

function headingOf(line: string): { text: string; rest: string } | null {
  const atx = ATX_HEADING.exec(line);
  if (atx) return { text: (atx[1] as string).replace(/[*_`]/g, "").trim(), rest: "" };
  const bold = BOLD_HEADING.exec(line);
  if (bold) return { text: (bold[1] as string).trim(), rest: "" };
  const label = LABEL_LINE.exec(line);
  // "Why: the cache grew without bound" is a heading with its answer on the same line; "Note: …" is prose.
  if (label && KNOWN_LABEL.test(label[1] as string)) {
    const rest = (label[2] as string).trim();
    return { text: (label[1] as string).trim(), rest: isPlaceholder(rest, new Set()) ? "" : rest };
  }
  return null;
}

const KNOWN_LABEL =
  /^(?:what|why|how|summary|description|changes?|motivation|context|background|problem|reason|rationale|test(?:s|ing|ed)?|how (?:was|has|is) (?:this|it) (?:been )?tested\??|test plan|verification|risks?|rollout|roll-out|impact|screenshots?|issue|ticket|related|fixes|closes|resolves|notes?)$/i;

/** Words with a letter, fenced code left out. */
export function countWords(lines: readonly string[]): number {
  let words = 0;
  let fence = false;
  for (const line of lines) {
    if (FENCE.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) continue;
    words += line.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  }
  return words;
}
