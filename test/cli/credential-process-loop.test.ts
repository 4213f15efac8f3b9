// findCredentialProcessLoop(): credential_process lines that run this CLI again for a profile already being
// resolved, found in the profile files before anything runs.
import { describe, expect, it } from "vitest";
import { findCredentialProcessLoop, type LoopSearch } from "../../src/cli/credential-process-loop.js";
import type { ProfileSet } from "../../src/profile/load-profiles.js";

const SELF = "/opt/apc/dist/cli.js";
const ROLE = "arn:aws:iam::123456789012:role/R";

function search(profiles: ProfileSet, profile: string, extra: Partial<LoopSearch> = {}): string[] | undefined {
  return findCredentialProcessLoop({ profiles, profile, resolving: [], defaultProfile: "default", selfScript: SELF, ...extra });
}

describe(findCredentialProcessLoop.name, () => {
  it.each([
    ["npx aws-profile-credentials credential-process --profile p"],
    ["aws-profile-credentials credential-process -p p"],
    ["/usr/local/bin/aws-profile-credentials credential-process --profile=p"],
    ["npx --yes aws-profile-credentials@1.2.3 credential-process --profile 'p'"],
    [`node ${SELF} credential-process --no-cache --profile p`],
    [`"/usr/bin/node" "${SELF}" credential-process -p "p"`],
  ])("finds a profile whose credential_process is %s for itself", (line) => {
    expect(search({ p: { credential_process: line } }, "p")).toEqual(["p", "p"]);
  });

  it("finds a cycle through other profiles and source_profile hops", () => {
    const profiles: ProfileSet = {
      a: { role_arn: ROLE, source_profile: "a-src" },
      "a-src": { credential_process: "aws-profile-credentials credential-process --profile b" },
      b: { credential_process: "aws-profile-credentials credential-process --profile a" },
    };
    expect(search(profiles, "a")).toEqual(["a", "b", "a"]);
  });

  it("counts the profiles enclosing processes are resolving, and the inherited default profile", () => {
    const profiles: ProfileSet = { q: { credential_process: "aws-profile-credentials credential-process" } };
    expect(search(profiles, "q", { resolving: ["top"], defaultProfile: "top" })).toEqual(["top", "q", "top"]);
    expect(search(profiles, "q", { defaultProfile: "q" })).toEqual(["q", "q"]);
  });

  it.each<[string, ProfileSet]>([
    ["another tool's credential-process for the same profile", { p: { credential_process: "granted credential-process --profile p" } }],
    ["this CLI for another profile", { p: { credential_process: "aws-profile-credentials credential-process --profile other" }, other: { role_arn: ROLE, source_profile: "k" }, k: { aws_access_key_id: "A", aws_secret_access_key: "S" } }],
    ["another command of this CLI", { p: { credential_process: "aws-profile-credentials export --profile p" } }],
    ["a credential_process the role_arn takes precedence over", { p: { role_arn: ROLE, source_profile: "k", credential_process: "aws-profile-credentials credential-process -p p" }, k: { aws_access_key_id: "A", aws_secret_access_key: "S" } }],
    ["a source_profile cycle (the planner reports it)", { p: { role_arn: ROLE, source_profile: "q" }, q: { role_arn: ROLE, source_profile: "p" } }],
  ])("finds no loop for %s", (_name, profiles) => {
    expect(search(profiles, "p")).toBeUndefined();
  });
});
