// #2 A new process importing the package: wall time and peak RSS over `node -e 0`, against the SDK's
// @aws-sdk/credential-provider-node, and whether any STS client code comes with the import.
import { alternate, runChild, runNode, root } from "../lib/child.mjs";
import { fmtMb, fmtMs, ratio } from "../lib/format.mjs";
import { summarize } from "../lib/stats.mjs";

const SDK_TARGET = "<= SDK credential-provider-node";

export default {
  id: 2,
  title: "import cost",
  target: `${SDK_TARGET}; client-sts not loaded`,
  async run(ctx) {
    const env = ctx.env(ctx.home);
    const opts = { env, cwd: root };
    const ourEntry = new URL("../../dist/index.js", import.meta.url).href;
    const r = await alternate(
      [
        { name: "node", run: () => runNode(["-e", "0"], opts) },
        { name: "ours", run: () => runNode(["--input-type=module", "-e", `await import(${JSON.stringify(ourEntry)})`], opts) },
        { name: "sdk", run: () => runNode(["--input-type=module", "-e", `await import("@aws-sdk/credential-provider-node")`], opts) },
      ],
      { warmup: ctx.warmup, reps: ctx.reps },
    );
    const wall = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summarize(v.map((x) => x.wallMs))]));
    const rss = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summarize(v.map((x) => x.rssKb))]));
    const over = (m, k) => ({ ...m[k], median: m[k].median - m.node.median, p25: m[k].p25 - m.node.median, p75: m[k].p75 - m.node.median });
    const modules = {};
    for (const impl of ["ours", "sdk-node"]) modules[impl] = JSON.parse((await runChild("modules-loaded.cjs", [impl, "import"], env)).stdout);
    const [oursWall, sdkWall, oursRss, sdkRss] = [over(wall, "ours"), over(wall, "sdk"), over(rss, "ours"), over(rss, "sdk")];
    const noSts = !modules.ours.clientStsLoaded && !modules.ours.stsLoaded;
    const met = oursWall.median <= sdkWall.median && oursRss.median <= sdkRss.median && noSts;
    const yesNo = (m) => (m.stsLoaded ? "yes" : "no");
    const rows = [
      { id: "2a", measurement: `import, wall over node -e 0 (${wall.node.median.toFixed(1)} ms)`, ours: fmtMs(oursWall), sdk: fmtMs(sdkWall), ratio: ratio(oursWall.median, sdkWall.median), target: SDK_TARGET, met: oursWall.median <= sdkWall.median },
      { id: "2b", measurement: `import, peak RSS over node -e 0 (${(rss.node.median / 1024).toFixed(1)} MB)`, ours: fmtMb(oursRss), sdk: fmtMb(sdkRss), ratio: ratio(oursRss.median, sdkRss.median), target: SDK_TARGET, met: oursRss.median <= sdkRss.median },
      { id: "2c", measurement: "require: STS client loaded / modules", ours: `${yesNo(modules.ours)} / ${modules.ours.modules}`, sdk: `${yesNo(modules["sdk-node"])} / ${modules["sdk-node"].modules}`, target: "client-sts not loaded", met: noSts },
    ];
    const importCost = { wallMs: wall, peakRssKb: rss, overNodeE0: { wallMs: { ours: oursWall, sdk: sdkWall }, peakRssKb: { ours: oursRss, sdk: sdkRss } }, modulesLoadedByRequire: modules, met };
    return { rows, results: { importCost } };
  },
};
