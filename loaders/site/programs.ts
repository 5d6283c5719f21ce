// The programs of the build, for the site's parameterized program pages (/programs/<id>).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { queryRows, sqlString, withDatabase } from "../analyze/db.ts";
// @ts-expect-error: a plain JavaScript module shared with the pages
import { programId } from "../../src/components/program-id.js";
import { siteOutDir } from "./arrow.ts";

/**
 * The page path of every program that has a record in the build, in a stable order. KPI_PROGRAM_PAGES caps how
 * many are built: the benchmark builds a national corpus's overview and flags pages without tens of thousands of
 * program pages.
 */
export async function programPaths(outDir = siteOutDir(), limit = programPageLimit()): Promise<string[]> {
  const path = join(outDir, "kpi_records.parquet");
  if (!existsSync(path)) return [];
  const { rows } = await withDatabase((c) =>
    queryRows(c, `SELECT DISTINCT prefecture_code, body, program FROM read_parquet(${sqlString(path)}) ORDER BY ALL${Number.isFinite(limit) ? ` LIMIT ${limit}` : ""}`),
  );
  return rows.map((r) => `/programs/${programId(r.prefecture_code, r.body, r.program) as string}`);
}

function programPageLimit(): number {
  const text = process.env.KPI_PROGRAM_PAGES;
  if (text === undefined || text === "") return Infinity;
  if (!/^\d+$/.test(text)) throw new Error(`KPI_PROGRAM_PAGES must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}
