// Reading the built tables back: the flag list at any threshold, and read-only SQL for `kpi query`.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { StatementType } from "@duckdb/node-api";
import { defineMacros } from "./analyze.ts";
import { queryRows, quoteIdent, readerRows, sqlString, type Plain } from "./db.ts";
import { TABLES } from "./tables.ts";

export class BuiltTablesError extends Error {}

/** Loads every built table found in `dataDir` (its <name>.parquet) into the connection; returns their names. */
export async function loadBuiltTables(connection: DuckDBConnection, dataDir: string): Promise<string[]> {
  const loaded: string[] = [];
  for (const table of TABLES) {
    const path = resolve(join(dataDir, `${table.name}.parquet`));
    if (!existsSync(path)) continue;
    await connection.run(`CREATE TABLE ${quoteIdent(table.name)} AS SELECT * FROM read_parquet(${sqlString(path)})`);
    loaded.push(table.name);
  }
  if (loaded.length === 0) throw new BuiltTablesError(`${dataDir}: no built tables here; run \`npm run build\` (or \`npm run kpi -- build\`) first`);
  return loaded;
}

export interface FlagFilter {
  threshold: number;
  /** A prefecture name (兵庫県) or JIS code (28). */
  prefecture?: string;
  /** Keep assessments whose period includes this fiscal year. */
  fy?: number;
}

/** The columns `kpi flags` prints, in order. */
export const FLAG_COLUMNS = [
  "prefecture", "body", "program", "kpi_name", "kpi_kind", "period_start_fy", "period_end_fy", "target", "actual", "unit",
  "achievement", "pace", "status", "is_partial", "actual_breakdown", "note", "source", "record_id",
] as const;

/**
 * The flagged assessments at a threshold, re-judged from kpi_assessments with the same SQL definitions the build
 * uses, so any threshold gives what a build at that threshold would.
 */
export async function flaggedAssessments(connection: DuckDBConnection, filter: FlagFilter): Promise<Record<string, Plain>[]> {
  await defineMacros(connection);
  const t = Number(filter.threshold);
  const where = [`is_flagged(status, pace, ${t})`];
  if (filter.prefecture) where.push(`(prefecture = ${sqlString(filter.prefecture)} OR prefecture_code = ${sqlString(filter.prefecture.padStart(2, "0"))})`);
  if (filter.fy !== undefined) where.push(`${Number(filter.fy)} BETWEEN period_start_fy AND period_end_fy`);
  const { rows } = await queryRows(
    connection,
    `WITH judged AS (
       SELECT * REPLACE (assessment_status(direction, target_op, target, actual, prorated_target, achievement, pace, is_partial, ${t}) AS status)
       FROM kpi_assessments
     )
     SELECT ${FLAG_COLUMNS.map((c) => (c === "source" ? "source_refs AS source" : c)).join(", ")}
     FROM judged
     WHERE ${where.join(" AND ")}
     ORDER BY prefecture_code, body, program, kpi_name, period_start_fy, period_end_fy, record_id`,
  );
  return rows;
}

export class QueryRefused extends Error {}

/** DuckDB's refusal to touch a file, worded for `kpi query`; any other error as it is. */
function refusedAccess(error: unknown): unknown {
  const message = (error as Error).message;
  return /disabled by configuration|Permission Error/i.test(message) ? new QueryRefused(`kpi query is read-only and reads only the built tables: ${message}`) : error;
}

const READ_ONLY = new Set<number>([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * Runs one read-only statement over the loaded tables. The database can no longer touch files, attach databases,
 * install extensions or change its settings; anything but SELECT or EXPLAIN is refused before it runs.
 */
export async function readOnlyQuery(connection: DuckDBConnection, sql: string): Promise<{ columns: string[]; rows: Record<string, Plain>[] }> {
  await connection.run("SET enable_external_access = false");
  await connection.run("SET lock_configuration = true");
  const statements = await connection.extractStatements(sql);
  if (statements.count !== 1) throw new QueryRefused(`kpi query runs exactly one statement; got ${statements.count}`);
  let prepared;
  try {
    prepared = await statements.prepare(0);
  } catch (error) {
    throw refusedAccess(error);
  }
  if (!READ_ONLY.has(prepared.statementType)) {
    throw new QueryRefused(`kpi query is read-only: only SELECT (and EXPLAIN) statements run, this is a ${StatementType[prepared.statementType]} statement`);
  }
  let reader;
  try {
    reader = await prepared.runAndReadAll();
  } catch (error) {
    throw refusedAccess(error);
  }
  return readerRows(reader);
}
