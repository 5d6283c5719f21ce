// The large tables as hive-partitioned Parquet for engines beyond one machine (DuckDB over object storage, Trino's
// Hive connector, Spark): partitioned/<table>/fiscal_year=YYYY/prefecture_code=NN/data_0.parquet, with the same rows
// and columns as the single <table>.parquet of the build, and its metadata but the list of sources and their sha256
// (about 100 kB at 1,000 documents, most of a partition's file; datapackage.json and the sources table give them).
// See docs/scale.md.
//
// Each partition is its own COPY … TO …/data_0.parquet rather than one COPY … (PARTITION_BY (…)): DuckDB's partitioned
// write keeps a buffer for every column of every open partition, and ran out of a 300 MB memory limit on the 100k
// corpus's kpi_assessments (3 MB of Parquet, 235 partitions); bounding its open files wrote most partitions as two
// files. One COPY a partition, from a table sorted by partition, writes one file a partition in little memory.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows, quoteIdent } from "../analyze/db.ts";
import { tableDef } from "../analyze/published-tables.ts";
import { tableFiles, type ExtractMeta } from "./extracts/datapackage.ts";
import { orderBySql, parquetMetadata } from "./extracts/write-extracts.ts";

/** The directory, under the output directory, that holds the partitioned tables. */
export const PARTITIONED_DIR = "partitioned";
/** The tables written partitioned: the two that grow with the corpus. */
export const PARTITIONED_TABLES = ["kpi_records", "kpi_assessments"] as const;
/**
 * The partition columns, outermost first. fiscal_year is the fiscal year a row's period starts in (period_start_fy,
 * which a one-year figure's period_end_fy equals; docs/kpi-record.md); like every hive partition column it is not
 * stored in the files but read from their path.
 */
export const PARTITION_COLUMNS = ["fiscal_year", "prefecture_code"] as const;
/** The file of each partition, named as DuckDB's partitioned writes name the first file of a directory. */
const PARTITION_FILE = "data_0.parquet";

/** The directory of one partition, relative to the table's; its values checked, as they become path segments. */
function partitionPath(fiscalYear: unknown, prefectureCode: unknown): string {
  if (typeof fiscalYear !== "number" || !/^\d{4}$/.test(String(fiscalYear))) throw new Error(`partitioned write: fiscal year ${JSON.stringify(fiscalYear)} is not a year`);
  if (typeof prefectureCode !== "string" || !/^\d{2}$/.test(prefectureCode)) throw new Error(`partitioned write: prefecture_code ${JSON.stringify(prefectureCode)} is not two digits`);
  return join(`fiscal_year=${fiscalYear}`, `prefecture_code=${prefectureCode}`);
}

/**
 * Writes PARTITIONED_TABLES under `outDir`/partitioned/ from their single Parquet files, which writeExtracts has
 * written to `outDir` before: each partition's rows in the table's order, on one thread, so that every build of the
 * same inputs gives the same bytes. Returns the tables' directories, relative to `outDir`.
 */
export async function writePartitioned(connection: DuckDBConnection, outDir: string, meta: ExtractMeta): Promise<string[]> {
  const written: string[] = [];
  await connection.run("SET threads = 1");
  try {
    for (const name of PARTITIONED_TABLES) {
      const dir = join(PARTITIONED_DIR, name);
      await writeTable(connection, name, outDir, dir, meta);
      written.push(dir);
    }
  } finally {
    await connection.run("RESET threads");
  }
  return written;
}

/** Writes one table's partitions into `outDir`/`dir`. */
async function writeTable(connection: DuckDBConnection, name: string, outDir: string, dir: string, meta: ExtractMeta): Promise<void> {
  const order = orderBySql(tableDef(name));
  const sorted = quoteIdent(`partitioned_${name}`);
  const [fy, pc] = PARTITION_COLUMNS.map(quoteIdent);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ${sorted} AS SELECT *, period_start_fy AS ${fy} FROM read_parquet($1) ORDER BY ${fy}, ${pc}, ${order}`, [join(outDir, tableFiles(name).parquet)]);
  const { sources: _sources, source_sha256: _sha256, ...stamped } = parquetMetadata(name, meta);
  const kv = Object.entries(stamped);
  // The metadata's keys are field names of a struct literal (identifiers); its values, the partition and the path are bound.
  const struct = kv.map(([key], i) => `${quoteIdent(key)}: $${i + 4}`).join(", ");
  const copy = `COPY (SELECT * EXCLUDE (${fy}, ${pc}) FROM ${sorted} WHERE ${fy} = $1 AND ${pc} = $2 ORDER BY ${order}) TO $3 (FORMAT parquet, COMPRESSION zstd, KV_METADATA {${struct}})`;
  const { rows } = await queryRows(connection, `SELECT DISTINCT ${fy} AS fiscal_year, ${pc} AS prefecture_code FROM ${sorted} ORDER BY ALL`);
  for (const { fiscal_year, prefecture_code } of rows) {
    const partition = join(outDir, dir, partitionPath(fiscal_year, prefecture_code));
    mkdirSync(partition, { recursive: true });
    await connection.run(copy, [fiscal_year as number, prefecture_code as string, join(partition, PARTITION_FILE), ...kv.map(([, value]) => value)]);
  }
  await connection.run(`DROP TABLE ${sorted}`);
}
