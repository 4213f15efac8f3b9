// The one clock of the tests: starts at a fixed, non-zero instant and moves only when told. advance()
// settles due sleeps in time order; with instantSleeps, a sleep moves time forward itself and returns at
// once (for code that polls). Either way `slept` totals the time asked for by sleep().
import type { Clock } from "../../src/runtime/clock.js";

export const FAKE_CLOCK_START = Date.parse("2026-11-22T04:00:00Z");

export class FakeClock implements Clock {
  private current: number;
  private sleepers: { at: number; wake: () => void }[] = [];
  private readonly instantSleeps: boolean;
  /** The milliseconds all sleep() calls asked for. */
  slept = 0;

  constructor(start = FAKE_CLOCK_START, options: { instantSleeps?: boolean } = {}) {
    this.current = start;
    this.instantSleeps = options.instantSleeps ?? false;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number): Promise<void> {
    this.slept += ms;
    if (this.instantSleeps) {
      this.current += ms;
      return Promise.resolve();
    }
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
