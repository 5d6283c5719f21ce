// Runs the kpi command for the tests: `kpi` in the test's own process through the CLI's exported `main` (fast, and
// what most tests need), `kpiProcess` as a user runs it, bin/kpi.js in a child process (for exit by signal, a kill
// mid-build, or a working directory of its own).
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { main } from "../../loaders/cli.ts";

export const ROOT = new URL("../..", import.meta.url).pathname;
/** The command a user runs: it takes the compiled CLI when it is fresh, else the TypeScript through tsx. */
export const KPI_BIN = `${ROOT}bin/kpi.js`;

export interface KpiRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `kpi args` in this process with `env` added to the environment for the run, and returns its exit status and
 * what it wrote. An exception that would end the process is exit status 1 with its stack on stderr, as node shows it.
 */
export async function kpi(args: string[], env: Record<string, string> = {}): Promise<KpiRun> {
  let stdout = "";
  let stderr = "";
  const io = { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } };
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  try {
    const code = await main(args, io);
    return { code, stdout, stderr };
  } catch (error) {
    return { code: 1, stdout, stderr: stderr + `${(error as Error).stack ?? error}\n` };
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Starts bin/kpi.js in a child process, from the project root unless options say otherwise. */
export function kpiProcess(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [KPI_BIN, ...args], { cwd: ROOT, ...options });
}

/** How a child process ended, and what it wrote to stdout and stderr (when they were piped). */
export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output until it ends. */
export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (text: string) => (stdout += text));
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  return new Promise((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}
