import { describe, expect, it } from "@jest/globals";
import { intervalToCron } from "../../src/jobs/interval-to-cron.js";

describe("intervalToCron", () => {
  it.each([
    [60, "* * * * *"],
    [600, "*/10 * * * *"],
    [1800, "*/30 * * * *"],
    [3600, "0 * * * *"],
    [6 * 3600, "0 */6 * * *"],
    [86_400, "0 0 * * *"],
    [604_800, "0 0 * * 1"],
  ])("schedules every %i s as %s", (seconds, cron) => {
    expect(intervalToCron(seconds)).toBe(cron);
  });

  it.each([0, 30, 90, 420, 7 * 3600, 2 * 86_400, 1.5, -60])(
    "refuses %i s, naming the values that work",
    (seconds) => {
      expect(() => intervalToCron(seconds)).toThrow(
        /cannot be scheduled; use whole minutes dividing an hour/,
      );
    },
  );
});
