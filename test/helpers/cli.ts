// Runs the kpi command as a user runs it, in a child process from the project root.
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = new URL("../..", import.meta.url).pathname;

export interface KpiRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function kpi(args: string[], env: Record<string, string> = {}): Promise<KpiRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "loaders/cli.ts", ...args], { cwd: ROOT, maxBuffer: 64 << 20, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as KpiRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
