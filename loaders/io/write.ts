// Writers for extracted records: JSON Lines, CSV and Parquet. Files are written to a temporary name and renamed.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { DuckDBInstance } from "@duckdb/node-api";
import { COLUMNS, type KpiRecord } from "../extract/schema.ts";

export const FORMATS = ["jsonl", "csv", "parquet"] as const;
export type Format = (typeof FORMATS)[number];

export function toJsonl(records: readonly KpiRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : "");
}

/** RFC 4180 CSV in UTF-8 with the schema's column order; nulls are empty cells. */
export function toCsv(records: readonly KpiRecord[]): string {
  const header = COLUMNS.map((c) => c.name);
  const rows = records.map((r) => header.map((name) => r[name] ?? ""));
  return stringify([header, ...rows], { record_delimiter: "unix", quoted_match: /^\s|\s$/ });
}

const SQL_TYPES = { string: "VARCHAR", integer: "INTEGER", number: "DOUBLE", date: "DATE" } as const;

/** Writes `text` to `path` atomically (temporary file, then rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Writes records to a zstd Parquet file with the schema's column types, through DuckDB. */
export async function writeParquet(records: readonly KpiRecord[], path: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const columns = COLUMNS.map((c) => `${quoteIdent(c.name)} ${c.type === "date" ? "VARCHAR" : SQL_TYPES[c.type]}`);
    await connection.run(`CREATE TABLE records (${columns.join(", ")})`);
    const appender = await connection.createAppender("records");
    for (const record of records) {
      for (const column of COLUMNS) {
        const value = record[column.name];
        if (value === null || value === undefined) appender.appendNull();
        else if (column.type === "integer") appender.appendInteger(value as number);
        else if (column.type === "number") appender.appendDouble(value as number);
        else appender.appendVarchar(String(value));
      }
      appender.endRow();
    }
    appender.closeSync();
    const select = COLUMNS.map((c) => (c.type === "date" ? `CAST(${quoteIdent(c.name)} AS DATE) AS ${quoteIdent(c.name)}` : quoteIdent(c.name))).join(", ");
    const literal = `'${tmp.replace(/'/g, "''")}'`;
    await connection.run(`COPY (SELECT ${select} FROM records) TO ${literal} (FORMAT parquet, COMPRESSION zstd)`);
    renameSync(tmp, path);
  } finally {
    rmSync(tmp, { force: true });
    connection.closeSync();
    instance.closeSync();
  }
}

/** The Parquet file's bytes, for data loaders that write to stdout. */
export async function parquetBytes(records: readonly KpiRecord[]): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "kpi-parquet-"));
  try {
    const path = join(dir, "records.parquet");
    await writeParquet(records, path);
    return readFileSync(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
