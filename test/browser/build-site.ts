// Builds the Framework site from a directory of extracts into a directory of its own. Builds are serialized with a
// lock, because Framework keeps its loader cache in src/.observablehq/cache; the cache is emptied before and after
// so that no other build's data leaks in or stays behind for the next `npm run build` or preview.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const LOCK = join(ROOT, "node_modules", ".site-build.lock");

function withLock<T>(fn: () => T): T {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${LOCK}: still locked after 10 minutes; remove it if no build is running`);
      execFileSync("sleep", ["1"]);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export function buildSite(outDir: string, siteDir: string, env: Record<string, string> = {}): void {
  const vars = { ...process.env, ...env, KPI_OUT_DIR: outDir, KPI_SITE_DIR: siteDir, OBSERVABLE_TELEMETRY_DISABLE: "true" };
  withLock(() => {
    rmSync(join(ROOT, "src/.observablehq/cache"), { recursive: true, force: true });
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/build-site.ts"], { cwd: ROOT, env: vars, stdio: ["ignore", "ignore", "inherit"] });
    } finally {
      rmSync(join(ROOT, "src/.observablehq/cache"), { recursive: true, force: true });
    }
  });
}
