// A strict validator for the subset of Mermaid's xychart-beta grammar the digest emits (no Mermaid parser is
// installed): the header, one quoted title, one band x-axis of quoted labels, one ranged y-axis with a quoted title,
// and line/bar series of Mermaid number tokens, each as long as the x-axis, inside the y range.
// Token rules follow mermaid-js/mermaid packages/mermaid/src/diagrams/xychart/parser/xychart.jison.

export interface ParsedXyChart {
  title: string;
  labels: string[];
  yAxis: { title: string; min: number; max: number };
  series: Array<{ type: "line" | "bar"; values: number[] }>;
}

/** Mermaid's NUMBER_WITH_DECIMAL: no exponent, no NaN, no Infinity. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
/** A quoted string is `"[^"]*"`; a `%%` inside would start a comment in some versions, so it is rejected too. */
const QUOTED = /^"([^"%]*)"$/;

function splitList(inner: string): string[] {
  return inner.split(",").map((item) => item.trim());
}

export function parseXyChart(block: string): ParsedXyChart {
  const lines = block
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  const fail = (message: string): never => {
    throw new Error(`invalid xychart: ${message}\n${block}`);
  };
  if (lines[0] !== "xychart-beta") fail('the first line must be "xychart-beta"');
  let title: string | undefined;
  let labels: string[] | undefined;
  let yAxis: ParsedXyChart["yAxis"] | undefined;
  const series: ParsedXyChart["series"] = [];
  for (const line of lines.slice(1)) {
    const titleMatch = /^title (.*)$/.exec(line);
    const xMatch = /^x-axis \[(.*)\]$/.exec(line);
    const yMatch = /^y-axis ("[^"]*") (\S+) --> (\S+)$/.exec(line);
    const seriesMatch = /^(line|bar) \[(.*)\]$/.exec(line);
    if (titleMatch) {
      const match = titleMatch;
      if (title !== undefined) fail("two titles");
      const quoted = QUOTED.exec(match[1] ?? "");
      if (!quoted || /[;#]/.test(quoted[1] ?? ""))
        fail(`title must be one quoted string without ; or #: ${line}`);
      title = quoted?.[1] ?? "";
    } else if (xMatch) {
      const match = xMatch;
      if (labels !== undefined) fail("two x-axes");
      labels = splitList(match[1] ?? "").map((item) => {
        const quoted = QUOTED.exec(item);
        if (!quoted || quoted[1] === "") fail(`x-axis labels must be non-empty quoted strings: ${item}`);
        return quoted?.[1] ?? "";
      });
    } else if (yMatch) {
      const match = yMatch;
      if (yAxis !== undefined) fail("two y-axes");
      const [, quotedTitle = "", min = "", max = ""] = match;
      if (!QUOTED.test(quotedTitle)) fail(`y-axis title: ${quotedTitle}`);
      if (!NUMBER.test(min) || !NUMBER.test(max)) fail(`y-axis range must be numbers: ${line}`);
      if (!(Number(min) < Number(max))) fail(`y-axis range must grow: ${line}`);
      yAxis = { title: quotedTitle.slice(1, -1), min: Number(min), max: Number(max) };
    } else if (seriesMatch) {
      const match = seriesMatch;
      const values = splitList(match[2] ?? "").map((item) => {
        if (!NUMBER.test(item)) fail(`not a Mermaid number: "${item}" in ${line}`);
        return Number(item);
      });
      series.push({ type: match[1] as "line" | "bar", values });
    } else {
      fail(`unexpected line: ${line}`);
    }
  }
  if (title === undefined || labels === undefined || yAxis === undefined)
    fail("title, x-axis and y-axis are required");
  if (series.length === 0) fail("at least one line or bar series is required");
  const axis = yAxis as ParsedXyChart["yAxis"];
  for (const s of series) {
    if (s.values.length !== (labels as string[]).length) {
      fail(`a ${s.type} has ${s.values.length} values for ${(labels as string[]).length} labels`);
    }
    for (const value of s.values) {
      if (value < axis.min || value > axis.max)
        fail(`${value} is outside the y-axis ${axis.min}..${axis.max}`);
    }
  }
  return { title: title as string, labels: labels as string[], yAxis: axis, series };
}

/** Every ```mermaid block in a Markdown document, without the fences. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((match) => match[1] ?? "");
}
