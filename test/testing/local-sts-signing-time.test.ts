// checkSigningTime: the emulator refuses a request signed more than 15 minutes from its clock with STS's
// SignatureDoesNotMatch texts and dates its answers by its clock, so the SDK's clock-skew correction
// (offset from the Date header, then a retry) can be driven; without the option, any signing time passes.
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalSts, type LocalSts } from "../../src/testing/index.js";
import { FakeClock } from "../support/fake-clock.js";
import { ALICE, failureOf, retryingImmediately, stsClient } from "./fixtures.js";

const whoAmI = new GetCallerIdentityCommand({});
const MINUTE = 60_000;
let sts: LocalSts;
afterEach(() => sts.close());

describe("local STS signing time", () => {
  it.each([
    [-20, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/],
    [+20, /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 15 min\.\)$/],
  ])("refuses a request signed %i minutes away with SignatureDoesNotMatch (403)", async (minutes, message) => {
    sts = await startLocalSts({ users: [ALICE] }, { checkSigningTime: true });
    const error = await failureOf(stsClient(sts, ALICE, { maxAttempts: 1, systemClockOffset: minutes * MINUTE }).send(whoAmI));
    expect(error.name).toBe("SignatureDoesNotMatch");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toMatch(message);
  });

  it("accepts 14 minutes of skew, and dates its answers by its own clock", async () => {
    const clock = new FakeClock(Date.UTC(2030, 0, 1, 12, 0, 0));
    sts = await startLocalSts({ users: [ALICE] }, { checkSigningTime: true, clock });
    const offset = clock.now() - Date.now();
    const client = stsClient(sts, ALICE, { maxAttempts: 1, systemClockOffset: offset - 14 * MINUTE });
    await expect(client.send(whoAmI)).resolves.toMatchObject({ Arn: ALICE.arn });
    const response = await fetch(sts.endpoint, { method: "POST", body: "Action=GetCallerIdentity&Version=2011-06-15" });
    expect(response.headers.get("date")).toBe("Tue, 01 Jan 2030 12:00:00 GMT");
  });

  it("lets the SDK correct its clock from the Date header and succeed on its retry", async () => {
    // STS 3 hours ahead of this machine: the SDK signs with the machine's time, learns STS's from the answer.
    sts = await startLocalSts({ users: [ALICE] }, { checkSigningTime: true, clock: { now: () => Date.now() + 180 * MINUTE } });
    const client = stsClient(sts, ALICE, retryingImmediately(3));
    const out = await client.send(whoAmI);
    expect(out.Arn).toBe(ALICE.arn);
    expect(out.$metadata.attempts).toBe(2);
    expect(sts.calls.map((call) => call.outcome)).toEqual(["SignatureDoesNotMatch", "ok"]);
    expect(Math.abs(client.config.systemClockOffset - 180 * MINUTE)).toBeLessThan(MINUTE);
  });

  it("is off by default: any signing time passes", async () => {
    sts = await startLocalSts({ users: [ALICE] });
    await expect(stsClient(sts, ALICE, { maxAttempts: 1, systemClockOffset: -5 * 60 * MINUTE }).send(whoAmI)).resolves.toMatchObject({ Arn: ALICE.arn });
  });
});
