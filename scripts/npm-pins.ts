// The versions of the libraries Framework's client bundle can import on demand (docs/offline-framework.md, "A
// hermetic build"). Framework names them in _observablehq/client.js and stdlib.js as /_npm/<name>@<version>/ URLs
// and, unless told, asks the npm registry for each one's @latest at every build. It takes the version from a
// directory src/.observablehq/cache/_npm/<name>@<version>/ when one exists, and then makes no request; pinNpmVersions
// creates those directories before the build. Our pages never import these through npm:, so no file of theirs is
// fetched or shipped: what the site ships is bundled from node_modules (the lockfile).
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Every library Framework 1.13's client bundle resolves for this site. A library installed in node_modules takes the
 * lockfile's version (d3 is there as Plot's dependency, not ours: the pages draw with Plot, which bundles the d3
 * modules it uses); the others, which the site never loads, the version written here.
 */
export const FRAMEWORK_NPM_PINS: Readonly<Record<string, string>> = {
  "@observablehq/plot": "lockfile",
  "@observablehq/sample-datasets": "1.0.1",
  "apache-arrow": "lockfile",
  arquero: "8.0.3",
  d3: "lockfile",
  "d3-dsv": "lockfile",
  echarts: "6.1.0",
  htl: "lockfile",
  leaflet: "1.9.4",
  lodash: "4.18.1",
  "mapbox-gl": "3.32.0",
  "parquet-wasm": "0.8.0",
  react: "19.3.1",
  "react-dom": "19.3.1",
  "topojson-client": "3.1.0",
};

/** The version of each pinned library: node_modules' for "lockfile" (which must then be installed), else the pin. */
export function npmVersions(root: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const [name, pin] of Object.entries(FRAMEWORK_NPM_PINS)) {
    if (pin !== "lockfile") {
      versions.set(name, pin);
      continue;
    }
    const manifest = join(root, "node_modules", name, "package.json");
    if (!existsSync(manifest)) throw new Error(`${name} is pinned to the lockfile but not installed in node_modules: run npm ci`);
    versions.set(name, (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version);
  }
  return versions;
}

/** Creates src/.observablehq/cache/_npm/<name>@<version>/ for every pin, so that Framework asks no registry. */
export function pinNpmVersions(root: string, sourceRoot = join(root, "src")): Map<string, string> {
  const versions = npmVersions(root);
  for (const [name, version] of versions) mkdirSync(join(sourceRoot, ".observablehq", "cache", "_npm", `${name}@${version}`), { recursive: true });
  return versions;
}

// `tsx scripts/npm-pins.ts` (npm run dev): pin before `observable preview`.
if (process.argv[1] && process.argv[1].endsWith("npm-pins.ts")) pinNpmVersions(new URL("../", import.meta.url).pathname);
