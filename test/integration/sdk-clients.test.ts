// Real AWS SDK clients use the provider as their `credentials`, against the local STS emulator.
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { Signer } from "@aws-sdk/rds-signer";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRole, role, startRoleWorld, type RoleWorld } from "../support/role-world.js";

let world: RoleWorld;

beforeAll(async () => {
  world = await startRoleWorld({ roles: [openRole("Admin")] });
  await world.config(`[profile admin]\nrole_arn = ${role("Admin")}\nsource_profile = base\nregion = eu-west-1\n`);
});
afterAll(() => world.close());

describe("as the credentials of SDK clients", () => {
  it("makes STSClient GetCallerIdentity answer with the assumed role", async () => {
    const credentials = world.provider({ profile: "admin" });
    const client = new STSClient({ endpoint: world.sts.endpoint, region: "eu-west-1", credentials });
    const identity = await client.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/Admin\/aws-sdk-js-\d+$/);
    const assumed = world.sts.callsTo("AssumeRole")[0]!;
    expect(world.sts.callsTo("GetCallerIdentity").at(-1)?.signedBy).toBe(assumed.issuedAccessKeyId);
  });

  it("signs a presigned S3 URL with the assumed access key", async () => {
    const credentials = world.provider({ profile: "admin" });
    const s3 = new S3Client({ region: "eu-west-1", credentials, endpoint: "http://127.0.0.1:9", forcePathStyle: true });
    const url = new URL(await getSignedUrl(s3, new GetObjectCommand({ Bucket: "b", Key: "k" }), { expiresIn: 60 }));
    const credential = url.searchParams.get("X-Amz-Credential")!;
    const issued = world.sts.callsTo("AssumeRole").at(-1)!.issuedAccessKeyId!;
    expect(credential.split("/")[0]).toBe(issued);
    expect(issued).toMatch(/^ASIA/);
    expect(url.searchParams.get("X-Amz-Security-Token")).toBeTruthy();
  });

  it("builds an RDS IAM auth token with the assumed access key", async () => {
    const signer = new Signer({
      hostname: "db.example.internal",
      port: 5432,
      username: "app",
      region: "eu-west-1",
      credentials: world.provider({ profile: "admin" }),
    });
    const token = await signer.getAuthToken();
    const query = new URL(`https://${token}`).searchParams;
    expect(query.get("X-Amz-Credential")!.split("/")[0]).toBe(world.sts.callsTo("AssumeRole").at(-1)!.issuedAccessKeyId);
  });
});
