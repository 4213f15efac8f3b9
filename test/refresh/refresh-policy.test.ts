import { describe, expect, it } from "vitest";
import { DEFAULT_REFRESH_WINDOWS, scheduleRefresh } from "../../src/refresh/refresh-policy.js";

const MIN = 60_000;
const now = 1_000_000_000_000;

describe(scheduleRefresh.name, () => {
  it("starts advisory refresh 15 minutes and mandatory refresh 10 minutes before a 1-hour session expires", () => {
    const s = scheduleRefresh(now + 60 * MIN, now, DEFAULT_REFRESH_WINDOWS, 0);
    expect(s.advisoryAt).toBe(now + 45 * MIN);
    expect(s.mandatoryAt).toBe(now + 50 * MIN);
  });

  it("moves the advisory start later by at most the jitter, never past the mandatory start", () => {
    const early = scheduleRefresh(now + 60 * MIN, now, DEFAULT_REFRESH_WINDOWS, 0);
    const late = scheduleRefresh(now + 60 * MIN, now, DEFAULT_REFRESH_WINDOWS, 0.999999);
    expect(late.advisoryAt - early.advisoryAt).toBeGreaterThan(59_000);
    expect(late.advisoryAt - early.advisoryAt).toBeLessThanOrEqual(DEFAULT_REFRESH_WINDOWS.jitterMs);
    const tight = scheduleRefresh(now + 60 * MIN, now, { advisoryWindowMs: 11 * MIN, mandatoryWindowMs: 10 * MIN, jitterMs: 5 * MIN }, 0.999999);
    expect(tight.advisoryAt).toBeLessThan(tight.mandatoryAt);
  });

  it.each([
    ["15-minute session", 15, 7.5, 3.75],
    ["20-minute session", 20, 10, 5],
    ["40-minute session", 40, 15, 10],
    ["12-hour session", 720, 15, 10],
  ])("scales the windows down for a %s", (_name, lifetimeMin, advisoryMin, mandatoryMin) => {
    const s = scheduleRefresh(now + lifetimeMin * MIN, now, DEFAULT_REFRESH_WINDOWS, 0);
    expect(now + lifetimeMin * MIN - s.advisoryAt).toBe(advisoryMin * MIN);
    expect(now + lifetimeMin * MIN - s.mandatoryAt).toBe(mandatoryMin * MIN);
  });

  it("keeps a refresh due at once for credentials that arrive already expired", () => {
    const s = scheduleRefresh(now - 1, now, DEFAULT_REFRESH_WINDOWS, 0.5);
    expect(s.mandatoryAt).toBeLessThanOrEqual(now);
    expect(s.advisoryAt).toBeLessThanOrEqual(now);
  });
});
