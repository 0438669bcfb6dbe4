import { describe, expect, it } from "@jest/globals";
import { parseCoachCommand } from "../../src/coaching/policy-command.js";

describe("parseCoachCommand", () => {
  it.each([
    ["/review-coach off", "off"],
    ["/review-coach on", "on"],
    ["  /Review-Coach OFF  ", "off"],
    ["/review-coach off.", "off"],
    ["Thanks!\n\n/review-coach on\n", "on"],
    ["> /review-coach off", undefined],
    ["```\n/review-coach off\n```", undefined],
    ["please /review-coach off", undefined],
    ["/review-coach offline", undefined],
    ["/review-coach", undefined],
    ["", undefined],
  ])("%j → %s", (body, expected) => {
    expect(parseCoachCommand(body)).toBe(expected);
  });
});
