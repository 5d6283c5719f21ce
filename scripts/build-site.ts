// Builds the Framework site from the extracts `kpi build` wrote, then marks every page as Japanese: Framework writes
// <html> without a lang attribute, and screen readers and font selection need lang="ja".
//
// The build is
// - atomic: Framework writes into a staging directory beside dist/, which replaces dist/ as a whole once complete
//   (a build killed at any moment leaves the previous site); a lock stops a second build of the same dist/, and the
//   build holds out/'s lock too, so that no `kpi build` replaces the extracts while the data loaders read them;
// - reproducible: the times Framework embeds (each FileAttachment's lastModified, from file modification times) are
//   the build time of loaders/build.ts (SOURCE_DATE_EPOCH, else the last commit), so one commit gives one dist/;
// - hermetic: the libraries Framework's client bundle names are pinned (scripts/npm-pins.ts), and the build has no
//   network: any request it makes fails it, naming the URL.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join, relative, resolve } from "node:path";
import { build as observableBuild, FileBuildEffects } from "@observablehq/framework/dist/build.js";
import { readConfig, setCurrentDate } from "@observablehq/framework/dist/config.js";
import { buildEpoch } from "../loaders/build.ts";
import { acquireLock, replaceDir } from "../loaders/io/replace-dir.ts";
import { siteOutDir } from "../loaders/site/arrow.ts";
import { pinNpmVersions } from "./npm-pins.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const CACHE = join(ROOT, "src", ".observablehq", "cache");

/** Fails any request made in this process: the site is built from node_modules and out/ alone. */
function forbidNetwork(): void {
  globalThis.fetch = async (input: string | URL | Request) => {
    const url = input instanceof Request ? input.url : String(input);
    throw new Error(`the site build makes no network request, but Framework asked for ${url}: import the library from node_modules, or pin it in scripts/npm-pins.ts (docs/offline-framework.md)`);
  };
}

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith(".html")) yield path;
  }
}

/** Adds lang="ja" to every page's <html>; returns the number of pages. */
function markJapanese(dir: string): number {
  let pages = 0;
  for (const path of htmlFiles(dir)) {
    const html = readFileSync(path, "utf8");
    const marked = html.replace(/<html(?![^>]*\blang=)/, '<html lang="ja"');
    if (marked !== html) writeFileSync(path, marked);
    pages++;
  }
  return pages;
}

/** Builds the site into `siteDir` (replaced as a whole) from the extracts in `outDir`. */
export async function buildSite(siteDir: string, outDir: string): Promise<number> {
  const label = (dir: string) => `${relative(process.cwd(), dir) || dir}/`;
  return replaceDir(
    siteDir,
    async (staging) => {
      const releaseOut = acquireLock(outDir, label(outDir));
      const releaseCache = acquireLock(CACHE, label(CACHE));
      try {
        // Framework re-runs a data loader only when the loader is newer than its cached output: start empty.
        rmSync(CACHE, { recursive: true, force: true });
        pinNpmVersions(ROOT);
        process.env.KPI_SITE_DIR = staging;
        process.env.KPI_OUT_DIR = outDir;
        setCurrentDate(new Date(buildEpoch() * 1000));
        const config = await readConfig(); // observablehq.config.ts in the working directory, ROOT
        const effects = new FileBuildEffects(staging, CACHE);
        effects.prepare = async () => {}; // the staging directory is new and empty
        await observableBuild({ config }, effects);
        return markJapanese(staging);
      } finally {
        rmSync(CACHE, { recursive: true, force: true });
        releaseCache();
        releaseOut();
      }
    },
    { label: label(siteDir) },
  );
}

if (process.argv[1] && resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  process.env.OBSERVABLE_TELEMETRY_DISABLE = "true";
  // Framework runs the .ts data loaders with `tsx`: the lockfile's, whether or not npm put it on the PATH.
  process.env.PATH = [join(ROOT, "node_modules", ".bin"), process.env.PATH].filter(Boolean).join(delimiter);
  process.chdir(ROOT);
  forbidNetwork();
  const dist = resolve(process.env.KPI_SITE_DIR || join(ROOT, "dist"));
  try {
    const pages = await buildSite(dist, resolve(siteOutDir()));
    process.stderr.write(`build-site: ${pages} pages in ${dist}, lang="ja"\n`);
  } catch (error) {
    process.stderr.write(`build-site: error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
