// Week-over-week change of one headline figure, in words: an arrow for the direction, a judgement where one fits.
import type { HeadlineFigure } from "./digest-model.js";
import { formatDecimal, formatFigure, formatHours } from "./render-figures.js";

/**
 * "▲ 8 pts from 38% · more comments teach", "▼ 1.5 h from 5 h · faster", "no change (3)". Percent changes are
 * in percentage points; a change that rounds to nothing is "no change". Pickup going down is good, so a fall in
 * hours reads "faster", not "worse".
 */
export function renderChange(figure: HeadlineFigure, first: boolean): string {
  if (figure.value === null || !Number.isFinite(figure.value)) return "–";
  if (figure.previous === null || !Number.isFinite(figure.previous)) {
    return first ? "first week measured" : "no data last week";
  }
  const delta = figure.value - figure.previous;
  const size = Math.abs(delta);
  let amount: string;
  let same: boolean;
  switch (figure.unit) {
    case "percent":
      same = Math.round(size * 100) === 0;
      amount = `${Math.round(size * 100)} pts`;
      break;
    case "hours":
      same = size < 0.05;
      amount = formatHours(size);
      break;
    case "count":
      same = Math.round(size) === 0;
      amount = Math.round(size).toString();
      break;
    case "decimal":
      same = size < 0.05;
      amount = formatDecimal(size);
      break;
  }
  const before = formatFigure(figure.previous, figure.unit);
  if (same) return `no change (${before})`;
  const up = delta > 0;
  let judgement = "";
  if (figure.good !== "neutral") {
    const better = up === (figure.good === "up");
    judgement = ` · ${figure.words ? figure.words[up ? 0 : 1] : better ? "better" : "worse"}`;
  }
  return `${up ? "▲" : "▼"} ${amount} from ${before}${judgement}`;
}
