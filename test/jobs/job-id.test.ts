import { newJobId } from "../../src/jobs/job-id.js";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("newJobId", () => {
  it("makes UUIDv7s that sort in the order they were made, many within one millisecond", () => {
    const at = Date.parse("2026-11-24T12:00:00Z");
    // 600 ids: more than one refill of the 4 KB pool of random bytes (256 ids).
    const ids = [
      ...Array.from({ length: 300 }, () => newJobId(at)),
      ...Array.from({ length: 300 }, () => newJobId(at + 1)),
    ];
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it("carries the millisecond it was made in, and stays in order when the clock steps back", () => {
    const at = Date.parse("2026-11-24T12:00:00.123Z");
    const first = newJobId(at + 10_000);
    const stepBack = newJobId(at);
    expect(Number.parseInt(first.replace(/-/g, "").slice(0, 12), 16)).toBe(at + 10_000);
    expect(stepBack > first).toBe(true);
  });
});
