// Arrow IPC streams of the built tables, for the pages: the data loaders in src/data/*.arrow.ts call tableArrow().
// The tables come from the Parquet files `kpi build` wrote (KPI_OUT_DIR, default out/), so pages and downloads
// always show the same build.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Bool, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray, type DataType } from "apache-arrow";
import { queryRows, sqlString, withDatabase } from "../analyze/db.ts";
import { tableDef, type ColumnType } from "../analyze/tables.ts";
import { PROJECT_OUT_DIR } from "../build.ts";

/** The build the site publishes: KPI_OUT_DIR when set (tests build elsewhere), else the project's out/. */
export function siteOutDir(): string {
  return process.env.KPI_OUT_DIR || PROJECT_OUT_DIR;
}

// Dates travel as ISO text (YYYY-MM-DD): the pages show them as written and compare them as strings.
const ARROW_TYPES: Record<ColumnType, () => DataType> = {
  string: () => new Utf8(),
  integer: () => new Int32(),
  number: () => new Float64(),
  boolean: () => new Bool(),
  date: () => new Utf8(),
};

/** One built table as an Arrow IPC stream, with the column types of its definition. */
export async function tableArrow(name: string, outDir = siteOutDir()): Promise<Uint8Array> {
  const path = join(outDir, `${name}.parquet`);
  if (!existsSync(path)) throw new Error(`${path}: not built; run \`npm run build\` (it runs \`kpi build\` first)`);
  const def = tableDef(name);
  const { rows } = await withDatabase((c) => queryRows(c, `SELECT * FROM read_parquet(${sqlString(path)})`));
  const vectors = Object.fromEntries(def.columns.map((c) => [c.name, vectorFromArray(rows.map((r) => r[c.name] ?? null), ARROW_TYPES[c.type]())]));
  return tableToIPC(new Table(vectors), "stream");
}
