// Builds the site once for the browser tests, from the real sources plus a test-only curation row that plants
// markup and script in every text field, and serves it on 127.0.0.1.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite } from "./build-site.ts";
import { serveStatic } from "./server.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "kpi-site-"));
  const curation = join(dir, "curation");
  mkdirSync(curation);
  for (const f of readdirSync(join(ROOT, "data/curation")).filter((f) => f.endsWith(".csv"))) copyFileSync(join(ROOT, "data/curation", f), join(curation, f));
  copyFileSync(join(ROOT, "test/fixtures/hostile_curation.csv"), join(curation, "zz_hostile_test_only.csv"));
  const out = join(dir, "out");
  const dist = join(dir, "dist");
  execFileSync(process.execPath, ["--import", "tsx", "loaders/cli.ts", "build", "--out", out, "--curation", curation], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  buildSite(out, dist);
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
