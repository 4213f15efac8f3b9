// A child process of mfa-session.process.test.ts (bundled with esbuild):
//   node mfa-session-worker.cjs <endpoint> <clock offset ms> <code log> <profile,profile,...>
// Resolves each profile with MFA sessions on and a fresh provider (so the disk cache under $HOME is what
// is shared), on a clock <offset> ms ahead of the machine's (as the emulator's is), and prints one JSON line
// per profile: the access key id, or the error. Each time the MFA code is asked for, one line is appended
// to <code log>, and the code is the MFA_CODE variable.
import { appendFileSync } from "node:fs";
import { createProvider } from "../../../src/from-profile-with-role-assumption.js";
import { systemClock } from "../../../src/runtime/clock.js";
import { defaultDeps } from "../../../src/runtime/deps.js";
import { stderrLogger } from "./stderr-logger.js";

async function main(): Promise<void> {
  const [endpoint = "", offset = "0", codeLog = "", profiles = ""] = process.argv.slice(2);
  const logger = stderrLogger;
  const clock = { now: () => Date.now() + Number(offset), sleep: systemClock.sleep };
  const mfaCodeProvider = async (serial: string) => {
    appendFileSync(codeLog, `${process.pid} ${serial}\n`);
    return process.env.MFA_CODE ?? "";
  };
  for (const profile of profiles.split(",")) {
    const provider = createProvider(
      { profile, logger, mfaSession: true, mfaCodeProvider, clientConfig: { endpoint, region: "us-east-1", maxAttempts: 1 } },
      { ...defaultDeps(logger), clock },
    );
    try {
      const c = await provider();
      process.stdout.write(`${JSON.stringify({ profile, accessKeyId: c.accessKeyId })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ profile, error: (error as { code?: string }).code ?? String(error), message: (error as Error).message })}\n`);
    }
  }
}

void main();
