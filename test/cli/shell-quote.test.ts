// The quoters against the shells themselves: each awkward value, quoted and evaluated by every installed
// POSIX shell, must come back byte for byte. cmd.exe and .env output
// are checked against their expected text.
import { describe, expect, it } from "vitest";
import { formatExport } from "../../src/cli/export-command.js";
import { quoteCmdSet, quoteDotenv, quoteFish, quotePowerShell, quoteSh, UnquotableValueError } from "../../src/cli/shell-quote.js";
import { runChecked as run, succeeds } from "../support/run-node.js";

const NASTY = [
  "",
  "plain",
  "it's",
  "''",
  `"double" and 'single'`,
  "$HOME ${HOME} $(id) `id`",
  "back\\slash\\\\ and \\'",
  "new\nline\n",
  "tab\tcr\r",
  "* ? [a-z] ~root {a,b}",
  "; & | < > ( ) #",
  "!bang !! ^caret %PATH%",
  " leading and trailing ",
  "-n",
  "--",
  "café ☃ 🚀",
  "\u0001\u001b[31mescape",
  "‘curly’ ‚low‛",
];

const installed = (shell: string) => succeeds(shell, ["-c", "exit 0"]);
const POSIX_SHELLS = ["sh", "bash", "dash", "zsh", "ksh"].filter(installed);

describe(quoteSh.name, () => {
  it("is tested with at least sh", () => {
    expect(POSIX_SHELLS).toContain("sh");
  });

  it.each(POSIX_SHELLS)("round-trips every awkward value through %s", async (shell) => {
    const script = NASTY.map((value) => `V=${quoteSh(value)}; printf '%s\\0' "$V"`).join("\n");
    const { stdout } = await run(shell, ["-c", script]);
    expect(stdout.split("\0").slice(0, -1)).toEqual(NASTY);
  });

  it.each(POSIX_SHELLS)("survives eval \"$(export ...)\" in %s", async (shell) => {
    for (const value of NASTY) {
      const text = formatExport({ set: [["AWS_SECRET_ACCESS_KEY", value]], unset: ["AWS_PROFILE"] }, "env");
      const { stdout } = await run(shell, ["-c", `eval "$EXPORT_TEXT"; printf '%s' "$AWS_SECRET_ACCESS_KEY"; printf '|%s' "\${AWS_PROFILE-unset}"`], {
        env: { EXPORT_TEXT: text, AWS_PROFILE: "p", PATH: process.env.PATH },
      });
      // $(...) drops trailing newlines of the whole output only: the last line is the unset.
      expect(stdout).toBe(`${value}|unset`);
    }
  });
});

describe(quoteFish.name, () => {
  // fish is not on CI machines: decode with fish's documented single-quote rules instead (only \\ and \'
  // are escapes inside '...').
  it("round-trips every awkward value through fish's single-quote rules", () => {
    const unquote = (quoted: string) => quoted.slice(1, -1).replace(/\\([\\'])/g, "$1");
    for (const value of NASTY) {
      const quoted = quoteFish(value);
      expect(quoted).toMatch(/^'([^'\\]|\\['\\])*'$/s);
      expect(unquote(quoted)).toBe(value);
    }
  });

  it("escapes only backslash and single quote", () => {
    expect(quoteFish(`a\\b'c$d"e`)).toBe(`'a\\\\b\\'c$d"e'`);
  });
});

describe(quotePowerShell.name, () => {
  // pwsh is not on CI machines: decode with PowerShell's single-quote rules instead (a doubled quote
  // character of any of the four kinds stands for one; nothing else is special).
  it("round-trips every awkward value through PowerShell's single-quote rules", () => {
    const unquote = (quoted: string) => quoted.slice(1, -1).replace(/(['\u2018\u2019\u201a\u201b])\1/g, "$1");
    for (const value of NASTY) {
      const quoted = quotePowerShell(value);
      expect(quoted.slice(1, -1).replace(/(['\u2018\u2019\u201a\u201b])\1/g, "")).not.toMatch(/['\u2018\u2019\u201a\u201b]/);
      expect(unquote(quoted)).toBe(value);
    }
  });

  it("doubles every kind of single quote and nothing else", () => {
    expect(quotePowerShell("it's ‘x’ ‚y‛ $env:HOME `n \"q\"")).toBe("'it''s ‘‘x’’ ‚‚y‛‛ $env:HOME `n \"q\"'");
  });
});

describe(quoteCmdSet.name, () => {
  it("wraps the assignment in quotes, which protect & | < > ^", () => {
    expect(quoteCmdSet("AWS_SESSION_TOKEN", "a&b|c<d>e^f g/h+i=")).toBe('set "AWS_SESSION_TOKEN=a&b|c<d>e^f g/h+i="');
  });

  it.each(['"', "%PATH%", "!x!", "a\nb", "a\rb"])("refuses %j", (value) => {
    expect(() => quoteCmdSet("X", value)).toThrow(UnquotableValueError);
  });
});

describe(quoteDotenv.name, () => {
  it.each([
    ["plain+/=", "'plain+/='"],
    ['with "double" $x', `'with "double" $x'`],
    ["it's", `"it's"`],
  ])("writes %j as %s", (value, text) => {
    expect(quoteDotenv("X", value)).toBe(text);
  });

  it.each(["a\nb", `it's "both"`, "it's $x"])("refuses %j", (value) => {
    expect(() => quoteDotenv("X", value)).toThrow(UnquotableValueError);
  });
});

describe(formatExport.name, () => {
  const variables = { set: [["AWS_ACCESS_KEY_ID", "ASIAX"], ["AWS_REGION", "eu-west-1"]] as [string, string][], unset: ["AWS_PROFILE"] };

  it.each([
    ["env", "export AWS_ACCESS_KEY_ID='ASIAX'\nexport AWS_REGION='eu-west-1'\nunset AWS_PROFILE\n"],
    ["fish", "set -gx AWS_ACCESS_KEY_ID 'ASIAX';\nset -gx AWS_REGION 'eu-west-1';\nset -e AWS_PROFILE;\n"],
    ["powershell", "$Env:AWS_ACCESS_KEY_ID = 'ASIAX'\n$Env:AWS_REGION = 'eu-west-1'\nRemove-Item -Path Env:AWS_PROFILE -ErrorAction SilentlyContinue\n"],
    ["cmd", 'set "AWS_ACCESS_KEY_ID=ASIAX"\nset "AWS_REGION=eu-west-1"\nset AWS_PROFILE=\n'],
    ["dotenv", "AWS_ACCESS_KEY_ID='ASIAX'\nAWS_REGION='eu-west-1'\n"],
    ["json", '{\n  "AWS_ACCESS_KEY_ID": "ASIAX",\n  "AWS_REGION": "eu-west-1"\n}\n'],
  ] as const)("writes the %s format", (format, text) => {
    expect(formatExport(variables, format)).toBe(text);
  });
});
