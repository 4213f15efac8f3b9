// A clock for tests: starts at a fixed, non-zero instant and moves only when told. advance() settles due
// sleeps in time order.
import type { Clock } from "../../src/runtime/clock.js";

export const FAKE_CLOCK_START = Date.parse("2026-11-22T04:00:00Z");

export class FakeClock implements Clock {
  private current: number;
  private sleepers: { at: number; wake: () => void }[] = [];

  constructor(start = FAKE_CLOCK_START) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => {
      this.sleepers.push({ at: this.current + ms, wake });
      this.sleepers.sort((a, b) => a.at - b.at);
    });
  }

  /** Moves time forward by `ms`, waking sleepers that fall due, in order. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    while (this.sleepers[0] && this.sleepers[0].at <= target) {
      const next = this.sleepers.shift()!;
      this.current = next.at;
      next.wake();
      await flush();
    }
    this.current = target;
    await flush();
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}
