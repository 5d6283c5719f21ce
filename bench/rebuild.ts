// The incremental rebuild benchmark: a full build of a corpus but its last document, with an empty extraction cache,
// then the build after that document is added, which extracts it alone (loaders/extract/cache.ts). Each build runs in
// a process of its own, this file run as its child:
//   tsx bench/rebuild.ts SOURCES_DIR OUT_DIR CACHE_DIR     one build; prints its figures as JSON
import { spawn } from "node:child_process";
import { copyFileSync, linkSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "../loaders/build.ts";
import { listSources } from "../loaders/extract/extract.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** What one build of the benchmark reports. */
interface BuildRun {
  total_s: number;
  extract_s: number;
  documents: { read: number; cached: number };
  records: number;
}

export interface RebuildFigures {
  /** The build of the corpus without its last document, every document extracted (the cache empty). */
  full_s: number;
  /** The build after the last document is added, with the cache the full build left. */
  rebuild_s: number;
  /** Of which extraction: reading every document, extracting the new one, taking the others from the cache. */
  rebuild_extract_s: number;
  /** Documents of the rebuild, and how many of them were extracted rather than taken from the cache. */
  documents: number;
  extracted: number;
  records: number;
}

/** Runs one build with the cache in a child process, and reads the figures it prints. */
function runChild(sources: string, out: string, cache: string): Promise<BuildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/rebuild.ts", sources, out, cache], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(JSON.parse(stdout) as BuildRun) : reject(new Error(`build of ${sources} exited with ${code}`))));
  });
}

/** Puts a file of the corpus into the benchmark's sources directory: a hard link, or a copy across file systems. */
function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * The rebuild after adding one document to the corpus of `corpusDir` (kpi synth's DIR, with DIR/sources), against
 * the full build; both write to `outDir`. The corpus is not changed: its files are linked into a directory of the
 * benchmark's own beside `outDir`, removed at the end with the cache.
 */
export async function rebuildAfterOneDocument(corpusDir: string, outDir: string): Promise<RebuildFigures> {
  const corpus = join(corpusDir, "sources");
  const files = listSources(corpus);
  if (files.length < 2) throw new Error(`${corpus}: the rebuild benchmark needs two documents or more`);
  mkdirSync(dirname(outDir), { recursive: true });
  const work = mkdtempSync(join(dirname(outDir), "rebuild-"));
  const sources = join(work, "sources");
  const cache = join(work, "cache");
  mkdirSync(sources);
  try {
    const added = files.at(-1)!;
    for (const file of files.slice(0, -1)) place(join(corpus, file), join(sources, file));
    const full = await runChild(sources, outDir, cache);
    place(join(corpus, added), join(sources, added));
    const rebuild = await runChild(sources, outDir, cache);
    return {
      full_s: full.total_s,
      rebuild_s: rebuild.total_s,
      rebuild_extract_s: rebuild.extract_s,
      documents: rebuild.documents.read,
      extracted: rebuild.documents.read - rebuild.documents.cached,
      records: rebuild.records,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The child: one build with the cache, its figures on stdout. */
async function child(sources: string, out: string, cache: string): Promise<void> {
  const started = performance.now();
  let extracted = started;
  const onStage = (stage: string) => {
    if (stage === "extract") extracted = performance.now();
  };
  const result = await build({ sourcesDir: sources, curationDir: null, outDir: out, cacheDir: cache, buildDate: "2026-01-01", onStage });
  const run: BuildRun = { total_s: (performance.now() - started) / 1000, extract_s: (extracted - started) / 1000, documents: result.documents, records: result.records };
  process.stdout.write(JSON.stringify(run) + "\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [sources, out, cache] = process.argv.slice(2);
  if (!sources || !out || !cache) throw new Error("usage: tsx bench/rebuild.ts SOURCES_DIR OUT_DIR CACHE_DIR");
  await child(sources, out, cache);
}
