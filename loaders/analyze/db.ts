// DuckDB plumbing shared by the analysis, the writers and the CLI: open, load rows, read rows back as plain values.
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader, type DuckDBValue } from "@duckdb/node-api";
import type { ColumnType, TableColumn } from "./published-tables.ts";

export const SQL_TYPES: Record<ColumnType, string> = { string: "VARCHAR", integer: "INTEGER", number: "DOUBLE", boolean: "BOOLEAN", date: "DATE" };

/** An identifier (a table, column or struct field name) quoted for SQL: identifiers cannot be bound parameters. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A string as an SQL literal, for the few places DuckDB takes no bound parameter: the body of a macro
 * (loaders/publish/extracts/csv.ts), and a table expression such as read_parquet('<path>') that callers compose
 * into queries of their own (loaders/publish/site/arrow.ts builtParquet). Values of a statement are bound instead
 * (connection.run(sql, values), BoundValues).
 */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The values bound to a statement's $1, $2, …, collected while its SQL is written. */
export class BoundValues {
  readonly values: DuckDBValue[] = [];

  /** Adds a value and returns the placeholder that stands for it in the SQL. */
  bind(value: DuckDBValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Runs `fn` with a connection to a fresh in-memory database, and closes both afterwards. `config` takes DuckDB
 * settings, such as memory_limit and temp_directory for a build that must stay within a memory budget.
 */
export async function withDatabase<T>(fn: (connection: DuckDBConnection) => Promise<T>, config: Record<string, string> = {}): Promise<T> {
  const instance = await DuckDBInstance.create(":memory:", config);
  const connection = await instance.connect();
  try {
    return await fn(connection);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface TableWriter {
  /** Appends one row (an object keyed by column name). */
  append(row: object): void;
  /** Closes the appender and gives date columns their type. */
  close(): Promise<void>;
}

/** Creates `table` with the given columns and returns a writer that appends rows to it as they come. */
export async function openTable(connection: DuckDBConnection, table: string, columns: readonly TableColumn[]): Promise<TableWriter> {
  // Dates are appended as text and cast once the table is full.
  const staged = columns.map((c) => `${quoteIdent(c.name)} ${c.type === "date" ? "VARCHAR" : SQL_TYPES[c.type]}`);
  await connection.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${staged.join(", ")})`);
  const appender = await connection.createAppender(table);
  return {
    append(row) {
      for (const column of columns) {
        const value = (row as Record<string, unknown>)[column.name];
        if (value === null || value === undefined) appender.appendNull();
        else if (column.type === "integer") appender.appendInteger(value as number);
        else if (column.type === "number") appender.appendDouble(value as number);
        else if (column.type === "boolean") appender.appendBoolean(value as boolean);
        else appender.appendVarchar(String(value));
      }
      appender.endRow();
    },
    async close() {
      appender.closeSync();
      for (const column of columns.filter((c) => c.type === "date")) {
        await connection.run(`ALTER TABLE ${quoteIdent(table)} ALTER ${quoteIdent(column.name)} TYPE DATE`);
      }
    },
  };
}

/** Creates `table` with the given columns and appends the rows (objects keyed by column name). */
export async function createTable(connection: DuckDBConnection, table: string, columns: readonly TableColumn[], rows: readonly object[]): Promise<void> {
  const writer = await openTable(connection, table, columns);
  for (const row of rows) writer.append(row);
  await writer.close();
}

export type Plain = string | number | boolean | null;

/** Converts a value read from DuckDB to JSON-friendly JavaScript: integers as numbers, dates as ISO strings. */
export function toPlain(value: unknown): Plain {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return JSON.stringify(value, (_, v) => (typeof v === "bigint" ? Number(v) : v));
}

/** Runs a query, with `values` bound to its $1, $2, … or $name parameters, and returns its rows as plain objects, with the column names in order. */
export async function queryRows(connection: DuckDBConnection, sql: string, values?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<{ columns: string[]; rows: Record<string, Plain>[] }> {
  return readerRows(await connection.runAndReadAll(sql, values));
}

/** The rows of a result as plain objects, with the column names in order. */
export function readerRows(reader: DuckDBResultReader): { columns: string[]; rows: Record<string, Plain>[] } {
  const columns = reader.columnNames();
  const rows = reader.getRowObjectsJS().map((row) => Object.fromEntries(columns.map((name) => [name, toPlain(row[name])])));
  return { columns, rows };
}
