import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Probot } from "probot";

describe("toolchain", () => {
  it("loads probot and nock under ESM", () => {
    expect(typeof Probot).toBe("function");
    expect(typeof nock.disableNetConnect).toBe("function");
  });
});
