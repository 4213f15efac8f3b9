// Time as an injectable dependency: every wait and every "now" in the library goes through a Clock,
// so tests drive time with a fake instead of patching globals the SDK shares.

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  // Ref'd on purpose: a sleep is always awaited by a caller that wants credentials (a lock retry), so the
  // process must stay alive for it; nothing sleeps once credentials are returned.
  sleep: (ms) =>
    new Promise((resolve) => {
      setTimeout(resolve, ms);
    }),
};
