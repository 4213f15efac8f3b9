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

  it.each([
    [["exec", "--server", "--", "env"], true],
    [["exec", "--no-server", "env"], false],
    [["exec", "env", "--server"], undefined],
  ])("reads exec's server switch from %j", (argv, server) => {
    const command = parseArgs(argv);
    expect(command).toMatchObject({ kind: "exec", command: "env" });
    expect((command as { server?: boolean }).server).toBe(server);
  });

  it("reads serve's options", () => {
    expect(parseArgs(["serve", "-p", "admin"])).toEqual({ kind: "serve", profile: "admin", format: "env", lazy: false, noCache: false });
    expect(parseArgs(["serve", "-p", "admin", "--lazy", "--port", "9911", "-f", "dotenv"])).toEqual({
      kind: "serve",
      profile: "admin",
      format: "dotenv",
      lazy: true,
      port: 9911,
      noCache: false,
    });
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
