import { describe, expect, it } from "@jest/globals";
import { assertQueueName, deadLetterName, isDeadLetterName } from "../../src/jobs/queue-name.js";

describe("job names", () => {
  it.each(["coach-review", "digest.tick", "backfill_repo", "a1"])("accepts %s", (name) => {
    expect(() => assertQueueName(name)).not.toThrow();
  });

  it.each(["", "-lead", "has space", "semi;colon", "x".repeat(101), "coach__dead", "__pgboss__send-it"])(
    "refuses %j",
    (name) => {
      expect(() => assertQueueName(name)).toThrow(/invalid job name/);
    },
  );

  it("names the dead letters after the queue", () => {
    expect(deadLetterName("coach")).toBe("coach__dead");
    expect(isDeadLetterName("coach__dead")).toBe(true);
    expect(isDeadLetterName("coach")).toBe(false);
  });
});
