// Reading the built tables back: the flag list at any threshold, and read-only SQL for `kpi query`.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { StatementType } from "@duckdb/node-api";
import { defineMacros } from "./analyze.ts";
import { queryRows, quoteIdent, readerRows, withDatabase, type Plain } from "./db.ts";
import { TABLES } from "./published-tables.ts";

export class BuiltTablesError extends Error {}

/** Loads every built table found in `dataDir` (its <name>.parquet) into the connection; returns their names. */
export async function loadBuiltTables(connection: DuckDBConnection, dataDir: string): Promise<string[]> {
  const loaded: string[] = [];
  for (const table of TABLES) {
    const path = resolve(join(dataDir, `${table.name}.parquet`));
    if (!existsSync(path)) continue;
    await connection.run(`CREATE TABLE ${quoteIdent(table.name)} AS SELECT * FROM read_parquet($1)`, [path]);
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
  "achievement", "pace", "status", "is_partial", "actual_breakdown", "reason", "source", "record_id",
] as const;

/**
 * The flagged assessments at a threshold, re-judged from kpi_assessments with the same SQL definitions the build
 * uses, so any threshold gives what a build at that threshold would.
 */
export async function flaggedAssessments(connection: DuckDBConnection, filter: FlagFilter): Promise<Record<string, Plain>[]> {
  await defineMacros(connection);
  const t = Number(filter.threshold);
  const where = ["flagged_at(status, achievement, pace, $threshold)"];
  if (filter.prefecture) where.push("(prefecture = $prefecture OR prefecture_code = $prefecture_code)");
  if (filter.fy !== undefined) where.push("$fy BETWEEN period_start_fy AND period_end_fy");
  const { rows } = await queryRows(
    connection,
    // WHERE reads the built status (a column comes before an output name); the rows show the status they are flagged with
    `SELECT ${FLAG_COLUMNS.map((c) => (c === "source" ? "source_refs AS source" : c === "status" ? "flagged_status(status) AS status" : c)).join(", ")}
     FROM kpi_assessments
     WHERE ${where.join(" AND ")}
     ORDER BY prefecture_code, body, program, kpi_name, period_start_fy, period_end_fy, record_id`,
    {
      threshold: t,
      ...(filter.prefecture ? { prefecture: filter.prefecture, prefecture_code: filter.prefecture.padStart(2, "0") } : {}),
      ...(filter.fy !== undefined ? { fy: Number(filter.fy) } : {}),
    },
  );
  return rows;
}

export class QueryRefused extends Error {}

/** A statement stopped at its time limit. */
export class QueryTimedOut extends Error {}

/** DuckDB's refusal to touch a file, worded for `kpi query`; any other error as it is. */
function refusedAccess(error: unknown): unknown {
  const message = (error as Error).message;
  return /disabled by configuration|Permission Error/i.test(message) ? new QueryRefused(`kpi query is read-only and reads only the built tables: ${message}`) : error;
}

const READ_ONLY = new Set<number>([StatementType.SELECT, StatementType.EXPLAIN]);

/**
 * The statement an EXPLAIN explains: the text after EXPLAIN and its ANALYZE keyword or (options), comments skipped.
 * A parenthesised SELECT (`EXPLAIN (SELECT 1)`) may read as options, so each cut is returned, the longest first.
 */
export function explainedStatements(sql: string): string[] {
  let at = 0;
  const skipBlank = () => {
    for (;;) {
      const rest = sql.slice(at);
      const blank = /^(\s+|--[^\n]*)/.exec(rest);
      if (blank) at += blank[0].length;
      else if (rest.startsWith("/*")) {
        let depth = 0;
        let i = at;
        do {
          if (sql.startsWith("/*", i)) (depth++, (i += 2));
          else if (sql.startsWith("*/", i)) (depth--, (i += 2));
          else i++;
        } while (depth > 0 && i < sql.length);
        at = i;
      } else return;
    }
  };
  skipBlank();
  if (!/^explain\b/i.test(sql.slice(at))) return [];
  at += "explain".length;
  const cuts: string[] = [];
  for (;;) {
    skipBlank();
    cuts.unshift(sql.slice(at));
    const rest = sql.slice(at);
    const keyword = /^analy[sz]e\b/i.exec(rest);
    const options = /^\([^()'"]*\)/.exec(rest);
    if (!keyword && !options) return cuts;
    at += (keyword ?? options)![0].length;
  }
}

/** Refuses an EXPLAIN of anything but a SELECT: EXPLAIN ANALYZE runs the statement it explains. */
async function checkExplained(connection: DuckDBConnection, sql: string): Promise<void> {
  for (const inner of explainedStatements(sql)) {
    let type: StatementType;
    try {
      const statements = await connection.extractStatements(inner);
      if (statements.count !== 1) continue;
      const prepared = await statements.prepare(0);
      type = prepared.statementType;
      prepared.destroySync();
    } catch {
      continue;
    }
    if (type === StatementType.SELECT) return;
    throw new QueryRefused(`kpi query is read-only: EXPLAIN runs only over a SELECT (EXPLAIN ANALYZE runs what it explains), this explains a ${StatementType[type]} statement`);
  }
  throw new QueryRefused("kpi query is read-only: EXPLAIN runs only over a SELECT, and no SELECT was found after EXPLAIN");
}

/**
 * Runs one read-only statement over the loaded tables. The database can no longer touch files, attach databases,
 * install extensions or change its settings; anything but SELECT, or EXPLAIN of a SELECT, is refused before it runs.
 * After `timeoutSeconds` the statement is interrupted and QueryTimedOut thrown.
 */
export async function readOnlyQuery(connection: DuckDBConnection, sql: string, timeoutSeconds = Infinity): Promise<{ columns: string[]; rows: Record<string, Plain>[] }> {
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
  try {
    if (!READ_ONLY.has(prepared.statementType)) {
      throw new QueryRefused(`kpi query is read-only: only SELECT (and EXPLAIN) statements run, this is a ${StatementType[prepared.statementType]} statement`);
    }
    if (prepared.statementType === StatementType.EXPLAIN) await checkExplained(connection, sql);
    let timedOut = false;
    // setTimeout takes at most 2^31-1 ms (about 24 days); beyond that there is no limit to set
    const timer = timeoutSeconds * 1000 < 2 ** 31 ? setTimeout(() => ((timedOut = true), connection.interrupt()), timeoutSeconds * 1000) : undefined;
    try {
      return readerRows(await prepared.runAndReadAll());
    } catch (error) {
      if (timedOut) throw new QueryTimedOut(`query stopped at the time limit of ${timeoutSeconds} s (--timeout SECONDS allows more)`);
      throw refusedAccess(error);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    prepared.destroySync();
  }
}

export interface QueryBounds {
  /** Seconds before the statement is interrupted. */
  timeoutSeconds: number;
  /** DuckDB's memory_limit, e.g. "1GB". */
  memoryLimit: string;
  /** DuckDB's max_temp_directory_size: how much it may spill to disk, e.g. "4GB". */
  spillLimit: string;
}

/** The bounds of `kpi query`: 30 s, KPI_DUCKDB_MEMORY (as for a build) or 1GB of memory, KPI_DUCKDB_SPILL or 4GB of disk. */
export function defaultQueryBounds(env: NodeJS.ProcessEnv = process.env): QueryBounds {
  return { timeoutSeconds: 30, memoryLimit: env.KPI_DUCKDB_MEMORY || "1GB", spillLimit: env.KPI_DUCKDB_SPILL || "4GB" };
}

/** Where `kpi query` spills: a fresh directory per query under the system's temporary directory. */
export const SPILL_PREFIX = "kpi-query-";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Loads the built tables in `dataDir` and runs one read-only statement over them within time, memory and disk bounds.
 * DuckDB spills to a directory of its own (not its default, .tmp in the working directory), removed when the query
 * ends, however it ends: returned, failed, or stopped by SIGINT, SIGTERM or SIGHUP, after which the signal is raised
 * again so the process ends as it would have.
 */
export async function queryBuiltTables(dataDir: string, sql: string, bounds: QueryBounds): Promise<{ columns: string[]; rows: Record<string, Plain>[] }> {
  const spill = mkdtempSync(join(tmpdir(), SPILL_PREFIX));
  const removeSpill = () => rmSync(spill, { recursive: true, force: true, maxRetries: 3 });
  let running: DuckDBConnection | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    running?.interrupt();
    removeSpill();
    process.kill(process.pid, signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    const config = { memory_limit: bounds.memoryLimit, temp_directory: spill, max_temp_directory_size: bounds.spillLimit };
    return await withDatabase(async (connection) => {
      running = connection;
      await loadBuiltTables(connection, dataDir);
      return readOnlyQuery(connection, sql, bounds.timeoutSeconds);
    }, config);
  } finally {
    for (const s of STOP_SIGNALS) process.off(s, onSignal);
    removeSpill();
  }
}
