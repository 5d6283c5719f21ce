// Arrow IPC streams of the built tables, for the pages: the data loaders in src/data/*.arrow.ts call tableArrow(),
// or rowsArrow() for rows of their own (a query's, a column subset). The tables come from the Parquet files
// `kpi build` wrote (KPI_OUT_DIR, default out/), so pages and downloads always show the same build.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Bool, DataType, Dictionary, Float64, Int16, Int32, Int8, Schema, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { queryRows, sqlString, withDatabase } from "../../analyze/db.ts";
import { tableDef, type ColumnType } from "../../analyze/published-tables.ts";
import { PROJECT_OUT_DIR } from "../../build.ts";

/** The build the site publishes: KPI_OUT_DIR when set (tests build elsewhere), else the project's out/. */
export function siteOutDir(): string {
  return process.env.KPI_OUT_DIR || PROJECT_OUT_DIR;
}

/**
 * A built table as SQL, read_parquet('<out>/<name>.parquet'); throws when the build has no such file. The path is a
 * literal, not a bound parameter: the expression is composed into the callers' queries (a join names two tables),
 * which would otherwise each carry its value; it is the build's own output path, not a user's value.
 */
export function builtParquet(name: string, outDir = siteOutDir()): string {
  const path = join(outDir, `${name}.parquet`);
  if (!existsSync(path)) throw new Error(`${path}: not built; run \`npm run build\` (it runs \`kpi build\` first)`);
  return `read_parquet(${sqlString(path)})`;
}

/** A column of an Arrow stream: the row property it takes and the Arrow type it is written as. */
export interface ArrowColumn {
  name: string;
  type: DataType;
}

// Dates travel as ISO text (YYYY-MM-DD): the pages show them as written and compare them as strings.
const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  string: () => new Utf8(),
  integer: () => new Int32(),
  number: () => new Float64(),
  boolean: () => new Bool(),
  date: () => new Utf8(),
};

/**
 * Columns of a built table with the types of its definition: all of them, or the named ones in the order named.
 * Text columns named in `dictionary` are dictionary-encoded, each distinct text stored once and each row an index
 * into them: for text that repeats from row to row (prefecture, body, unit), not for text new on every row (record_id).
 */
export function definedColumns(table: string, names?: readonly string[], { dictionary = [] }: { dictionary?: readonly string[] } = {}): ArrowColumn[] {
  const def = tableDef(table);
  const picked = names ? names.map((n) => def.columns.find((c) => c.name === n) ?? missing(table, n)) : def.columns;
  return picked.map((c) => {
    const type = ARROW_TYPES[c.type]();
    return { name: c.name, type: dictionary.includes(c.name) ? new Dictionary(type, new Int32()) : type };
  });
}

function missing(table: string, name: string): never {
  throw new Error(`${table} has no column ${name}`);
}

/** A dictionary type whose indices are as narrow as the number of distinct values allows. */
function narrowed(type: DataType, values: readonly unknown[]): DataType {
  if (!DataType.isDictionary(type)) return type;
  const distinct = new Set(values).size;
  return new Dictionary(type.dictionary, distinct <= 0x7f ? new Int8() : distinct <= 0x7fff ? new Int16() : new Int32());
}

/**
 * Rows as an Arrow IPC stream: one vector per column (missing values null; dictionary indices as narrow as the
 * distinct values allow), and key-value metadata on the schema.
 */
export function rowsArrow(rows: readonly Record<string, unknown>[], columns: readonly ArrowColumn[], metadata: Record<string, string> = {}): Uint8Array {
  const vectors = Object.fromEntries(
    columns.map((c) => {
      const values = rows.map((r) => r[c.name] ?? null);
      return [c.name, vectorFromArray(values, narrowed(c.type, values))];
    }),
  );
  const table = new Table(vectors);
  const schema = new Schema(table.schema.fields, new Map(Object.entries(metadata)));
  return tableToIPC(new Table(schema, table.batches), "stream");
}

/** One built table as an Arrow IPC stream, with the column types of its definition. */
export async function tableArrow(name: string, outDir = siteOutDir()): Promise<Uint8Array> {
  const { rows } = await withDatabase((c) => queryRows(c, `SELECT * FROM ${builtParquet(name, outDir)}`));
  return rowsArrow(rows, definedColumns(name));
}
