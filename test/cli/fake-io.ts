// A CliIo for in-process tests of run(): captured stdout/stderr, an environment of the test's choosing,
// no terminal, and the library's STS replaced by a scripted StsClient (no network at all).
import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { createMemoryCache } from "../../src/cache/memory-cache.js";
import type { CliIo } from "../../src/cli/cli-io.js";
import type { Deps } from "../../src/runtime/deps.js";
import type { AssumeRoleRequest, StsClient, StsSession } from "../../src/runtime/sts.js";

export interface FakeIo {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
  /** What setInheritedEnv() was given, last value per name. */
  inherited: Record<string, string>;
}

export function fakeIo(env: Record<string, string | undefined>, extra: Partial<CliIo> & { deps?: Partial<Deps> } = {}): FakeIo {
  let out = "";
  let err = "";
  const inherited: Record<string, string> = {};
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  const io: CliIo = {
    env,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    terminal: { stdin, stderr: { write: (text: string) => (err += text) } as unknown as NodeJS.WriteStream },
    spawn: (command, args, options) => spawn(command, args, options),
    onSignal: () => () => undefined,
    setInheritedEnv: (name, value) => {
      inherited[name] = value;
    },
    ...extra,
    deps: { cache: createMemoryCache(), ...extra.deps },
  };
  return { io, stdout: () => out, stderr: () => err, inherited };
}

/** An StsClient that answers every AssumeRole with `credentials` and records the requests. */
export function scriptedSts(credentials: Omit<StsSession["credentials"], "expiration">, expiration: Date) {
  const requests: AssumeRoleRequest[] = [];
  const sts: StsClient = {
    async assumeRole(request) {
      requests.push(request);
      const arn = `arn:aws:sts::123456789012:assumed-role/${request.RoleArn.split("/").pop()}/${request.RoleSessionName}`;
      return { credentials: { ...credentials, expiration, accountId: "123456789012" }, assumedRoleUser: { Arn: arn, AssumedRoleId: "AROAFAKE:s" } };
    },
    async assumeRoleWithWebIdentity() {
      throw new Error("not scripted");
    },
  };
  return { sts, requests, createSts: async () => sts };
}
