// Builds the site once for the browser tests, from the real sources plus a test-only curation row that plants
// markup and script in every text field, and serves it on 127.0.0.1. Builds are serialized with a lock, because
// Framework keeps its loader cache in src/.observablehq/cache.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { serveStatic } from "./server.ts";

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

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "kpi-site-"));
  const curation = join(dir, "curation");
  mkdirSync(curation);
  for (const f of readdirSync(join(ROOT, "data/curation")).filter((f) => f.endsWith(".csv"))) copyFileSync(join(ROOT, "data/curation", f), join(curation, f));
  copyFileSync(join(ROOT, "test/fixtures/hostile_curation.csv"), join(curation, "zz_hostile_test_only.csv"));
  const out = join(dir, "out");
  const dist = join(dir, "dist");
  const env = { ...process.env, KPI_OUT_DIR: out, KPI_SITE_DIR: dist, OBSERVABLE_TELEMETRY_DISABLE: "true" };
  execFileSync(process.execPath, ["--import", "tsx", "loaders/cli.ts", "build", "--out", out, "--curation", curation], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  withLock(() => {
    rmSync(join(ROOT, "src/.observablehq/cache"), { recursive: true, force: true });
    execFileSync(process.execPath, ["--import", "tsx", "scripts/build-site.ts"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
    // leave no test data in the cache for the next `npm run build` or preview
    rmSync(join(ROOT, "src/.observablehq/cache"), { recursive: true, force: true });
  });
  const server = await serveStatic(dist);
  project.provide("siteUrl", server.url);
  project.provide("siteOut", out);
  return async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    siteOut: string;
  }
}
