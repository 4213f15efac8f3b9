// Vitest setup file (vitest.config.ts "setupFiles"): runs in the test process before each test file.
//
// Tests must never read the machine's AWS configuration nor reach the internet, so before each file:
// - every AWS_* variable inherited from the machine is removed (profiles, keys, regions, config paths,
//   CA bundles...), then AWS_EC2_METADATA_DISABLED=true is set so no SDK code probes the IMDS (and the
//   SDK's Node 20 support warning is turned off);
// - HOME (and USERPROFILE) point at a fresh, empty temp folder, removed after the file, so no real
//   ~/.aws/config, ~/.aws/credentials or ~/.aws/cli/cache is read or written;
// - sockets may only connect to loopback addresses or Unix sockets: any other connection fails at once
//   with a clear error (code ETESTNETWORK) instead of going out to AWS (loopback-guard.ts).
//
// A test that needs AWS_* variables sets them itself (vi.stubEnv is undone after each test).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import "./loopback-guard.js";

for (const key of Object.keys(process.env)) {
  if (key.startsWith("AWS_")) delete process.env[key];
}
process.env.AWS_EC2_METADATA_DISABLED = "true";
// The SDK's one-time NodeVersionSupportWarning on Node 20 (its releases after early 2027 need Node 22)
// would print in every test process; it says nothing about this library's behaviour.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

const home = mkdtempSync(join(tmpdir(), "apc-test-home-"));
process.env.HOME = home;
process.env.USERPROFILE = home;
delete process.env.HOMEDRIVE;
delete process.env.HOMEPATH;

const removeHome = () => rmSync(home, { recursive: true, force: true });
afterAll(removeHome);
// Also when the file's hooks never run (a file that fails to load, a process that exits early).
process.once("exit", removeHome);
