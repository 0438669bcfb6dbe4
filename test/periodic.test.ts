import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { runPeriodically } from "../src/periodic.js";

describe("runPeriodically", () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it("runs the first pass after its delay and then once per interval", async () => {
    let passes = 0;
    const periodic = runPeriodically(
      async () => {
        passes++;
      },
      { firstRunDelayMs: 1_000, intervalMs: 10_000, onError: () => undefined },
    );
    await jest.advanceTimersByTimeAsync(999);
    expect(passes).toBe(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(passes).toBe(3);
    await periodic.stop();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(passes).toBe(3);
  });

  it("never overlaps passes, reports a failed one and keeps going, and stop waits for the pass in progress", async () => {
    const errors: unknown[] = [];
    let started = 0;
    let finish: () => void = () => undefined;
    const periodic = runPeriodically(
      () => {
        started++;
        if (started === 1) return Promise.reject(new Error("store busy"));
        return new Promise<void>((resolve) => {
          finish = resolve;
        });
      },
      { firstRunDelayMs: 0, intervalMs: 100, onError: (error) => errors.push(error) },
    );
    await jest.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error("store busy")]);
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    // The second pass is still running: the ticks meanwhile start nothing.
    await jest.advanceTimersByTimeAsync(500);
    expect(started).toBe(2);

    let stopped = false;
    const stopping = periodic.stop().then(() => {
      stopped = true;
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });
});
