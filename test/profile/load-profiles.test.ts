// Where the shared files are looked for (profileFileLocations, with the environment injected) and how they
// are read (loadProfiles, through the SDK's own loader, against real files in a temp folder).
import { mkdir, writeFile } from "node:fs/promises";
import { join, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadProfiles, profileFileLocations } from "../../src/profile/load-profiles.js";
import { nodeFileSystem } from "../../src/runtime/fs.js";
import { removeTempDirs, tempDir } from "../support/sandbox-home.js";

const HOME = join(sep, "home", "alice");
const DEFAULTS = {
  filepath: join(HOME, ".aws", "credentials"),
  configFilepath: join(HOME, ".aws", "config"),
};

describe(profileFileLocations.name, () => {
  it("defaults to .aws/credentials and .aws/config under HOME from the injected env", () => {
    expect(profileFileLocations({ HOME })).toEqual(DEFAULTS);
  });

  it.each([
    ["USERPROFILE when HOME is unset", { USERPROFILE: HOME }],
    ["USERPROFILE when HOME is empty", { HOME: "", USERPROFILE: HOME }],
    ["HOMEDRIVE + HOMEPATH when HOME and USERPROFILE are unset", { HOMEDRIVE: join(sep, "home"), HOMEPATH: `${sep}alice` }],
  ])("finds home from %s", (_case, env) => {
    expect(profileFileLocations(env)).toEqual(DEFAULTS);
  });

  it("reads the environment it is given, not process.env", () => {
    vi.stubEnv("AWS_CONFIG_FILE", "/from/process/config");
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", "/from/process/credentials");
    expect(profileFileLocations({ HOME })).toEqual(DEFAULTS);
  });

  it("uses AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE", () => {
    const env = { HOME, AWS_CONFIG_FILE: "/etc/aws/config", AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/credentials" };
    expect(profileFileLocations(env)).toEqual({ filepath: "/etc/aws/credentials", configFilepath: "/etc/aws/config" });
  });

  it("uses each variable independently of the other", () => {
    expect(profileFileLocations({ HOME, AWS_CONFIG_FILE: "/etc/aws/config" })).toEqual({
      filepath: DEFAULTS.filepath,
      configFilepath: "/etc/aws/config",
    });
    expect(profileFileLocations({ HOME, AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/credentials" })).toEqual({
      filepath: "/etc/aws/credentials",
      configFilepath: DEFAULTS.configFilepath,
    });
  });

  it("treats an empty variable as unset", () => {
    expect(profileFileLocations({ HOME, AWS_CONFIG_FILE: "", AWS_SHARED_CREDENTIALS_FILE: "" })).toEqual(DEFAULTS);
  });

  it("prefers the filepath and configFilepath options over the variables", () => {
    const env = { HOME, AWS_CONFIG_FILE: "/etc/aws/config", AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/credentials" };
    const options = { filepath: "/opt/credentials", configFilepath: "/opt/config" };
    expect(profileFileLocations(env, options)).toEqual(options);
  });

  it("falls back to the variable for an option that is not given", () => {
    const env = { HOME, AWS_CONFIG_FILE: "/etc/aws/config", AWS_SHARED_CREDENTIALS_FILE: "/etc/aws/credentials" };
    expect(profileFileLocations(env, { configFilepath: "/opt/config" })).toEqual({
      filepath: "/etc/aws/credentials",
      configFilepath: "/opt/config",
    });
  });

  it("expands a leading ~/ in variables with HOME from the injected env", () => {
    const env = { HOME, AWS_CONFIG_FILE: "~/work/config", AWS_SHARED_CREDENTIALS_FILE: "~/work/credentials" };
    expect(profileFileLocations(env)).toEqual({
      filepath: join(HOME, "work", "credentials"),
      configFilepath: join(HOME, "work", "config"),
    });
  });

  it("expands a leading ~/ in options", () => {
    expect(profileFileLocations({ USERPROFILE: HOME }, { filepath: "~/c", configFilepath: "~/k" })).toEqual({
      filepath: join(HOME, "c"),
      configFilepath: join(HOME, "k"),
    });
  });

  it.each([
    ["~ not followed by a slash", "~alice/config"],
    ["a bare ~", "~"],
    ["~/ that is not leading", "/srv/~/config"],
    ["$HOME", "$HOME/config"],
  ])("leaves %s alone, as the JS SDK does", (_case, path) => {
    expect(profileFileLocations({ HOME, AWS_CONFIG_FILE: path }).configFilepath).toBe(path);
  });
});

const load = async (locations: Parameters<typeof loadProfiles>[0]) => (await loadProfiles(locations, nodeFileSystem)).profiles;

describe(loadProfiles.name, () => {
  let dir = "";
  beforeAll(async () => {
    dir = await tempDir("apc-load-");
  });
  afterAll(removeTempDirs);

  let fileCount = 0;
  /** Fresh paths per test: the SDK loader caches file contents by path for the life of the process. */
  async function files(config?: string, credentials?: string) {
    fileCount += 1;
    const locations = { configFilepath: join(dir, `config-${fileCount}`), filepath: join(dir, `credentials-${fileCount}`) };
    if (config !== undefined) await writeFile(locations.configFilepath, config);
    if (credentials !== undefined) await writeFile(locations.filepath, credentials);
    return locations;
  }

  it("treats missing files as empty", async () => {
    expect(await load(await files())).toEqual({});
  });

  it("merges the two files key by key, the credentials file winning", async () => {
    const locations = await files(
      "[profile top]\nrole_arn = arn:aws:iam::123456789012:role/Config\nregion = eu-west-1\n",
      "[top]\nrole_arn = arn:aws:iam::123456789012:role/Credentials\nsource_profile = base\n",
    );
    expect(await load(locations)).toEqual({
      top: { role_arn: "arn:aws:iam::123456789012:role/Credentials", region: "eu-west-1", source_profile: "base" },
    });
  });

  it("reads the files named by AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE", async () => {
    const { configFilepath, filepath } = await files("[profile fromconfig]\nregion = eu-west-1\n", "[fromcreds]\nregion = us-west-2\n");
    const env = { HOME: join(dir, "nowhere"), AWS_CONFIG_FILE: configFilepath, AWS_SHARED_CREDENTIALS_FILE: filepath };
    expect(await load(profileFileLocations(env))).toEqual({
      fromconfig: { region: "eu-west-1" },
      fromcreds: { region: "us-west-2" },
    });
  });

  it("reads ~/.aws files under HOME from the injected env, not the process's HOME", async () => {
    const home = await tempDir("home-", dir);
    await mkdir(join(home, ".aws"));
    await writeFile(join(home, ".aws", "config"), "[profile athome]\nregion = ap-south-1\n");
    const env = { HOME: home, AWS_SHARED_CREDENTIALS_FILE: "~/.aws/credentials" };
    expect(await load(profileFileLocations(env))).toEqual({ athome: { region: "ap-south-1" } });
  });

  it("sees edits: the SDK's per-process file cache is bypassed", async () => {
    const locations = await files("[profile p]\nregion = eu-west-1\n");
    expect(await load(locations)).toEqual({ p: { region: "eu-west-1" } });
    await writeFile(locations.configFilepath, "[profile p]\nregion = us-east-2\n");
    expect(await load(locations)).toEqual({ p: { region: "us-east-2" } });
  });
});
