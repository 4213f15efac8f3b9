// Scripted failures: make the next N requests (optionally of one action) return an error, answer late,
// or lose their connection, to exercise client retries and timeouts.
import type { StsActionName } from "./actions/index.js";
import type { StsErrorCode } from "./sts-error.js";

interface FaultScope {
  /** Only requests for this action consume the fault; default: any request. */
  action?: StsActionName;
  /** How many requests it applies to; default 1. `Infinity` keeps it until `reset()`. */
  times?: number;
}

/** Answer with an STS error. Status and message default to STS's usual ones for `code` (e.g. Throttling: 400, "Rate exceeded"). */
export interface StsErrorFault extends FaultScope {
  code: StsErrorCode;
  status?: number;
  message?: string;
}

/** Hold the request for `delayMs` (real time) before handling it normally. */
export interface StsDelayFault extends FaultScope {
  delayMs: number;
}

/** Destroy the socket without answering, as a network failure would. */
export interface StsDropFault extends FaultScope {
  drop: true;
}

/** One of the three kinds: an error answer (`code`), a late answer (`delayMs`) or a cut connection (`drop`). */
export type StsFault = StsErrorFault | StsDelayFault | StsDropFault;

export interface FaultQueue {
  add(fault: StsFault): void;
  /** The first queued fault that applies to `action`, counting one use of it. */
  take(action: string): StsFault | undefined;
  clear(): void;
}

export function createFaultQueue(): FaultQueue {
  const queue: { fault: StsFault; remaining: number }[] = [];
  return {
    add(fault) {
      const remaining = fault.times ?? 1;
      if (!(remaining >= 1)) throw new RangeError(`fault.times must be at least 1, got ${fault.times}`);
      queue.push({ fault, remaining });
    },
    take(action) {
      const index = queue.findIndex((entry) => entry.fault.action === undefined || entry.fault.action === action);
      const entry = queue[index];
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) queue.splice(index, 1);
      return entry.fault;
    },
    clear() {
      queue.length = 0;
    },
  };
}
