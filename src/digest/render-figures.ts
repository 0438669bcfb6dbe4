// Number formatting shared by the digest and the CLI: the same figure always reads the same way.
import type { FigureUnit } from "./digest-model.js";

/** 0.4167 → "42%". */
export const formatPercent = (share: number): string => `${Math.round(share * 100)}%`;

/** Hours with one decimal below 10 ("3.5 h"), whole above ("26 h"). */
export const formatHours = (hours: number): string =>
  `${hours < 9.95 ? trimZero(hours.toFixed(1)) : Math.round(hours).toString()} h`;

/** 1 → "1 PR", 3 → "3 PRs"; `many` for irregular plurals ("activities"). */
export const formatCount = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

export const formatDecimal = (value: number): string => trimZero(value.toFixed(1));

export function formatFigure(value: number | null, unit: FigureUnit): string {
  if (value === null || !Number.isFinite(value)) return "–";
  switch (unit) {
    case "percent":
      return formatPercent(value);
    case "hours":
      return formatHours(value);
    case "count":
      return Math.round(value).toString();
    case "decimal":
      return formatDecimal(value);
  }
}

function trimZero(text: string): string {
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}
