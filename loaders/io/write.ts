// Writers for extracted records: JSON Lines, CSV and Parquet. Files are written to a temporary name and renamed.
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { createTable, sqlString, withDatabase } from "../analyze/db.ts";
import { tableDef } from "../analyze/tables.ts";
import { COLUMNS, type KpiRecord } from "../extract/schema.ts";
import { spreadsheetSafe } from "./format.ts";

export const FORMATS = ["jsonl", "csv", "parquet"] as const;
export type Format = (typeof FORMATS)[number];

export function toJsonl(records: readonly KpiRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : "");
}

/** RFC 4180 CSV in UTF-8 with the schema's column order; nulls are empty cells, text cells spreadsheet-safe. */
export function toCsv(records: readonly KpiRecord[]): string {
  const header = COLUMNS.map((c) => c.name);
  const rows = records.map((r) => COLUMNS.map((c) => (c.type === "string" && r[c.name] != null ? spreadsheetSafe(String(r[c.name])) : (r[c.name] ?? ""))));
  return stringify([header, ...rows], { record_delimiter: "unix", quoted_match: /^\s|\s$/ });
}

/**
 * Writes `text` to `path` atomically (temporary file, then rename). A link at `path` is replaced, not followed, and
 * the temporary file is created afresh (a stale one, or a link under its name, is removed first), so nothing
 * outside the directory of `path` is written.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    rmSync(tmp, { force: true });
    writeFileSync(tmp, data, { flag: "wx" });
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Writes records to a zstd Parquet file with the schema's column types, through DuckDB. */
export async function writeParquet(records: readonly KpiRecord[], path: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    rmSync(tmp, { force: true });
    await withDatabase(async (connection) => {
      await createTable(connection, "kpi_records", tableDef("kpi_records").columns, records);
      await connection.run(`COPY kpi_records TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
    });
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}
