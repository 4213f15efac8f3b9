// Runs node asynchronously and collects its output. Tests that start the STS emulator in their own
// process must never spawn synchronously: the emulator could not answer and both would wait forever.
import { spawn } from "node:child_process";

export interface NodeRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    // Detached (setsid): no controlling terminal, so no MFA prompt on /dev/tty when tests run in a terminal.
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
