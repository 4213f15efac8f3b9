// Which modules a process loads (CommonJS, so that every module, the SDK's included, is in require.cache):
// `node modules-loaded.cjs <ours|sdk-node|sdk-chain> <import|credentials>`. Prints whether any STS client
// code (@aws-sdk/client-sts, or the SDK's own @aws-sdk/nested-clients STS) was loaded, and the module count.
const { sep } = require("node:path");
const [impl, mode] = process.argv.slice(2);
(async () => {
  let factory;
  if (impl === "ours") factory = require("../../dist/index.cjs").fromProfileWithRoleAssumption;
  else if (impl === "sdk-node") factory = require("@aws-sdk/credential-provider-node").defaultProvider;
  else if (impl === "sdk-chain") factory = require("@aws-sdk/credential-providers").fromNodeProviderChain;
  else throw new Error(`unknown implementation ${impl}`);
  if (mode === "credentials") await factory()();
  const loaded = Object.keys(require.cache);
  const sts = loaded.filter((p) => p.includes(`${sep}client-sts${sep}`) || /nested-clients.*[\\/]sts[\\/]/.test(p));
  process.stdout.write(`${JSON.stringify({ stsLoaded: sts.length > 0, clientStsLoaded: loaded.some((p) => p.includes(`${sep}@aws-sdk${sep}client-sts${sep}`)), modules: loaded.length })}\n`);
})().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
