// The --help texts: the overview and one text per command. Plain strings, so tests can pin them.
import { DEFAULT_REGION } from "../resolve/sts-region.js";
import type { CommandName } from "./parse-args.js";

const COMMON = `
Options of every command:
  -p, --profile NAME          the profile to resolve (default: AWS_PROFILE, else "default")
      --region REGION         the STS region (default: the profile's region, else AWS_REGION, else ${DEFAULT_REGION})
      --no-cache              neither read nor write the AWS CLI session cache (~/.aws/cli/cache)
      --duration-seconds N    session length of the outermost role, 900-43200 (overrides duration_seconds)
      --debug                 write how the credentials are resolved to stderr (never a secret)
      --mfa-session[=SECONDS] one MFA code per MFA session: GetSessionToken once, roles assumed from it
                              (default 43200; 900-129600; =off to turn off, =renew for a new session now)
  -h, --help                  show this help
`;

const EXIT = `
Exit status: 0 success, 1 the credentials could not be resolved, 2 usage error.
`;

export const OVERVIEW = `Usage: aws-profile-credentials <command> [options]

Resolves an AWS profile like the AWS CLI (role_arn with source_profile or credential_source, web
identity, role chains, MFA) and hands the credentials to any tool.

Commands:
  export              print the credentials as shell statements: eval "$(aws-profile-credentials export -p admin)"
  exec -- CMD [ARGS]  run CMD with the credentials in its environment (--server: from a local endpoint)
  serve               serve the credentials on 127.0.0.1 for other terminals and containers
  credential-process  print credential_process JSON: credential_process = aws-profile-credentials credential-process -p admin
  explain             show how a profile is resolved and which sessions are cached (no STS call)
  whoami              show the account, ARN and user id of the profile's credentials
  logout              end the profile's MFA session (remove its cache file); --all: its role sessions too
  list                list every profile: kind, source, MFA device, cached role session (no STS call)

Run "aws-profile-credentials <command> --help" for the options of a command, and
"aws-profile-credentials --version" (-v) for the version and the supported Node.js versions.
${COMMON}${EXIT}`;

export const COMMAND_USAGE: Record<CommandName, string> = {
  export: `Usage: aws-profile-credentials export [--format FORMAT] [options]

Prints statements that set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
AWS_CREDENTIAL_EXPIRATION and (when known) AWS_REGION, and remove AWS_PROFILE.

  -f, --format FORMAT   env (default): POSIX shells      eval "$(aws-profile-credentials export -p admin)"
                        fish                             aws-profile-credentials export -p admin -f fish | source
                        powershell                       aws-profile-credentials export -p admin -f powershell | Out-String | Invoke-Expression
                        cmd                              for /f "delims=" %i in ('aws-profile-credentials export -p admin -f cmd') do %i
                        dotenv: NAME='value' lines       aws-profile-credentials export -p admin -f dotenv > .env
                        json: an object of the variables
${COMMON}${EXIT}`,
  exec: `Usage: aws-profile-credentials exec [--server | --no-server] [options] [--] CMD [ARGS...]

Runs CMD with the credentials in its environment and AWS_PROFILE removed. Exits with CMD's exit
status (128 + the signal number when a signal ended it, 127 when CMD is not found).

      --server      give CMD a credential endpoint instead of keys: AWS_CONTAINER_CREDENTIALS_FULL_URI
                    and AWS_CONTAINER_AUTHORIZATION_TOKEN, served from this process while CMD runs, so its
                    SDKs and the AWS CLI renew credentials by themselves however long it runs. CMD gets no
                    AWS keys, no AWS_PROFILE, and AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE point at
                    an empty file (the null device), so that no profile in your files wins over the endpoint.
      --no-server   static keys (the default), even when AWS_PROFILE_CREDENTIALS_EXEC_SERVER=on

SIGINT and SIGQUIT are not passed on (the terminal sends them to CMD itself); SIGTERM and SIGHUP are.
exec always waits for CMD to end.

Example: aws-profile-credentials exec -p admin -- aws s3 ls
         aws-profile-credentials exec --server -p admin -- terraform apply
${COMMON}${EXIT}`,
  serve: `Usage: aws-profile-credentials serve [--format FORMAT] [--lazy] [--port N] [options]

Serves the profile's credentials on 127.0.0.1 (the container credentials protocol every AWS SDK and
the AWS CLI speak) until Ctrl-C or SIGTERM, and prints the variables that point a process at it:
AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN (the only guard: keep it
secret), AWS_REGION when known, AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE set to the null
device, and removes AWS keys and profile variables.

  -f, --format FORMAT   env (default), fish, powershell, cmd, dotenv or json, as for export
      --lazy            resolve at the first request instead of before printing (a profile that needs
                        an MFA code should not be lazy: SDKs wait only a few seconds for the answer)
      --port N          listen on this port (default: a free one)

Example: aws-profile-credentials serve -p admin            # then, in another terminal, paste the exports
         docker run --network host -e AWS_CONTAINER_CREDENTIALS_FULL_URI -e AWS_CONTAINER_AUTHORIZATION_TOKEN ...
${COMMON}${EXIT}`,
  "credential-process": `Usage: aws-profile-credentials credential-process [options]

Prints the credentials as credential_process JSON (Version 1, with Expiration), so that any AWS SDK
or tool can use the profile. In ~/.aws/config:

  [profile admin-for-tools]
  credential_process = aws-profile-credentials credential-process --profile admin

(with the command installed globally, npm install -g aws-profile-credentials, or its absolute path:
the line runs from whatever directory the tool happens to be in.)

A credential_process that leads back to the profile it is resolving fails with CREDENTIAL_PROCESS_LOOP.
${COMMON}${EXIT}`,
  explain: `Usage: aws-profile-credentials explain [--json] [options]

Shows the resolution plan of a profile (each step: kind, role ARN, source, mfa_serial, external_id,
session name, duration) and, for each role, whether a cached session exists and how long it stays
usable. Never calls STS and never prints a secret.

      --json   print the plan as JSON
${COMMON}${EXIT}`,
  whoami: `Usage: aws-profile-credentials whoami [--json] [options]

Resolves the profile and calls STS GetCallerIdentity: prints the account, ARN and user id.

      --json   print the identity as JSON (UserId, Account, Arn)
${COMMON}${EXIT}`,
  logout: `Usage: aws-profile-credentials logout [--all] [options]

Ends the MFA session of the profile's chain (see --mfa-session) by removing its file from the cache
directory, so the next use asks for a new MFA code. Calls no STS.

      --all    also remove the cached role sessions of the profile's chain (the AWS CLI's too)
${COMMON}${EXIT}`,
  list: `Usage: aws-profile-credentials list [--json] [options]

Lists every profile of the config and credentials files: its kind (role, static, SSO, process, web
identity, ...), its source (source_profile, credential_source or token file), its MFA device and, for a
role, how long its cached session stays usable. Never calls STS and never prints a secret.

      --json   print the list as JSON
${COMMON}${EXIT}`,
};
