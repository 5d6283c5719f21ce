// The extraction cache: what one source document gave (its records, report entries and summary), kept on disk under
// a key made of everything the extraction of that document reads, so that a build re-extracts only the documents
// that changed. The key is the document's bytes and name, its row of the source registry, and a digest of the
// extraction's code and tables (loaders/extract/** and what it imports, data/rules/**, data/reference/**,
// package-lock.json, the Node.js version): a change to any of them re-extracts every document. An entry is a
// document's outcome as extractFile returns it, V8-serialized (as worker threads pass it) and gzipped, one file a
// document under a directory per sources directory.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { threadId } from "node:worker_threads";
import { gunzipSync, gzipSync } from "node:zlib";
import { DATA_DIR } from "./data-tables.ts";
import type { FileOutcome } from "./extract.ts";
import type { SourceEntry } from "./registry.ts";

/** Where `kpi build` keeps the cache, relative to the working directory (like its output, out/). */
export const DEFAULT_CACHE_DIR = ".cache/extract";

/** Bumped when what an entry holds changes shape, so that older entries are not read. */
const CACHE_FORMAT = "1";
/** gzip's fastest level: a tenth of the size for a fraction of the time of extracting the document again. */
const GZIP_LEVEL = 1;

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/**
 * Every file under these directories is an input of the extraction: the code as it runs (loaders/extract, or its
 * JavaScript compiled into compiled/extract), and the rule and reference tables.
 */
const INPUT_DIRS = [fileURLToPath(new URL(".", import.meta.url)), join(DATA_DIR, "rules"), join(DATA_DIR, "reference")];
/** The versions of the libraries that decode and read the formats (iconv-lite, pdfjs-dist, parse5, exceljs, …). */
const INPUT_FILES = [join(ROOT, "package-lock.json")];
const CODE = /\.(?:ts|mts|js|mjs)$/;
/** The relative modules and files a module loads: import/export … from, import(…), new URL(…, import.meta.url). */
const REFERENCES = [
  /(?:^|[;\n])\s*(?:import|export)(\s+type\b)?[^;]*?\bfrom\s*["'](\.\.?\/[^"']+)["']/g,
  /\bimport\s*\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g,
  /(?:^|[;\n])\s*import\s*["'](\.\.?\/[^"']+)["']/g,
  /\bnew URL\(\s*["'](\.\.?\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g,
];

/** The files of a directory and its subdirectories, as absolute paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The files a code file refers to by a relative path, that exist as files (directories are listed in INPUT_DIRS). */
function referencedFiles(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const found: string[] = [];
  for (const pattern of REFERENCES) {
    for (const match of text.matchAll(pattern)) {
      // A type-only import is erased before the module runs.
      if (match.length === 3 && match[1]) continue;
      const target = resolve(dirname(path), match[match.length - 1]!);
      try {
        if (statSync(target).isFile()) found.push(target);
      } catch {
        // a path built at run time, or a module that does not exist: nothing to hash
      }
    }
  }
  return found;
}

/** Where the input files are read from: this project, or a copy of it (useInputRoot). */
let inputRoot = ROOT;

/**
 * Takes the extraction's input files from a copy of the project at `root` from now on (null: this project again),
 * so that a test can change them in the copy: the key follows the copy's files, while this project's code runs.
 */
export function useInputRoot(root: string | null): void {
  inputRoot = root ?? ROOT;
  digest = null;
}

/**
 * Every input file of the extraction, relative to the project: INPUT_DIRS, INPUT_FILES (those that exist) and the
 * modules the code loads from outside them.
 */
export function extractionInputs(): string[] {
  const rebase = (path: string) => join(inputRoot, relative(ROOT, path));
  const files = new Set([...INPUT_DIRS.map(rebase).flatMap(filesUnder), ...INPUT_FILES.map(rebase).filter((f) => existsSync(f))]);
  const pending = [...files].filter((f) => CODE.test(f));
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    for (const target of referencedFiles(path)) {
      if (files.has(target)) continue;
      files.add(target);
      if (CODE.test(target)) pending.push(target);
    }
  }
  return [...files].map((f) => relative(inputRoot, f)).sort();
}

let digest: string | null = null;

/** A digest of every input file of the extraction and the Node.js version, computed once a thread. */
export function extractionDigest(): string {
  if (digest !== null) return digest;
  const hash = createHash("sha256").update(`${CACHE_FORMAT}\0${process.version}\0`);
  for (const path of extractionInputs()) {
    const bytes = readFileSync(join(inputRoot, path));
    hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  }
  return (digest = hash.digest("hex"));
}

function sha256(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

/** What is kept for one document. */
interface CacheEntry {
  key: string;
  outcome: FileOutcome;
}

/** One document's place in the cache: its entry read back when its key still holds, or written anew. */
export interface CacheSlot {
  /** The outcome kept for this document, when it was made from the same inputs; null otherwise. */
  read(): FileOutcome | null;
  /** Keeps an outcome for the next build; a cache that cannot be written is only a slower next build. */
  write(outcome: FileOutcome): void;
}

/** The directory of the cache that holds one sources directory's documents. */
function sourcesSlotDir(cacheDir: string, sourcesDir: string): string {
  return join(cacheDir, sha256(resolve(sourcesDir)).slice(0, 16));
}

/** The file of one document of a sources directory: one a document, replaced when the document changes. */
function slotFile(cacheDir: string, sourcesDir: string, file: string): string {
  return join(sourcesSlotDir(cacheDir, sourcesDir), `${sha256(file).slice(0, 32)}.v8.gz`);
}

/**
 * The cache slot of a document read from `sourcesDir`: its entry is valid for these bytes, this registry row and the
 * current extraction code and tables.
 */
export function cacheSlot(cacheDir: string, sourcesDir: string, file: string, bytes: Uint8Array, registryRow: SourceEntry | null): CacheSlot {
  const path = slotFile(cacheDir, sourcesDir, file);
  const key = sha256(`${extractionDigest()}\0${file}\0${JSON.stringify(registryRow)}\0${sha256(bytes)}`);
  return {
    read() {
      try {
        const entry = deserialize(gunzipSync(readFileSync(path))) as CacheEntry;
        return entry.key === key ? { ...entry.outcome, cached: true } : null;
      } catch {
        return null;
      }
    },
    write(outcome) {
      const tmp = `${path}.${process.pid}-${threadId}.tmp`;
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(tmp, gzipSync(serialize({ key, outcome } satisfies CacheEntry), { level: GZIP_LEVEL }));
        renameSync(tmp, path);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
  };
}

/** The file, in each sources directory's part of the cache, that names that directory. */
const SOURCES_MARK = "sources-dir";

/**
 * Keeps the cache to one entry a document of the sources directories that still exist: removes the entries of
 * `sourcesDir` whose documents are not among `files`, and the parts of the cache whose sources directory is gone (a
 * test's or a benchmark's temporary corpus).
 */
export function pruneCache(cacheDir: string, sourcesDir: string, files: readonly string[]): void {
  const dir = sourcesSlotDir(cacheDir, sourcesDir);
  const keep = new Set([join(dir, SOURCES_MARK), ...files.map((f) => slotFile(cacheDir, sourcesDir, f))]);
  try {
    writeFileSync(join(dir, SOURCES_MARK), resolve(sourcesDir));
    for (const name of readdirSync(dir)) if (!keep.has(join(dir, name))) rmSync(join(dir, name), { force: true });
    for (const other of readdirSync(cacheDir)) {
      const mark = join(cacheDir, other, SOURCES_MARK);
      if (existsSync(mark) && !existsSync(readFileSync(mark, "utf8"))) rmSync(join(cacheDir, other), { recursive: true, force: true });
    }
  } catch {
    // nothing was cached for this directory (every document failed to read), or the cache cannot be written
  }
}
