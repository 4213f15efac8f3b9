// The notes added to "profile not found" errors, with an injected reader: states a test cannot make as
// root on a real disk (EACCES), and errors that must pass through untouched.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { ProfileConfigError } from "../../src/errors.js";
import { withProfileFileNotes } from "../../src/profile/profile-file-notes.js";

const locations = { configFilepath: "/h/.aws/config", filepath: "/h/.aws/credentials" };
const errno = (code: string) => Object.assign(new Error(code), { code });
const reader = (files: Record<string, string | Error>) => async (path: string) => {
  const entry = files[path];
  if (entry === undefined) throw errno("ENOENT");
  if (entry instanceof Error) throw entry;
  return Buffer.from(entry);
};
const notFound = (name: string) =>
  new ProfileConfigError(`The profile "${name}" is not defined.`, { code: "PROFILE_NOT_FOUND", profile: name, chain: [name] });

describe("withProfileFileNotes", () => {
  it("names both files and the state of each, keeping code, profile and chain", async () => {
    const read = reader({ "/h/.aws/config": errno("EACCES") });
    const error = (await withProfileFileNotes(notFound("dev"), {}, locations, { readFile: read })) as ProfileConfigError;
    expect(error).toBeInstanceOf(ProfileConfigError);
    expect(error).toMatchObject({ code: "PROFILE_NOT_FOUND", profile: "dev", chain: ["dev"] });
    expect(error.message).toContain("Looked in the config file /h/.aws/config (could not be read: EACCES) and the credentials file /h/.aws/credentials (does not exist).");
  });

  it("says nothing more about a file that reads well", async () => {
    const read = reader({ "/h/.aws/config": "[profile other]\nregion = eu-west-1\n", "/h/.aws/credentials": "" });
    const error = (await withProfileFileNotes(notFound("dev"), { other: {} }, locations, { readFile: read })) as ProfileConfigError;
    expect(error.message).toMatch(/Looked in the config file \/h\/\.aws\/config and the credentials file \/h\/\.aws\/credentials\.$/);
  });

  it("names the missing source of SOURCE_PROFILE_NOT_FOUND, with a near name", async () => {
    const profiles = { r: { role_arn: "arn:aws:iam::123456789012:role/A", source_profile: "base" }, Base: {} };
    const error = new ProfileConfigError("missing", { code: "SOURCE_PROFILE_NOT_FOUND", profile: "r", chain: ["r"], key: "source_profile" });
    const annotated = (await withProfileFileNotes(error, profiles, locations, { readFile: reader({}) })) as ProfileConfigError;
    expect(annotated.key).toBe("source_profile");
    expect(annotated.message).toContain('Profile names are case-sensitive; defined: "Base".');
  });

  it("suggests a defined profile a typo away (\"prodd\" -> \"prod\"), and nothing for a name far from all", async () => {
    const profiles = { prod: {}, "prod-eu": {}, staging: {} };
    const typo = (await withProfileFileNotes(notFound("prodd"), profiles, locations, { readFile: reader({}) })) as ProfileConfigError;
    expect(typo.message).toMatch(/Did you mean "prod"( or "prod-eu")?\?$/);
    expect(typo.message.indexOf('"prod"')).toBeLessThan(typo.message.indexOf("Did you mean") + 14);
    const swapped = (await withProfileFileNotes(notFound("stagign"), profiles, locations, { readFile: reader({}) })) as ProfileConfigError;
    expect(swapped.message).toContain('Did you mean "staging"?');
    const far = (await withProfileFileNotes(notFound("dev"), profiles, locations, { readFile: reader({}) })) as ProfileConfigError;
    expect(far.message).not.toContain("Did you mean");
  });

  it("does not repeat the original message as its cause (an uncaught error prints it once)", async () => {
    const error = (await withProfileFileNotes(notFound("dev"), {}, locations, { readFile: reader({}) })) as ProfileConfigError;
    expect(error.cause).toBeUndefined();
    const printed = inspect(error);
    expect(printed.split('The profile "dev" is not defined.').length - 1).toBe(1);
  });

  it("passes other errors through as they are, without reading any file", async () => {
    let reads = 0;
    const read = async () => {
      reads++;
      return Buffer.from("");
    };
    const other = new ProfileConfigError("x", { code: "INVALID_ROLE_ARN", profile: "r", chain: ["r"] });
    const plain = new Error("not ours");
    expect(await withProfileFileNotes(other, {}, locations, { readFile: read })).toBe(other);
    expect(await withProfileFileNotes(plain, {}, locations, { readFile: read })).toBe(plain);
    expect(reads).toBe(0);
  });
});
