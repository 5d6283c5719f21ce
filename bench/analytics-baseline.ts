// The analytics baseline: DuckDB alone running the build's own SQL — the files of loaders/analyze/sql/ and the
// COPY … TO statements that write every extract — back to back through @duckdb/node-api, with no project code
// between them. The build's analyze + write stages divided by this time is what the project adds around DuckDB
// (rule tables, checks, hashing, the data package).
//
//   analyticsBaseline(recordsParquet, outDir) → { seconds }
//
// recordsParquet is a build's kpi_records.parquet; the source registry is taken from the sources.parquet beside it.
// The inputs are loaded, and the statements' text made, before the clock starts; the clock covers only DuckDB
// executing the statements. DuckDB gets the build's memory limit (KPI_DUCKDB_MEMORY or 600MB), so both spill alike.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadAnalysisInputs, type SourceRegistryRow } from "../loaders/analyze/analyze.ts";
import { queryRows } from "../loaders/analyze/db.ts";
import { TABLES } from "../loaders/analyze/published-tables.ts";
import { defineCsvMacros } from "../loaders/publish/extracts/csv.ts";
import { SCHEMA_VERSION, tableFiles, type ExtractMeta } from "../loaders/publish/extracts/datapackage.ts";
import { exportStatements, type Statement } from "../loaders/publish/extracts/write-extracts.ts";

const SQL_DIR = new URL("../loaders/analyze/sql/", import.meta.url);

/** The statements DuckDB runs for the baseline: every SQL file in order, then each table's COPY statements. */
function baselineStatements(outDir: string): Statement[] {
  const files = readdirSync(SQL_DIR).filter((name) => name.endsWith(".sql")).sort();
  const analysis = files.map((name) => ({ sql: readFileSync(new URL(name, SQL_DIR), "utf8"), values: [] }));
  // Parquet metadata names no sources here: the same statements, with an empty list in the key-value metadata.
  const meta: ExtractMeta = { buildDate: "2026-01-01", threshold: 0.5, schemaVersion: SCHEMA_VERSION, sources: [] };
  const writes = TABLES.flatMap((table) => {
    const names = tableFiles(table.name);
    return exportStatements(table, { parquet: join(outDir, names.parquet), csv: join(outDir, names.csv), excel: join(outDir, names.excel) }, meta);
  });
  return [...analysis, ...writes];
}

/**
 * Runs the build's analysis SQL and extract COPY statements on the records of `recordsParquet`, writing the
 * extracts into `outDir`, and returns the seconds DuckDB took to execute them.
 */
export async function analyticsBaseline(recordsParquet: string, outDir: string): Promise<{ seconds: number }> {
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  const spill = mkdtempSync(join(tmpdir(), "kpi-baseline-"));
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: process.env.KPI_DUCKDB_MEMORY || "600MB", temp_directory: spill });
  const connection = await instance.connect();
  try {
    await connection.run("CREATE TABLE kpi_records AS SELECT * FROM read_parquet($1)", [recordsParquet]);
    const { rows } = await queryRows(
      connection,
      "SELECT source_file, title, publisher, prefectures, url, CAST(written_on AS VARCHAR) AS written_on, written_on_basis, nullif(coverage, 'unknown') AS coverage FROM read_parquet($1)",
      [join(dirname(recordsParquet), "sources.parquet")],
    );
    await loadAnalysisInputs(connection, { sources: rows as unknown as SourceRegistryRow[] });
    await defineCsvMacros(connection);
    const statements = baselineStatements(out);
    const started = performance.now();
    for (const { sql, values } of statements) await connection.run(sql, values);
    return { seconds: (performance.now() - started) / 1000 };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}
