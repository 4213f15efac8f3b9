// MFA devices and their one-time codes. A code is consumed when STS accepts it, so presenting it again
// fails exactly as a reused TOTP code does against real STS (docs/semantics.md §5.4).
import { mfaInvalidCode, mfaUnknownSerial } from "./sts-error.js";
import type { Caller } from "./principals.js";

export interface MfaDevices {
  /**
   * Registers `serial` (or adds codes to it). `ownerArn` binds it to one IAM user; without it any caller
   * may present it.
   */
  add(serial: string, codes: readonly string[], ownerArn?: string): void;
  /** Accepts and consumes `code`, or throws the STS AccessDenied error for a bad serial or code. */
  verify(serial: string, code: string | undefined, caller: Caller): void;
}

export function createMfaDevices(): MfaDevices {
  const devices = new Map<string, { unused: Set<string>; ownerArn: string | undefined }>();
  return {
    add(serial, codes, ownerArn) {
      const device = devices.get(serial);
      if (device) {
        for (const code of codes) device.unused.add(code);
        device.ownerArn = ownerArn ?? device.ownerArn;
      } else {
        devices.set(serial, { unused: new Set(codes), ownerArn });
      }
    },
    verify(serial, code, caller) {
      const device = devices.get(serial);
      // A user-bound device only validates for that user; a role session is never its owner.
      if (!device || (device.ownerArn !== undefined && device.ownerArn !== callerUserArn(caller))) {
        throw mfaUnknownSerial();
      }
      if (code === undefined || !device.unused.delete(code)) throw mfaInvalidCode();
    },
  };
}

// --- internal ---

function callerUserArn(caller: Caller): string | undefined {
  return caller.kind === "user" ? caller.arn : undefined;
}
