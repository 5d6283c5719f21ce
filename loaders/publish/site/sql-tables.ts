// The SQL page's list of tables: every built table's columns with their SQL types and its row count, so that the page
// shows them without loading the tables into DuckDB-WASM, which it does only for the tables a query names.
import { queryRows, SQL_TYPES, withDatabase } from "../../analyze/db.ts";
import { TABLES } from "../../analyze/published-tables.ts";
import { builtParquet, siteOutDir } from "./arrow.ts";

export interface SqlTable {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
}

export async function sqlTables(outDir = siteOutDir()): Promise<SqlTable[]> {
  return withDatabase(async (connection) => {
    const tables: SqlTable[] = [];
    for (const table of TABLES) {
      const { rows } = await queryRows(connection, `SELECT count(*) AS n FROM ${builtParquet(table.name, outDir)}`);
      tables.push({ name: table.name, rows: Number(rows[0]!.n), columns: table.columns.map((c) => ({ name: c.name, type: SQL_TYPES[c.type] })) });
    }
    return tables;
  });
}
