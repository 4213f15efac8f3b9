import { describe, expect, it } from "vitest";
import { createRefreshingProvider, type FetchOptions } from "../../src/refresh/refreshing-provider.js";
import { DEFAULT_REFRESH_WINDOWS } from "../../src/refresh/refresh-policy.js";
import type { Credentials } from "../../src/runtime/credentials.js";
import { FakeClock, flush } from "../support/fake-clock.js";
import { captureLogger } from "../support/capture-logger.js";

const MIN = 60_000;

/** A source whose every fetch issues credentials numbered 1, 2, 3... valid for `lifetimeMs`. */
function scriptedSource(clock: FakeClock, lifetimeMs = 60 * MIN) {
  const calls: FetchOptions[] = [];
  let failing: Error | undefined;
  let gate: Promise<void> | undefined;
  const fetch = async (options: FetchOptions): Promise<Credentials> => {
    calls.push(options);
    if (gate) await gate;
    if (failing) throw failing;
    return { accessKeyId: `ASIA${calls.length}`, secretAccessKey: "s", sessionToken: "t", expiration: new Date(clock.now() + lifetimeMs) };
  };
  return {
    fetch,
    calls,
    fail: (error: Error | undefined) => {
      failing = error;
    },
    hold: () => {
      let open!: () => void;
      gate = new Promise((resolve) => (open = resolve));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

function setup(lifetimeMs?: number) {
  const clock = new FakeClock();
  const source = scriptedSource(clock, lifetimeMs);
  const log = captureLogger();
  const provider = createRefreshingProvider(source.fetch, { clock, random: () => 0, logger: log.logger, windows: DEFAULT_REFRESH_WINDOWS });
  return { clock, source, log, provider };
}

describe(createRefreshingProvider.name, () => {
  it("is marked memoized so SDK clients use it as is", () => {
    expect(setup().provider.memoized).toBe(true);
  });

  it("shares one fetch among 1,000 concurrent first calls", async () => {
    const { source, provider } = setup();
    const results = await Promise.all(Array.from({ length: 1000 }, () => provider()));
    expect(source.calls).toHaveLength(1);
    expect(new Set(results.map((c) => c.accessKeyId))).toEqual(new Set(["ASIA1"]));
  });

  it("returns the same object without fetching while the credentials are fresh", async () => {
    const { clock, source, provider } = setup();
    const first = await provider();
    await clock.advance(44 * MIN);
    expect(await provider()).toBe(first);
    expect(source.calls).toHaveLength(1);
  });

  it("serves the current credentials at once in the advisory window and refreshes once in the background", async () => {
    const { clock, source, provider } = setup();
    await provider();
    await clock.advance(46 * MIN);
    const release = source.hold();
    const during = await Promise.all([provider(), provider(), provider()]);
    expect(during.map((c) => c.accessKeyId)).toEqual(["ASIA1", "ASIA1", "ASIA1"]);
    expect(source.calls).toHaveLength(2);
    expect(source.calls[1]).toMatchObject({ forceRefresh: false, refreshing: true });
    release();
    await flush();
    expect((await provider()).accessKeyId).toBe("ASIA2");
  });

  it("keeps serving and logs a warning when an advisory refresh fails, then retries after a pause", async () => {
    const { clock, source, provider, log } = setup();
    await provider();
    await clock.advance(46 * MIN);
    source.fail(Object.assign(new Error("STS is down"), { code: "STS_UNAVAILABLE" }));
    expect((await provider()).accessKeyId).toBe("ASIA1");
    await flush();
    expect(log.lines.warn.join("\n")).toContain("STS_UNAVAILABLE: STS is down");
    expect((await provider()).accessKeyId).toBe("ASIA1");
    expect(source.calls).toHaveLength(2);
    await clock.advance(31_000);
    source.fail(undefined);
    await provider();
    await flush();
    expect(source.calls).toHaveLength(3);
    expect((await provider()).accessKeyId).toBe("ASIA3");
  });

  it("makes callers wait in the mandatory window and throws when that refresh fails", async () => {
    const { clock, source, provider } = setup();
    await provider();
    await clock.advance(51 * MIN);
    source.fail(new Error("denied"));
    await expect(provider()).rejects.toThrow("denied");
    source.fail(undefined);
    expect((await provider()).accessKeyId).toBe("ASIA3");
  });

  it("never returns expired credentials", async () => {
    const { clock, source, provider } = setup();
    await provider();
    await clock.advance(61 * MIN);
    source.fail(new Error("still down"));
    await expect(provider()).rejects.toThrow("still down");
  });

  it("bypasses fresh credentials with forceRefresh and shares one forced fetch", async () => {
    const { source, provider } = setup();
    await provider();
    const [a, b] = await Promise.all([provider({ forceRefresh: true } as never), provider({ forceRefresh: true } as never)]);
    expect(source.calls).toHaveLength(2);
    expect(source.calls[1]).toMatchObject({ forceRefresh: true });
    expect(a.accessKeyId).toBe("ASIA2");
    expect(b).toBe(a);
    expect(await provider()).toBe(a);
  });

  it("logs the refresh schedule at debug level, and logging never fails a fetch (windows of NaN or Infinity)", async () => {
    const { log, provider } = setup();
    await provider();
    expect(log.lines.debug.join("\n")).toMatch(/credentials until \S+Z; background refresh from \S+Z, callers wait for a refresh from \S+Z/);
    for (const mandatoryWindowMs of [Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]) {
      const clock = new FakeClock();
      const odd = createRefreshingProvider(scriptedSource(clock).fetch, {
        clock,
        random: () => 0,
        logger: captureLogger().logger,
        windows: { ...DEFAULT_REFRESH_WINDOWS, mandatoryWindowMs },
      });
      await expect(odd()).resolves.toMatchObject({ accessKeyId: "ASIA1" });
    }
  });

  it("caches credentials without an expiration for the life of the provider", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const provider = createRefreshingProvider(async () => ({ accessKeyId: `AKID${++calls}`, secretAccessKey: "s" }), {
      clock,
      random: () => 0,
      logger: captureLogger().logger,
      windows: DEFAULT_REFRESH_WINDOWS,
    });
    await provider();
    await clock.advance(1000 * 24 * 60 * MIN);
    expect((await provider()).accessKeyId).toBe("AKID1");
    expect(calls).toBe(1);
  });

  it("backs off instead of refetching on every call when the source returns the same session", async () => {
    const clock = new FakeClock();
    let calls = 0;
    const expiration = new Date(clock.now() + 60 * MIN);
    const provider = createRefreshingProvider(async () => (calls++, { accessKeyId: "SAME", secretAccessKey: "s", expiration }), {
      clock,
      random: () => 0,
      logger: captureLogger().logger,
      windows: DEFAULT_REFRESH_WINDOWS,
    });
    await provider();
    await clock.advance(46 * MIN);
    for (let i = 0; i < 50; i++) {
      await provider();
      await flush();
    }
    expect(calls).toBe(2);
  });

  it("refreshes once per lifetime over a simulated day of one call per minute", async () => {
    const { clock, source, provider } = setup();
    for (let minute = 0; minute < 24 * 60; minute++) {
      const credentials = await provider();
      expect(credentials.expiration!.getTime()).toBeGreaterThan(clock.now());
      await clock.advance(MIN);
    }
    // A 1-hour session refreshed 15 minutes early lasts 45 minutes: 1440 / 45 = 32 fetches.
    expect(source.calls).toHaveLength(32);
  });
});
