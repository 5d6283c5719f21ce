// Incremental builds: with the extraction cache (loaders/extract/cache.ts), a build re-extracts only the documents
// whose bytes or registry row changed, and everything when the extraction's code or rule tables change; its output is
// byte for byte a clean build's.
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, type BuildResult } from "../loaders/build.ts";
import { extractionInputs, useInputRoot } from "../loaders/extract/cache.ts";
import { extractStream, type ExtractOptions } from "../loaders/extract/extract.ts";
import { extractParallel } from "../loaders/extract/parallel.ts";
import type { KpiRecord } from "../loaders/extract/schema.ts";
import { filesOf } from "./helpers/files.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const SOURCES = join(ROOT, "data/sources");
const BUILD_DATE = "2026-01-01";

/** The files of `a` and `b` that differ in name or bytes (empty: the two outputs are the same). */
function differences(a: string, b: string): string[] {
  const names = filesOf(a);
  const other = filesOf(b);
  const differ = names.filter((n) => other.includes(n) && !readFileSync(join(a, n)).equals(readFileSync(join(b, n))));
  return [...differ, ...names.filter((n) => !other.includes(n)), ...other.filter((n) => !names.includes(n))];
}

describe("kpi build with the extraction cache", () => {
  let dir: string;
  let sources: string;
  let cache: string;
  let step = 0;
  /** The last build without a cache directory. */
  let clean: BuildResult | undefined;
  const run = (cacheDir: string | null): Promise<BuildResult> => build({ sourcesDir: sources, outDir: join(dir, `out-${step++}`), cacheDir, buildDate: BUILD_DATE });
  /** A build with the cache and a clean one of the same sources: the first's result, after checking both agree. */
  const cachedAndClean = async (): Promise<BuildResult> => {
    const cached = await run(cache);
    const cachedOut = join(dir, `out-${step - 1}`);
    clean = await run(null);
    expect(differences(cachedOut, join(dir, `out-${step - 1}`))).toEqual([]);
    return cached;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kpi-incremental-"));
    sources = join(dir, "sources");
    cache = join(dir, "cache");
    cpSync(SOURCES, sources, { recursive: true });
    // The last document is held back, to be added later.
    renameSync(join(sources, "004_4ad8838386d70738.txt"), join(dir, "004_4ad8838386d70738.txt"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("extracts every document the first time", async () => {
    const first = await run(cache);
    expect(first.documents).toEqual({ read: 4, cached: 0 });
    expect(first.records).toBeGreaterThan(0);
  });

  it("after one document is added, extracts that one alone, and writes what a clean build writes", async () => {
    renameSync(join(dir, "004_4ad8838386d70738.txt"), join(sources, "004_4ad8838386d70738.txt"));
    const second = await cachedAndClean();
    expect(second.documents).toEqual({ read: 5, cached: 4 });
  });

  it("after one document changes, extracts that one alone, and writes what a clean build writes", async () => {
    const file = join(sources, "002_b74bdf45c0ce0c4b.txt");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\d+/, (n) => String(Number(n) + 1)));
    const third = await cachedAndClean();
    expect(third.documents).toEqual({ read: 5, cached: 4 });
  });

  it("after a document's row in the source registry changes, extracts that document again", async () => {
    const registry = join(sources, "sources.csv");
    const lines = readFileSync(registry, "utf8").split("\n");
    const row = lines.findIndex((l) => l.startsWith("001_ce08e7e18cc8b014.txt,"));
    expect(row).toBeGreaterThan(0);
    const before = lines[row];
    lines[row] = lines[row]!.replace(/,(\d{4}-\d{2}-\d{2})?,(grant_|platform_)/, ",2023-03-01,$2");
    expect(lines[row]).not.toBe(before);
    writeFileSync(registry, lines.join("\n"));
    const fourth = await cachedAndClean();
    expect(fourth.documents).toEqual({ read: 5, cached: 4 });
  });

  it("takes nothing from the cache without a cache directory", () => {
    // the clean build of the sources as they are now, made by the test before
    expect(clean?.documents).toEqual({ read: 5, cached: 0 });
  });

  it("keeps one entry a document, dropping those of documents removed", async () => {
    const entries = () => readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith(".v8.gz")).length;
    expect(entries()).toBe(5);
    rmSync(join(sources, "000_784b4eb4b4837a87.txt"));
    expect((await run(cache)).documents).toEqual({ read: 4, cached: 4 });
    expect(entries()).toBe(4);
  });

  it("drops the part of the cache whose sources directory is gone", async () => {
    const other = join(dir, "other-sources");
    mkdirSync(other);
    cpSync(join(sources, "002_b74bdf45c0ce0c4b.txt"), join(other, "002_b74bdf45c0ce0c4b.txt"));
    await build({ sourcesDir: other, outDir: join(dir, `out-${step++}`), cacheDir: cache, buildDate: BUILD_DATE });
    expect(readdirSync(cache)).toHaveLength(2);
    rmSync(other, { recursive: true });
    await run(cache);
    expect(readdirSync(cache)).toHaveLength(1);
  });
});

describe("the extraction cache on worker threads", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kpi-incremental-workers-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives the workers' records and report from the cache, and the same as one thread without it", async () => {
    const options: ExtractOptions = { sourcesDir: SOURCES, curationDir: join(ROOT, "data/curation"), cacheDir: join(dir, "cache") };
    const collect = async (extract: (sink: (r: KpiRecord) => void) => Promise<{ report: unknown; files: number; cached: number }>) => {
      const records: KpiRecord[] = [];
      const summary = await extract((r) => records.push(r));
      return { records, ...summary };
    };
    const plain = await collect((sink) => extractStream({ ...options, cacheDir: null }, sink));
    const cold = await collect((sink) => extractParallel(options, sink, undefined, { threads: 2, minBytes: 0 }));
    const warm = await collect((sink) => extractParallel(options, sink, undefined, { threads: 2, minBytes: 0 }));
    expect([plain.cached, cold.cached, warm.cached]).toEqual([0, 0, 5]);
    expect(warm.files).toBe(5);
    expect(warm.records).toEqual(plain.records);
    expect(warm.report).toEqual(plain.report);
  });
});

describe("the cache key holds the extraction's code and rule tables", () => {
  // A copy of the extraction's input files (its code, rule tables and what they load), which the cache key is taken
  // from while the copy changes; the builds run in this process, over a copy of the sources.
  let project: string;
  let sources: string;
  let step = 0;
  const cacheDir = () => join(project, ".cache/extract");
  const buildThere = async (): Promise<{ read: number; cached: number; out: string }> => {
    const out = join(project, `out-${step++}`);
    // The digest is computed once a thread: taken anew for each build, as each `kpi build` process would.
    useInputRoot(project);
    const { documents } = await build({ sourcesDir: sources, outDir: out, cacheDir: cacheDir(), buildDate: BUILD_DATE });
    return { ...documents, out };
  };
  /** The extraction alone, with the same cache and a digest taken anew: the documents it read and took from the cache. */
  const extractThere = async (): Promise<{ read: number; cached: number }> => {
    useInputRoot(project);
    const { files, cached } = await extractStream({ sourcesDir: sources, curationDir: join(ROOT, "data/curation"), cacheDir: cacheDir() }, () => {});
    return { read: files, cached };
  };

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), "kpi-incremental-project-"));
    for (const path of extractionInputs()) {
      mkdirSync(join(project, path, ".."), { recursive: true });
      cpSync(join(ROOT, path), join(project, path));
    }
    sources = join(project, "data/sources");
    cpSync(SOURCES, sources, { recursive: true });
  });
  afterAll(() => {
    useInputRoot(null);
    rmSync(project, { recursive: true, force: true });
  });

  it("re-extracts every document after a rule table or the extractor's code changes, writing the same output", async () => {
    const cold = await buildThere();
    const warm = await buildThere();
    expect([cold.cached, warm.cached, warm.read]).toEqual([0, 5, 5]);
    // A comment line: the rules read the same, but the table is not the one the cache was made with.
    appendFileSync(join(project, "data/rules/units.csv"), "# changed\n");
    // (the extraction alone where the output is not compared)
    const afterRule = await extractThere();
    expect(afterRule).toMatchObject({ read: 5, cached: 0 });
    expect((await extractThere()).cached).toBe(5);
    appendFileSync(join(project, "loaders/extract/units.ts"), "// changed\n");
    const afterCode = await buildThere();
    expect(afterCode).toMatchObject({ read: 5, cached: 0 });
    expect(differences(cold.out, afterCode.out)).toEqual([]);
    expect(differences(cold.out, warm.out)).toEqual([]);
  });
});
