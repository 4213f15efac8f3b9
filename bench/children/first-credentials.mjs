// A new process resolving credentials once: `ours` (fromProfileWithRoleAssumption) or `sdk`
// (fromNodeProviderChain). The profile, keys and STS endpoint come from the environment the bench sets.
// Prints the time from process start to credentials (performance.now() counts from process start).
const boot = performance.now(); // Node's own start-up, before this script's first line
const impl = process.argv[2];
let provider;
if (impl === "ours") {
  const { fromProfileWithRoleAssumption } = await import("../../dist/index.js");
  provider = fromProfileWithRoleAssumption();
} else if (impl === "sdk") {
  const { fromNodeProviderChain } = await import("@aws-sdk/credential-providers");
  provider = fromNodeProviderChain();
} else {
  throw new Error(`unknown implementation ${impl}`);
}
const credentials = await provider();
const ms = performance.now();
process.stdout.write(`${JSON.stringify({ ms, boot, keyPrefix: credentials.accessKeyId.slice(0, 4) })}\n`);
