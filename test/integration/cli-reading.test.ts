// Profile files read as the AWS CLI reads them, through the whole provider: real files, the real SDK STS
// client and the emulator on 127.0.0.1 (docs/semantics.md §2.5, §3.7; issue 11). A mixed-case profile makes
// the same STS calls as its lower-case twin; reading differences on the chain are warned once per file
// and case; AWS_EC2_METADATA_DISABLED stops an instance-metadata source before any connection.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isProfileCredentialsError } from "../../src/errors.js";
import { BASE, MFA_SERIAL, openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;

beforeEach(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Top")] });
});
afterEach(() => world.close());

const profileText = (upper: boolean) => {
  const k = (key: string) => (upper ? key.split("_").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("_") : key);
  return (
    `[profile top]\n${k("role_arn")} = ${role("Top")}\n${k("source_profile")} = mid\n${k("role_session_name")} = alice\n${k("region")} = eu-west-1\n` +
    `[profile mid]\n${k("role_arn")} = ${role("Admin")}\n${k("source_profile")} = base\n${k("mfa_serial")} = ${MFA_SERIAL}\n` +
    `${k("duration_seconds")} = 3600\n${k("external_id")} = ext-42\n`
  );
};
const credentialsText = (upper: boolean) =>
  upper
    ? `[base]\nAWS_ACCESS_KEY_ID = ${BASE.accessKeyId}\nAws_Secret_Access_Key = ${BASE.secretAccessKey}\n`
    : `[base]\naws_access_key_id = ${BASE.accessKeyId}\naws_secret_access_key = ${BASE.secretAccessKey}\n`;

/** Each AssumeRole as the emulator saw it, with the generated parts left out. */
async function stsCallsFor(upper: boolean) {
  await world.config(profileText(upper));
  await world.credentials(credentialsText(upper));
  const codes = ["123456"];
  const credentials = await world.provider({ profile: "top", mfaCodeProvider: async () => codes.shift() as string })();
  return {
    credentials: { accessKeyId: credentials.accessKeyId.slice(0, 4), expiration: typeof credentials.expiration },
    calls: world.sts.callsTo("AssumeRole").map((call) => ({ signedBy: call.signedBy?.slice(0, 4), region: call.region, params: call.params })),
  };
}

describe("reading the files as the AWS CLI does", () => {
  it("resolves a profile with mixed-case keys with the same STS calls as its lower-case twin (behaviour 1)", async () => {
    const lower = await stsCallsFor(false);
    await world.close();
    world = await startRoleWorld({ roles: [openRole("Admin"), openRole("Top")] });
    const upper = await stsCallsFor(true);
    expect(lower.calls).toHaveLength(2);
    expect(lower.calls[0]!.params).toMatchObject({ RoleArn: role("Admin"), ExternalId: "ext-42", SerialNumber: MFA_SERIAL, DurationSeconds: "3600" });
    expect(lower.calls[1]!.params).toMatchObject({ RoleArn: role("Top"), RoleSessionName: "alice" });
    const generated = (calls: typeof lower.calls) => calls.map(({ params: { RoleSessionName, TokenCode, ...rest }, ...call }) => ({ ...call, rest, named: RoleSessionName === "alice" }));
    expect(generated(upper.calls)).toEqual(generated(lower.calls));
    expect(upper.credentials).toEqual(lower.credentials);
    expect(upper.calls.map((call) => call.region)).toEqual(["eu-west-1", "eu-west-1"]);
    expect(world.log.lines.warn).toEqual([]);
  });

  it("warns once per file and case where the CLI reads a value on the chain differently, and not for others (behaviour 5)", async () => {
    await world.config(
      `[profile r]\nrole_arn = ${role("Top")} # prod\nsource_profile = base ; keys\nRole_Arn = ${role("Top")}\nregion = eu-west-1\n` +
        `[profile other]\nregion = eu-west-1 # elsewhere\n`,
    );
    const provider = world.provider({ profile: "r" });
    await provider();
    await provider({ forceRefresh: true });
    const warnings = world.log.lines.warn;
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("line 2: the value of \"role_arn\" in profile \"r\" is followed by an inline comment");
    expect(warnings[0]).toContain("line 3: the value of \"source_profile\"");
    expect(warnings[0]).not.toContain("line 7");
    expect(warnings[1]).toContain("line 4: \"Role_Arn\" sets \"role_arn\" of profile \"r\" a second time (first on line 2)");
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(2);
  });
});

describe("AWS_EC2_METADATA_DISABLED (behaviour 4)", () => {
  let server: Server;
  let requests = 0;
  const saved = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  beforeEach(async () => {
    requests = 0;
    server = createServer((_req, res) => {
      requests += 1;
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // The SDK's fromInstanceMetadata reads its endpoint from the process environment.
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = saved;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each(["true", "TRUE", "True"])("credential_source = Ec2InstanceMetadata with AWS_EC2_METADATA_DISABLED=%s fails at once, with no request", async (value) => {
    await world.config(`[profile r]\nrole_arn = ${role("Top")}\ncredential_source = Ec2InstanceMetadata\n`);
    world.env.AWS_EC2_METADATA_DISABLED = value;
    const error = await world.provider({ profile: "r" })().catch((e: unknown) => e);
    expect(isProfileCredentialsError(error)).toBe(true);
    expect(error).toMatchObject({ code: "EC2_METADATA_DISABLED", profile: "r", chain: ["r"], tryNextLink: false });
    expect((error as Error).message).toContain("Error when retrieving credentials from Ec2InstanceMetadata");
    expect((error as Error).message).toContain("AWS_EC2_METADATA_DISABLED is true");
    expect(requests).toBe(0);
    expect(world.sts.callsTo("AssumeRole")).toHaveLength(0);
  });

  it("without it, the same profile asks the metadata server (the request counter works)", async () => {
    await world.config(`[profile r]\nrole_arn = ${role("Top")}\ncredential_source = Ec2InstanceMetadata\n`);
    world.env.AWS_EC2_METADATA_DISABLED = "false";
    const error = await world.provider({ profile: "r" }, {})().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SOURCE_CREDENTIALS_UNAVAILABLE" });
    expect(requests).toBeGreaterThan(0);
  });
});
