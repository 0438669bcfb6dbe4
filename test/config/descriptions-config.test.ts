import { describe, expect, it } from "@jest/globals";
import { parseConfigText } from "../../src/config/parse-config-text.js";
import { DescriptionsConfig, defaultConfig, descriptionsOf } from "../../src/config/schema.js";

const problemsOf = (text: string) => {
  const result = parseConfigText(text, "x.yml");
  return result.ok ? [] : result.problems;
};

describe("descriptions config", () => {
  it("is off for a config without the section, so teams that had the app before see no new comments", () => {
    expect(defaultConfig().descriptions).toBeUndefined();
    expect(descriptionsOf(defaultConfig()).enabled).toBe(false);
  });

  it("turns on with the section, asking quietly: what, why and how tested; no ADR paths, no UI paths", () => {
    const result = parseConfigText("descriptions: {}\n", "x.yml");

    expect(result.ok && descriptionsOf(result.config)).toEqual(DescriptionsConfig.parse({}));
    expect(DescriptionsConfig.parse({})).toEqual({
      enabled: true,
      required: ["what", "why", "testing"],
      changed_lines_threshold: 400,
      ui_paths: [],
      adr_paths: [],
      adr_folder: "docs/adr",
      adr_dependency_manifests: false,
    });
  });

  it("locates a part it does not know at the list item, naming the parts it knows", () => {
    const [problem] = problemsOf("descriptions:\n  required: [why, tests]\n");

    expect(problem).toMatchObject({ path: "descriptions.required[1]", line: 2, column: 19, value: "tests" });
    expect(problem?.message).toContain("what, why, testing, issue, risks, screenshot, template");
  });

  it("locates an unknown key at the key itself", () => {
    const [problem] = problemsOf("descriptions:\n  adr_path: [infra/**]\n");

    expect(problem).toMatchObject({ kind: "unknown_key", path: "descriptions.adr_path", line: 2, column: 3 });
  });

  it("rejects a negative threshold with its allowed range", () => {
    const [problem] = problemsOf("descriptions:\n  changed_lines_threshold: -5\n");

    expect(problem).toMatchObject({ path: "descriptions.changed_lines_threshold", line: 2 });
    expect(problem?.message).toMatch(/from 0 to 1000000/);
  });
});
