// A clock the demo and tests can move (to when a replayed delivery happened, or to digest time) that keeps ticking.

export interface SteerableClock {
  now: () => Date;
  /** From here on, now() starts at `at` and advances with real time. */
  set(at: Date | string): void;
}

export function steerableClock(start: Date | string = new Date()): SteerableClock {
  let base = new Date(start).getTime();
  let setAt = performance.now();
  return {
    now: () => new Date(base + Math.floor(performance.now() - setAt)),
    set(at) {
      base = new Date(at).getTime();
      setAt = performance.now();
    },
  };
}
