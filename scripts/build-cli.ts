// Compiles the CLI to JavaScript, loaders/ → compiled/ (tsconfig.build.json), so that `kpi` starts without compiling
// TypeScript on every run (bin/kpi.js). Run by `npm ci` / `npm install` (prepare) and `npm run build`. The files that
// are not TypeScript (SQL, tables, the worker's entry) are copied beside the modules that read them. compiled/.built
// is written last, dated when the compilation started: bin/kpi.js runs compiled/ only while no file of loaders/ is
// newer, and otherwise the TypeScript itself through tsx.
import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;
const SOURCES = join(ROOT, "loaders");
const COMPILED = join(ROOT, "compiled");
/** The stamp bin/kpi.js compares with the sources' modification times. */
const STAMP = join(COMPILED, ".built");

/** The TypeScript compiler's command, or null when TypeScript (a devDependency) is not installed. */
function tscPath(): string | null {
  try {
    return createRequire(import.meta.url).resolve("typescript/bin/tsc");
  } catch {
    return null;
  }
}

/** Copies every file under loaders/ that is not TypeScript into the same place under compiled/. */
function copyAssets(): number {
  const assets = readdirSync(SOURCES, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.endsWith(".ts"));
  for (const entry of assets) {
    const target = join(COMPILED, relative(SOURCES, join(entry.parentPath, entry.name)));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(entry.parentPath, entry.name), target);
  }
  return assets.length;
}

/** Compiles loaders/ into a fresh compiled/ and stamps it; the exit status. */
function buildCli(): number {
  const tsc = tscPath();
  if (!tsc) {
    process.stderr.write("build-cli: TypeScript is not installed (npm install without --omit=dev); kpi runs through tsx\n");
    return 0;
  }
  const started = new Date();
  rmSync(COMPILED, { recursive: true, force: true });
  const { status } = spawnSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { stdio: "inherit" });
  if (status !== 0) {
    rmSync(COMPILED, { recursive: true, force: true });
    process.stderr.write("build-cli: tsc failed; kpi runs through tsx\n");
    return status ?? 1;
  }
  const assets = copyAssets();
  if (!existsSync(join(COMPILED, "cli.js"))) throw new Error("build-cli: tsc wrote no compiled/cli.js");
  closeSync(openSync(STAMP, "w"));
  utimesSync(STAMP, started, started);
  process.stderr.write(`build-cli: compiled loaders/ to compiled/ (${assets} other files copied)\n`);
  return 0;
}

process.exitCode = buildCli();
