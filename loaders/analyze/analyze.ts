// The analysis: records and indicator rules go into DuckDB, the SQL files in sql/ compute the published tables.
import { readdirSync, readFileSync } from "node:fs";
import type { DuckDBConnection } from "@duckdb/node-api";
import type { KpiRecord } from "../extract/schema.ts";
import { createTable, queryRows, SQL_TYPES } from "./db.ts";
import { nameRules, readAggregationRules, readIndicatorOverrides, type AggregationRule, type IndicatorOverride } from "./indicators.ts";
import { DEFAULT_THRESHOLD, TABLES, tableDef, type TableColumn } from "./published-tables.ts";

const SQL_DIR = new URL("./sql/", import.meta.url);

export interface AnalyzeOptions {
  /** Achievement under which an assessment is flagged; default 0.5. */
  threshold?: number;
  /** Rule tables; default data/rules/aggregation.csv and data/rules/indicator_overrides.csv. */
  aggregationRules?: readonly AggregationRule[];
  overrides?: readonly IndicatorOverride[];
  /** The source registry and each document's date (the build passes data/sources/sources.csv and the report's dates). */
  sources?: readonly SourceRegistryRow[];
}

/** What the analysis knows of a source document beyond its records: its name, date and coverage. */
export interface SourceRegistryRow {
  source_file: string;
  title: string | null;
  publisher: string | null;
  /** Separated by '; '. */
  prefectures: string | null;
  url: string | null;
  written_on: string | null;
  written_on_basis: "registry" | "document" | null;
  coverage: string | null;
}

const REGISTRY_COLUMNS: TableColumn[] = (
  [
    ["source_file", "string"], ["title", "string"], ["publisher", "string"], ["prefectures", "string"], ["url", "string"],
    ["written_on", "date"], ["written_on_basis", "string"], ["coverage", "string"],
  ] as const
).map(([name, type]) => ({ name, type, nullable: name !== "source_file", description: "", description_ja: "" }));

/** The SQL files, in the order they run. */
export function sqlFiles(): { name: string; sql: string }[] {
  return readdirSync(SQL_DIR)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .map((name) => ({ name, sql: readFileSync(new URL(name, SQL_DIR), "utf8") }));
}

/** Checks a threshold given by a user: a number from 0 to 1 (exclusive of neither). */
export function parseThreshold(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 1) throw new RangeError(`threshold must be a number from 0 to 1, got ${JSON.stringify(text)}`);
  return value;
}

/** Defines the shared macros (fiscal-year dates, achievement, status) on a connection. */
export async function defineMacros(connection: DuckDBConnection): Promise<void> {
  await connection.run(sqlFiles().find((f) => f.name === "01_macros.sql")!.sql);
}

/**
 * Loads the records into `kpi_records` and creates every table of TABLES on the connection.
 * Throws if a table the SQL created differs from its definition in tables.ts.
 */
export async function analyze(connection: DuckDBConnection, records: readonly KpiRecord[], options: AnalyzeOptions = {}): Promise<void> {
  await createTable(connection, "kpi_records", tableDef("kpi_records").columns, records);
  await analyzeLoaded(connection, options);
}

/** As analyze, with the records already in `kpi_records` (see openTable). */
export async function analyzeLoaded(connection: DuckDBConnection, options: AnalyzeOptions = {}): Promise<void> {
  await loadAnalysisInputs(connection, options);
  await runSqlFiles(connection);
  for (const def of TABLES) await checkTable(connection, def.name, def.columns);
}

/**
 * What the SQL files read beside kpi_records: indicator_rules (one aggregation per indicator, its override if it
 * has one, else the rule of its name and unit), source_registry, and the variable threshold.
 */
export async function loadAnalysisInputs(connection: DuckDBConnection, options: AnalyzeOptions = {}): Promise<void> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`threshold must be from 0 to 1, got ${threshold}`);
  const { rows: names } = await queryRows(connection, "SELECT DISTINCT kpi_name, unit FROM kpi_records ORDER BY ALL");
  const text = (...columns: string[]): TableColumn[] => columns.map((name) => ({ name, type: "string", nullable: false, description: "", description_ja: "" }));
  const rules = nameRules(names as { kpi_name: string; unit: string }[], options.aggregationRules ?? readAggregationRules());
  await createTable(connection, "name_rules", text("kpi_name", "unit", "aggregation", "aggregation_rule"), rules);
  await createTable(connection, "indicator_overrides", text("prefecture", "body", "program", "kpi_name", "unit", "aggregation", "reason"), options.overrides ?? readIndicatorOverrides());
  await connection.run(`CREATE OR REPLACE TABLE indicator_rules AS
    SELECT k.prefecture_code, k.body, k.program, k.kpi_name, k.unit,
      coalesce(o.aggregation, n.aggregation) AS aggregation,
      coalesce('indicator_overrides.csv: ' || o.reason, n.aggregation_rule) AS aggregation_rule
    FROM (SELECT DISTINCT prefecture, prefecture_code, body, program, kpi_name, unit FROM kpi_records) k
    JOIN name_rules n USING (kpi_name, unit)
    LEFT JOIN indicator_overrides o
      ON o.prefecture = k.prefecture AND o.body = k.body AND o.program = k.program AND o.kpi_name = k.kpi_name AND o.unit = k.unit`);
  await createTable(connection, "source_registry", REGISTRY_COLUMNS, options.sources ?? []);
  await connection.run("SET VARIABLE threshold = $1", [threshold]);
}

/** Runs the SQL files in order; an error names the file. */
async function runSqlFiles(connection: DuckDBConnection): Promise<void> {
  for (const file of sqlFiles()) {
    try {
      await connection.run(file.sql);
    } catch (error) {
      throw new Error(`loaders/analyze/sql/${file.name}: ${(error as Error).message}`);
    }
  }
}

/** The table's columns, names and types, must be exactly those of its definition. */
async function checkTable(connection: DuckDBConnection, table: string, columns: readonly TableColumn[]): Promise<void> {
  const { rows } = await queryRows(connection, "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = $1 AND NOT internal ORDER BY column_index", [table]);
  const actual = rows.map((r) => `${r.column_name} ${r.data_type}`);
  const expected = columns.map((c) => `${c.name} ${SQL_TYPES[c.type]}`);
  const normalize = (s: string) => s.replace(/ BIGINT$/, " INTEGER");
  if (actual.map(normalize).join(", ") !== expected.join(", ")) {
    throw new Error(`table ${table} does not match its definition in loaders/analyze/published-tables.ts:\n  SQL:        ${actual.join(", ")}\n  definition: ${expected.join(", ")}`);
  }
}
