// Builds the Framework site from the extracts `kpi build` wrote, then finishes the pages Framework wrote (finishPages)
// and puts the extracts themselves at stable addresses (/downloads/<file>, copyDownloads).
//
// Finishing the pages puts Framework's own chrome in Japanese and makes it accessible, where its configuration cannot:
// - <html lang="ja"> (Framework writes no lang; screen readers and font selection need it);
// - a skip link 「本文へ移動」 as the first focusable element, to <main id="observablehq-main"> (made focusable);
// - the viewport meta without maximum-scale=1, which stops people zooming a phone's page (axe: meta-viewport);
// - the sidebar toggle named in Japanese (aria-label), the sidebar's close control inside a list item (an <ol> holds
//   only <li>), and the two <nav>s named (サイト内のページ, 目次);
// - in Framework's client bundle, the sidebar toggle's title ("Toggle sidebar") and the code blocks' copy button's
//   ("Copy code") in Japanese.
// The table of contents' label is configuration (observablehq.config.ts, toc.label). Each rewrite fails the build when
// what it rewrites is not found, so a Framework upgrade that changes its markup is noticed, not silently left English.
//
// The build is
// - atomic: Framework writes into a staging directory beside dist/, which replaces dist/ as a whole once complete
//   (a build killed at any moment leaves the previous site); a lock stops a second build of the same dist/, and the
//   build holds out/'s lock too, so that no `kpi build` replaces the extracts while the data loaders read them;
// - reproducible: the times Framework embeds (each FileAttachment's lastModified, from file modification times) are
//   the build time of loaders/build.ts (SOURCE_DATE_EPOCH, else the last commit), so one commit gives one dist/;
// - hermetic: the libraries Framework's client bundle names are pinned (scripts/npm-pins.ts), and the build has no
//   network: any request it makes fails it, naming the URL.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { delimiter, join, relative, resolve } from "node:path";
import { build as observableBuild, FileBuildEffects } from "@observablehq/framework/dist/build.js";
import { readConfig, setCurrentDate } from "@observablehq/framework/dist/config.js";
import { buildEpoch } from "../loaders/build.ts";
import { acquireLock, replaceDir } from "../loaders/publish/replace-dir.ts";
import { siteOutDir } from "../loaders/publish/site/arrow.ts";
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

/** The skip link every page starts with: the first thing the Tab key reaches. */
export const SKIP_LINK = '<a class="skip-link" href="#observablehq-main">本文へ移動</a>';

/** Framework's English in its client bundle (_observablehq/client.*.js), and what it says in Japanese. */
export const CLIENT_TEXT: [english: string, japanese: string][] = [
  ["`Toggle sidebar ${", "`サイドバーの開閉 ${"],
  ['title="Copy code"', 'title="コードをコピー"'],
];

/** One rewrite of a page: what it looks for, what it puts instead, and whether every page must have it. */
interface PageRewrite {
  find: RegExp;
  replace: string;
  required: boolean;
}

const PAGE_REWRITES: PageRewrite[] = [
  { find: /<html(?![^>]*\blang=)/, replace: '<html lang="ja"', required: true },
  { find: /(<meta name="viewport" content="[^"]*?),\s*maximum-scale=1(")/, replace: "$1$2", required: true },
  { find: /<body>\n?/, replace: `<body>\n${SKIP_LINK}\n`, required: true },
  {
    find: /<input id="observablehq-sidebar-toggle" type="checkbox" title="Toggle sidebar">/,
    replace: '<input id="observablehq-sidebar-toggle" type="checkbox" title="サイドバーの開閉" aria-label="サイドバーの開閉">',
    required: true,
  },
  { find: /<nav id="observablehq-sidebar">/, replace: '<nav id="observablehq-sidebar" aria-label="サイト内のページ">', required: true },
  {
    find: /(<ol>\s*)(<label id="observablehq-sidebar-close" for="observablehq-sidebar-toggle"><\/label>)/,
    replace: '$1<li class="sidebar-close-item">$2</li>',
    required: true,
  },
  { find: /(<aside id="observablehq-toc"[^>]*>\s*)<nav>/, replace: '$1<nav aria-label="目次">', required: false },
  { find: /<main id="observablehq-main" class="observablehq">/, replace: '<main id="observablehq-main" class="observablehq" tabindex="-1">', required: true },
];

/** A page finished (see the head of this file); throws naming the page and the rewrite when a required one finds nothing. */
export function finishPage(html: string, name = "page"): string {
  let out = html;
  for (const { find, replace, required } of PAGE_REWRITES) {
    if (!find.test(out)) {
      if (required) throw new Error(`build-site: ${name}: Framework's markup has changed, no match for ${find} (scripts/build-site.ts PAGE_REWRITES)`);
      continue;
    }
    out = out.replace(find, replace);
  }
  return out;
}

/** Finishes every page of the built site and Framework's client bundle; returns the number of pages. */
function finishPages(dir: string): number {
  let pages = 0;
  for (const path of htmlFiles(dir)) {
    writeFileSync(path, finishPage(readFileSync(path, "utf8"), relative(dir, path)));
    pages++;
  }
  const bundles = readdirSync(join(dir, "_observablehq")).filter((f) => /^client\.[0-9a-f]+\.js$/.test(f));
  if (bundles.length !== 1) throw new Error(`build-site: expected one _observablehq/client.*.js, found ${bundles.length}`);
  const bundle = join(dir, "_observablehq", bundles[0]!);
  let code = readFileSync(bundle, "utf8");
  for (const [english, japanese] of CLIENT_TEXT) {
    if (!code.includes(english)) throw new Error(`build-site: ${bundles[0]}: Framework's client has changed, ${english} not found (scripts/build-site.ts CLIENT_TEXT)`);
    code = code.replaceAll(english, japanese);
  }
  writeFileSync(bundle, code);
  return pages;
}

/** Where the extracts are downloaded from: /downloads/<file name>, the same bytes as out/. */
export const DOWNLOADS_DIR = "downloads";

/** The files of out/ that are published: each table's .parquet, .csv and .excel.csv, datapackage.json, the extraction report. */
export function isDownload(name: string): boolean {
  return /\.(parquet|csv)$/.test(name) || name === "datapackage.json" || /^extraction_report\.(json|txt)$/.test(name);
}

/** Copies the extracts of `outDir` into `<siteDir>/downloads/`; returns the file names, sorted. */
function copyDownloads(outDir: string, siteDir: string): string[] {
  const target = join(siteDir, DOWNLOADS_DIR);
  if (existsSync(target)) throw new Error(`build-site: the site has a ${DOWNLOADS_DIR}/ of its own; it is where the extracts go`);
  const files = readdirSync(outDir).filter((f) => isDownload(f) && statSync(join(outDir, f)).isFile()).sort();
  if (!files.includes("datapackage.json")) throw new Error(`build-site: ${outDir} has no datapackage.json: run \`npm run -s kpi -- build\` first`);
  mkdirSync(target);
  for (const f of files) copyFileSync(join(outDir, f), join(target, f));
  return files;
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
        copyDownloads(outDir, staging);
        return finishPages(staging);
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
    process.stderr.write(`build-site: ${pages} pages in ${dist}, lang="ja", extracts in ${DOWNLOADS_DIR}/\n`);
  } catch (error) {
    process.stderr.write(`build-site: error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
