// Writers for extracted records: JSON Lines, CSV and Parquet. Files are written to a temporary name and renamed;
// devices and FIFOs are written through.
import { closeSync, constants, lstatSync, mkdtempSync, openSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { stringify } from "csv-stringify/sync";
import { createTable, withDatabase } from "../analyze/db.ts";
import { tableDef } from "../analyze/published-tables.ts";
import { COLUMNS, type KpiRecord } from "../extract/schema.ts";
import { spreadsheetSafe } from "../../src/lib/csv-guard.js";

export const FORMATS = ["jsonl", "csv", "parquet"] as const;
export type Format = (typeof FORMATS)[number];

export function toJsonl(records: readonly KpiRecord[]): string {
  return records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : "");
}

/** RFC 4180 CSV in UTF-8 with the schema's column order; nulls are empty cells, text cells spreadsheet-safe. */
export function toCsv(records: readonly KpiRecord[]): string {
  const header = COLUMNS.map((c) => spreadsheetSafe(c.name));
  const rows = records.map((r) => COLUMNS.map((c) => (c.type === "string" && r[c.name] != null ? spreadsheetSafe(String(r[c.name])) : (r[c.name] ?? ""))));
  return stringify([header, ...rows], { record_delimiter: "unix", quoted_match: /^\s|\s$/ });
}

/** An output that could not be written: `cannot write FILE: ENOSPC`, the errno code (or DuckDB's reason). */
export class WriteError extends Error {}

/** DuckDB reports file errors in words; the errno codes they stand for. */
const DUCKDB_ERRNO: [RegExp, string][] = [
  [/No space left on device/i, "ENOSPC"],
  [/Read-only file system/i, "EROFS"],
  [/Permission denied/i, "EACCES"],
  [/quota exceeded/i, "EDQUOT"],
  [/No such file or directory/i, "ENOENT"],
];

function writeError(path: string, error: unknown): WriteError {
  if (error instanceof WriteError) return error;
  const message = String((error as Error).message ?? error);
  const code = (error as NodeJS.ErrnoException).code ?? DUCKDB_ERRNO.find(([pattern]) => pattern.test(message))?.[1] ?? message.split("\n")[0];
  return new WriteError(`cannot write ${path}: ${code}`);
}

export type OutputMode = { mode: "replace" } | { mode: "through" } | { mode: "refuse"; reason: string };

/** Whether a link leads through /proc, as /dev/stdout and /dev/fd/N do: it names an open descriptor, not a file. */
function isDescriptorLink(path: string): boolean {
  let at = path;
  for (let hop = 0; hop < 40; hop++) {
    let target: string;
    try {
      if (!lstatSync(at).isSymbolicLink()) return false;
      target = resolve(dirname(at), readlinkSync(at));
    } catch {
      return false;
    }
    if (target === "/proc" || target.startsWith("/proc/")) return true;
    at = target;
  }
  return false;
}

/**
 * How an output is written. A regular file, a link or a new name is replaced: written under a temporary name and
 * renamed. A character device (/dev/null) or FIFO cannot be replaced without destroying it, so it is opened and
 * written, as is a descriptor link (/dev/stdout). A block device, socket or directory is refused.
 */
export function outputMode(path: string): OutputMode {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return { mode: "replace" };
  }
  if (stat.isSymbolicLink()) {
    if (!isDescriptorLink(path)) return { mode: "replace" };
    try {
      stat = statSync(path);
    } catch {
      return { mode: "refuse", reason: "a link to a closed descriptor" };
    }
  }
  if (stat.isFile()) return { mode: "replace" };
  if (stat.isCharacterDevice() || stat.isFIFO()) return { mode: "through" };
  return { mode: "refuse", reason: stat.isDirectory() ? "a directory" : stat.isBlockDevice() ? "a block device" : "a socket" };
}

/** Opens an existing device, FIFO or descriptor and writes to it; never creates a file. */
function writeThrough(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, constants.O_WRONLY | constants.O_APPEND);
  try {
    writeFileSync(fd, data);
  } finally {
    closeSync(fd);
  }
}

/** Removes a temporary file if there is one, without hiding the error that left it. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // a read-only directory, say: nothing was written there either
  }
}

/**
 * Writes `data` to `path` atomically (temporary file, then rename), so a failed write leaves the previous file in
 * place. A link at `path` is replaced, not followed, and the temporary file is created afresh (a stale one, or a link
 * under its name, is removed first), so nothing outside the directory of `path` is written. A device, FIFO or
 * descriptor (/dev/null, /dev/stdout) is written through instead (see outputMode). Throws WriteError, with the
 * errno code, when the write fails.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const how = outputMode(path);
  if (how.mode === "refuse") throw new WriteError(`cannot write ${path}: it is ${how.reason}`);
  if (how.mode === "through") {
    try {
      writeThrough(path, data);
    } catch (error) {
      throw writeError(path, error);
    }
    return;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    rmSync(tmp, { force: true });
    writeFileSync(tmp, data, { flag: "wx" });
    renameSync(tmp, path);
  } catch (error) {
    throw writeError(path, error);
  } finally {
    removeQuietly(tmp);
  }
}

/** Writes records to a zstd Parquet file with the schema's column types, through DuckDB (see writeFileAtomic). */
export async function writeParquet(records: readonly KpiRecord[], path: string): Promise<void> {
  const how = outputMode(path);
  if (how.mode === "refuse") throw new WriteError(`cannot write ${path}: it is ${how.reason}`);
  // a device is written from a temporary file elsewhere: none can be made beside it
  const scratch = how.mode === "through" ? mkdtempSync(join(tmpdir(), "kpi-parquet-")) : null;
  const tmp = scratch ? join(scratch, "records.parquet") : `${path}.${process.pid}.tmp`;
  try {
    rmSync(tmp, { force: true });
    await withDatabase(async (connection) => {
      await createTable(connection, "kpi_records", tableDef("kpi_records").columns, records);
      await connection.run("COPY kpi_records TO $1 (FORMAT parquet, COMPRESSION zstd)", [tmp]);
    });
    if (scratch) writeThrough(path, readFileSync(tmp));
    else renameSync(tmp, path);
  } catch (error) {
    throw writeError(path, error);
  } finally {
    removeQuietly(tmp);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
