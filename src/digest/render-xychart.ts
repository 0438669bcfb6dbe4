// Mermaid `xychart-beta` blocks, which GitHub draws in issues: one title, a band x-axis, a ranged y-axis, series.

export interface XyChart {
  /** Plain text; quotes and characters Mermaid treats specially are removed. */
  title: string;
  labels: readonly string[];
  yAxis: { title: string; min: number; max: number };
  /** Same length as labels; finite numbers only (xychart has no gaps: callers drop weeks without data). */
  series: ReadonlyArray<{ type: "line" | "bar"; values: readonly number[] }>;
}

/** A fenced ```mermaid block. Throws on values xychart cannot draw, so a bad chart never reaches an issue. */
export function renderXyChart(chart: XyChart): string {
  for (const series of chart.series) {
    if (series.values.length !== chart.labels.length) {
      throw new RangeError(
        `review-coach digest: chart "${chart.title}" has ${series.values.length} values for ${chart.labels.length} labels`,
      );
    }
    if (series.values.some((value) => !Number.isFinite(value))) {
      throw new RangeError(`review-coach digest: chart "${chart.title}" has a value that is not a number`);
    }
  }
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title "${text(chart.title)}"`,
    `  x-axis [${chart.labels.map((label) => `"${text(label)}"`).join(", ")}]`,
    `  y-axis "${text(chart.yAxis.title)}" ${chartNumber(chart.yAxis.min)} --> ${chartNumber(chart.yAxis.max)}`,
    ...chart.series.map((series) => `  ${series.type} [${series.values.map(chartNumber).join(", ")}]`),
    "```",
  ];
  return lines.join("\n");
}

/** Mermaid's number token is `[+-]?(\d+(\.\d+)?|\.\d+)`: no exponent, no NaN; one decimal is plenty on a chart. */
export function chartNumber(value: number): string {
  const fixed = value.toFixed(1);
  const trimmed = fixed.endsWith(".0") ? fixed.slice(0, -2) : fixed;
  return trimmed === "-0" ? "0" : trimmed;
}

/** Strings are `"[^"]*"`; `%%` starts a comment, `;` ends a statement and `#` is special in older titles. */
function text(value: string): string {
  return value.replace(/["%;#\r\n`]/g, "").trim();
}

/** The smallest of 1, 2, 5 × 10^k at or above the value (at least 1): a y-axis maximum that reads well. */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}
