// findCredentialProcessLoop(): credential_process lines that run this CLI again for a profile already being
// resolved, found in the resolutions (the library's own, from these profiles) before anything runs.
import { describe, expect, it } from "vitest";
import { findCredentialProcessLoop } from "../../src/cli/credential-process-loop.js";
import type { ProfileSet } from "../../src/profile/load-profiles.js";
import { resolveFromProfiles, type Resolution } from "../../src/resolve/resolve-profile.js";
import { selectSource } from "../../src/resolve/select-source.js";
import { resolveSettings } from "../../src/resolve/settings.js";

const SELF = "/opt/apc/dist/cli.js";
const ROLE = "arn:aws:iam::123456789012:role/R";

interface Extra {
  resolving?: string[];
  /** The AWS_PROFILE nested calls inherit. */
  defaultProfile?: string;
}

async function search(profiles: ProfileSet, profile: string, extra: Extra = {}): Promise<string[] | undefined> {
  const env = { HOME: "/h", ...(extra.defaultProfile ? { AWS_PROFILE: extra.defaultProfile } : {}) };
  const resolve = (name: string | undefined): Resolution | undefined => {
    const settings = resolveSettings(name ? { profile: name } : {}, env);
    try {
      return resolveFromProfiles(profiles, selectSource(env, settings.profile), settings);
    } catch {
      return undefined;
    }
  };
  const start = resolve(profile);
  if (!start) return undefined;
  return findCredentialProcessLoop(start, { resolving: extra.resolving ?? [], selfScript: SELF, resolve: async (name) => resolve(name) });
}

describe(findCredentialProcessLoop.name, () => {
  it.each([
    ["npx aws-profile-credentials credential-process --profile p"],
    ["aws-profile-credentials credential-process -p p"],
    ["/usr/local/bin/aws-profile-credentials credential-process --profile=p"],
    ["npx --yes aws-profile-credentials@1.2.3 credential-process --profile 'p'"],
    [`node ${SELF} credential-process --no-cache --profile p`],
    [`"/usr/bin/node" "${SELF}" credential-process -p "p"`],
  ])("finds a profile whose credential_process is %s for itself", async (line) => {
    expect(await search({ p: { credential_process: line } }, "p")).toEqual(["p", "p"]);
  });

  it("finds a cycle through other profiles and source_profile hops", async () => {
    const profiles: ProfileSet = {
      a: { role_arn: ROLE, source_profile: "a-src" },
      "a-src": { credential_process: "aws-profile-credentials credential-process --profile b" },
      b: { credential_process: "aws-profile-credentials credential-process --profile a" },
    };
    expect(await search(profiles, "a")).toEqual(["a", "b", "a"]);
  });

  it("counts the profiles enclosing processes are resolving, and the inherited default profile", async () => {
    const profiles: ProfileSet = {
      q: { credential_process: "aws-profile-credentials credential-process" },
      top: { aws_access_key_id: "A", aws_secret_access_key: "S" },
    };
    expect(await search(profiles, "q", { resolving: ["top"], defaultProfile: "top" })).toEqual(["top", "q", "top"]);
    expect(await search(profiles, "q", { defaultProfile: "q" })).toEqual(["q", "q"]);
    expect(await search(profiles, "q")).toBeUndefined();
  });

  it.each<[string, ProfileSet]>([
    ["another tool's credential-process for the same profile", { p: { credential_process: "granted credential-process --profile p" } }],
    ["this CLI for another profile", { p: { credential_process: "aws-profile-credentials credential-process --profile other" }, other: { role_arn: ROLE, source_profile: "k" }, k: { aws_access_key_id: "A", aws_secret_access_key: "S" } }],
    ["another command of this CLI", { p: { credential_process: "aws-profile-credentials export --profile p" } }],
    ["a credential_process the role_arn takes precedence over", { p: { role_arn: ROLE, source_profile: "k", credential_process: "aws-profile-credentials credential-process -p p" }, k: { aws_access_key_id: "A", aws_secret_access_key: "S" } }],
    ["a source_profile cycle (the planner reports it)", { p: { role_arn: ROLE, source_profile: "q" }, q: { role_arn: ROLE, source_profile: "p" } }],
  ])("finds no loop for %s", async (_name, profiles) => {
    expect(await search(profiles, "p")).toBeUndefined();
  });
});
