// Builds the Framework site from the extracts `kpi build` wrote, then marks every page as Japanese: Framework writes
// <html> without a lang attribute, and screen readers and font selection need lang="ja".
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = new URL("../", import.meta.url).pathname;
const dist = process.env.KPI_SITE_DIR || join(ROOT, "dist");

execFileSync(join(ROOT, "node_modules/.bin/observable"), ["build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, OBSERVABLE_TELEMETRY_DISABLE: "true" } });

function* htmlFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* htmlFiles(path);
    else if (name.endsWith(".html")) yield path;
  }
}

let pages = 0;
for (const path of htmlFiles(dist)) {
  const html = readFileSync(path, "utf8");
  const marked = html.replace(/<html(?![^>]*\blang=)/, '<html lang="ja"');
  if (marked !== html) writeFileSync(path, marked);
  pages++;
}
process.stderr.write(`build-site: ${pages} pages in ${dist}, lang="ja"\n`);
