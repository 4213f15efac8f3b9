// parseArgs(): the Command each command line becomes (the usage errors are in run.test.ts).
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/parse-args.js";

describe(parseArgs.name, () => {
  it.each([
    [["exec", "-p", "dev", "--", "ls", "-la"], { command: "ls", args: ["-la"], profile: "dev" }],
    [["exec", "-p", "dev", "ls", "-la", "--profile", "x"], { command: "ls", args: ["-la", "--profile", "x"], profile: "dev" }],
    [["exec", "--no-cache", "--", "--weird-name"], { command: "--weird-name", args: [], noCache: true }],
    [["exec", "--", "sh", "-c", "exit 3", "--"], { command: "sh", args: ["-c", "exit 3", "--"] }],
  ])("takes exec's command from %j", (argv, expected) => {
    expect(parseArgs(argv)).toMatchObject({ kind: "exec", ...expected });
  });

  it("reads the common options of every command", () => {
    expect(parseArgs(["whoami", "--profile=p", "--region", "eu-west-1", "--no-cache", "--duration-seconds", "900", "--json", "--debug"])).toEqual({
      kind: "whoami",
      profile: "p",
      region: "eu-west-1",
      noCache: true,
      durationSeconds: 900,
      json: true,
      debug: true,
    });
    expect(parseArgs(["export"])).toEqual({ kind: "export", format: "env", noCache: false });
    expect(parseArgs(["credential-process", "-p", "x"])).toEqual({ kind: "credential-process", profile: "x", noCache: false });
  });
});
