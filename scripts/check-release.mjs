#!/usr/bin/env node
// Release gate, run by .github/workflows/release.yml before anything else: `npm publish --provenance`
// needs package.json's `repository` to name the GitHub repository the workflow runs in, and the pushed tag
// must be the version being published. Usage: node scripts/check-release.mjs <tag> [package.json path]
import { readFileSync } from "node:fs";

const [tag = "", path = new URL("../package.json", import.meta.url)] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(path, "utf8"));
const problems = [];

const repository = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
if (!repository) {
  problems.push(
    'package.json has no "repository". npm publish --provenance refuses to publish without it, because the ' +
      "provenance statement must name the source repository. Add, for example:\n" +
      '  "repository": { "type": "git", "url": "git+https://github.com/OWNER/aws-profile-credentials.git" }',
  );
}
if (tag.replace(/^v/, "") !== pkg.version) {
  problems.push(`the tag ${JSON.stringify(tag)} does not match package.json's version ${pkg.version}: tag the release v${pkg.version}`);
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`release check failed: ${problem}`);
  process.exit(1);
}
console.log(`release check passed: ${pkg.name}@${pkg.version} from ${repository}`);
