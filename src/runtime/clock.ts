// Time as an injectable dependency: every wait and every "now" in the library goes through a Clock,
// so tests drive time with a fake instead of patching globals the SDK shares.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; timers never keep the process alive. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms).unref();
    }),
};
