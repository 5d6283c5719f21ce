// The main job: extract every source, assess in DuckDB, and write the extracts researchers download.
import { execFileSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { analyzeLoaded, type SourceRegistryRow } from "./analyze/analyze.ts";
import { openTable, withDatabase } from "./analyze/db.ts";
import { DEFAULT_THRESHOLD, tableDef } from "./analyze/published-tables.ts";
import { pruneCache } from "./extract/cache.ts";
import { listSources } from "./extract/extract.ts";
import { extractParallel } from "./extract/parallel.ts";
import { readSourceRegistry } from "./extract/registry.ts";
import { formatReport, formatReportJson, type ExtractionReport, type SourceSummary } from "./extract/report.ts";
import { DATA_DIR } from "./extract/data-tables.ts";
import { SCHEMA_VERSION, sourceInfo, type WrittenFile } from "./publish/extracts/datapackage.ts";
import { writeExtracts } from "./publish/extracts/write-extracts.ts";
import { writePartitioned } from "./publish/partitioned.ts";
import { replaceDir } from "./publish/replace-dir.ts";
import { writeFileAtomic } from "./publish/write-files.ts";

/**
 * What the analysis knows of each source that was read: the registry's title, publisher, prefectures, url and
 * coverage (data/sources/sources.csv; null where it does not list the file), and the date the extraction dated it by.
 */
export function sourceRegistryRows(sourcesDir: string, summaries: readonly SourceSummary[]): SourceRegistryRow[] {
  const registry = readSourceRegistry(sourcesDir);
  return summaries.map((s) => {
    const entry = registry.get(s.file);
    return {
      source_file: s.file,
      title: entry?.title || null,
      publisher: entry?.publisher || null,
      prefectures: entry && entry.prefectures.length > 0 ? entry.prefectures.join("; ") : null,
      url: entry?.url ?? null,
      written_on: s.written_on,
      written_on_basis: s.written_on_basis,
      coverage: entry?.coverage ?? null,
    };
  });
}

export { DEFAULT_CACHE_DIR } from "./extract/cache.ts";

/** Where `kpi build` writes and `kpi flags` / `kpi query` read, relative to the working directory. */
export const DEFAULT_OUT_DIR = "out";
/** The same directory for the site's data loaders, which Framework runs from the project root. */
export const PROJECT_OUT_DIR = new URL("../out/", import.meta.url).pathname;

export interface BuildOptions {
  sourcesDir?: string;
  /** null turns the curation overlay off. */
  curationDir?: string | null;
  outDir: string;
  threshold?: number;
  /** YYYY-MM-DD stamped into the extracts' metadata; default from buildDate(). */
  buildDate?: string;
  /** DuckDB's memory limit, e.g. "1GB" (default KPI_DUCKDB_MEMORY or 600MB). */
  memoryLimit?: string;
  /** Threads that parse sources (default: one a core); large corpora only. */
  threads?: number;
  /**
   * Where each document's extraction is kept between builds (extract/cache.ts; `kpi build` uses DEFAULT_CACHE_DIR):
   * a document whose bytes, registry row, and the extraction's code and tables are unchanged is not extracted again.
   * Absent or null: every document is extracted.
   */
  cacheDir?: string | null;
  /** Also write kpi_records and kpi_assessments as hive-partitioned Parquet under partitioned/ (publish/partitioned.ts). */
  partitioned?: boolean;
  /** Called after each source file is extracted, with its size in bytes (progress). */
  onFile?: (file: string, bytes: number) => void;
  /** Called when a stage ends: extract (records loaded), analyze, write (timings). */
  onStage?: (stage: "extract" | "analyze" | "write") => void;
}

export interface BuildResult {
  report: ExtractionReport;
  /** Number of records in kpi_records. */
  records: number;
  files: WrittenFile[];
  /** The source files read, and how many of them were taken from the extraction cache instead of extracted. */
  documents: { read: number; cached: number };
  /** The directories of the partitioned tables, relative to outDir; empty without `partitioned`. */
  partitioned: string[];
}

/**
 * The time a build stamps into what it writes, in seconds since 1970, chosen so that rebuilding the same inputs gives
 * the same bytes: SOURCE_DATE_EPOCH when set (reproducible-builds.org), else the time of the last git commit, else
 * the newest source file's modification time.
 */
export function buildEpoch(sourcesDir = join(DATA_DIR, "sources")): number {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return Number(epoch);
  try {
    const seconds = execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: new URL("..", import.meta.url), stdio: ["ignore", "pipe", "ignore"] }).toString().trim();
    if (/^\d+$/.test(seconds)) return Number(seconds);
  } catch {
    // not a git checkout: fall through
  }
  return Math.floor(Math.max(0, ...listSources(sourcesDir).map((f) => statSync(join(sourcesDir, f)).mtimeMs)) / 1000);
}

/** The date (YYYY-MM-DD, UTC) of buildEpoch, stamped into the extracts. */
export function buildDate(sourcesDir: string): string {
  return new Date(buildEpoch(sourcesDir) * 1000).toISOString().slice(0, 10);
}

/**
 * DuckDB's memory for a build: KPI_DUCKDB_MEMORY or 600MB, beyond which it spills to a temporary directory (removed
 * when the build ends) instead of growing with the corpus. DuckDB's own default is 80% of the machine's memory.
 */
function databaseConfig(memoryLimit = process.env.KPI_DUCKDB_MEMORY || "600MB"): Record<string, string> {
  return { memory_limit: memoryLimit, temp_directory: join(tmpdir(), `kpi-duckdb-${process.pid}`) };
}

/**
 * Extract, analyze, and write every table as Parquet and CSV with datapackage.json, plus the extraction report (and,
 * with `partitioned`, the two large tables as hive-partitioned Parquet). With a cacheDir, documents unchanged since
 * the last build are taken from the extraction cache; curation, assessment and writing run over every record.
 * Everything is written into a staging directory beside outDir, which replaces outDir as a whole at the end, under a
 * lock: a build killed at any moment leaves the previous complete output, and a second build of the same directory
 * at the same time stops with BuildLockedError.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  return replaceDir(options.outDir, (staging) => buildInto(staging, options), { label: `${options.outDir.replace(/\/+$/, "")}/` });
}

async function buildInto(outDir: string, options: BuildOptions): Promise<BuildResult> {
  const sourcesDir = options.sourcesDir ?? join(DATA_DIR, "sources");
  const curationDir = options.curationDir === undefined ? join(DATA_DIR, "curation") : options.curationDir;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const config = databaseConfig(options.memoryLimit);
  const cacheDir = options.cacheDir ? resolve(options.cacheDir) : null;
  const { report, records, files, documents, partitioned } = await withDatabase(async (connection) => {
    // Records stream from the parsers into DuckDB: memory holds one document, not the corpus.
    const table = await openTable(connection, "kpi_records", tableDef("kpi_records").columns);
    const extraction = await extractParallel({ sourcesDir, curationDir, cacheDir }, (r) => table.append(r), options.onFile, { threads: options.threads });
    const { report, records } = extraction;
    await table.close();
    // The entries of documents no longer in the sources directory are dropped: the cache holds one corpus's worth.
    if (cacheDir) pruneCache(cacheDir, sourcesDir, report.sources.map((s) => s.file));
    options.onStage?.("extract");
    await analyzeLoaded(connection, { threshold, sources: sourceRegistryRows(sourcesDir, report.sources) });
    options.onStage?.("analyze");
    const meta = {
      buildDate: options.buildDate ?? buildDate(sourcesDir),
      threshold,
      schemaVersion: SCHEMA_VERSION,
      sources: sourceInfo(sourcesDir, report.sources.map((s) => s.file)),
    };
    const files = await writeExtracts(connection, outDir, meta);
    const partitioned = options.partitioned ? await writePartitioned(connection, outDir, meta) : [];
    options.onStage?.("write");
    return { report, records, files, documents: { read: extraction.files, cached: extraction.cached }, partitioned };
  }, config).finally(() => rmSync(config.temp_directory!, { recursive: true, force: true }));
  writeFileAtomic(join(outDir, "extraction_report.txt"), formatReport(report));
  writeFileAtomic(join(outDir, "extraction_report.json"), formatReportJson(report));
  return { report, records, files, documents, partitioned };
}
