// Reads the analyst-editable CSV tables under data/.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export const DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));

/** Reads a CSV with a header row from data/ as an array of string records. */
export function readDataTable(relativePath: string): Record<string, string>[] {
  const path = DATA_DIR + relativePath;
  const rows = parse(readFileSync(path), { columns: true, skip_empty_lines: true, trim: true, bom: true, comment: "#" });
  return rows as Record<string, string>[];
}

/** Compiles a regex from a rule table, naming the table and row when it is invalid. */
export function compileRulePattern(pattern: string, table: string, row: number): RegExp {
  try {
    return new RegExp(pattern, "u");
  } catch (error) {
    throw new Error(`${table}:${row + 2}: invalid pattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}
