// `kpi build --partitioned`: kpi_records and kpi_assessments also as hive-partitioned Parquet
// (partitioned/<table>/fiscal_year=…/prefecture_code=…/data_0.parquet), read back equal to the single files, and the
// same bytes on every build.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, withDatabase } from "../loaders/analyze/db.ts";
import { tableDef } from "../loaders/analyze/published-tables.ts";
import { build, type BuildResult } from "../loaders/build.ts";
import { PARTITIONED_TABLES } from "../loaders/publish/partitioned.ts";
import { filesOf } from "./helpers/files.ts";

const BUILD_DATE = "2026-01-01";

/** The hive-partitioned reading of a table, with the partition columns' types given, as a user would write it. */
function partitionsSql(out: string, table: string): string {
  return `read_parquet('${join(out, "partitioned", table)}/*/*/*.parquet', hive_partitioning = true, hive_types = {'fiscal_year': INTEGER, 'prefecture_code': VARCHAR})`;
}

describe("kpi build --partitioned", () => {
  let dir: string;
  let first: BuildResult;
  let plain: BuildResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kpi-partitioned-"));
    first = await build({ outDir: join(dir, "a"), buildDate: BUILD_DATE, partitioned: true });
    await build({ outDir: join(dir, "b"), buildDate: BUILD_DATE, partitioned: true });
    plain = await build({ outDir: join(dir, "plain"), buildDate: BUILD_DATE });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes a directory a fiscal year, and in it one a prefecture, for both tables", () => {
    expect(first.partitioned).toEqual(PARTITIONED_TABLES.map((t) => `partitioned/${t}`));
    for (const table of PARTITIONED_TABLES) {
      const files = filesOf(join(dir, "a", "partitioned", table));
      expect(files.length).toBeGreaterThan(5);
      for (const file of files) expect(file).toMatch(/^fiscal_year=\d{4}\/prefecture_code=\d{2}\/data_0\.parquet$/);
    }
  });

  it("holds the same rows as the single Parquet files, each in the partition of its period_start_fy and prefecture", async () => {
    const out = join(dir, "a");
    await withDatabase(async (connection) => {
      for (const table of PARTITIONED_TABLES) {
        const columns = tableDef(table).columns.map((c) => `"${c.name}"`).join(", ");
        const single = `(SELECT ${columns} FROM read_parquet('${join(out, `${table}.parquet`)}'))`;
        const parts = `(SELECT ${columns} FROM ${partitionsSql(out, table)})`;
        const count = async (sql: string) => Number((await queryRows(connection, `SELECT count(*) AS n FROM ${sql}`)).rows[0]!.n);
        const rows = await count(single);
        expect(rows).toBeGreaterThan(50);
        expect(await count(parts)).toBe(rows);
        expect(await count(`(${single} EXCEPT ALL ${parts})`)).toBe(0);
        expect(await count(`(${parts} EXCEPT ALL ${single})`)).toBe(0);
        expect(await count(`${partitionsSql(out, table)} WHERE fiscal_year IS DISTINCT FROM period_start_fy`)).toBe(0);
        // The columns come back with the single file's types, the partition columns included.
        const types = async (sql: string) => (await queryRows(connection, `DESCRIBE ${sql}`)).rows.map((r) => [r.column_name, r.column_type]);
        expect(await types(parts)).toEqual(await types(single));
      }
    });
  });

  it("writes the same bytes on every build", () => {
    const a = join(dir, "a", "partitioned");
    const b = join(dir, "b", "partitioned");
    expect(filesOf(b)).toEqual(filesOf(a));
    for (const file of filesOf(a)) expect(readFileSync(join(b, file)).equals(readFileSync(join(a, file))), file).toBe(true);
  });

  it("leaves the rest of the output as a build without it writes it", () => {
    expect(plain.partitioned).toEqual([]);
    expect(existsSync(join(dir, "plain", "partitioned"))).toBe(false);
    const files = filesOf(join(dir, "plain"));
    expect(filesOf(join(dir, "a")).filter((f) => !f.startsWith("partitioned/"))).toEqual(files);
    for (const file of files) expect(readFileSync(join(dir, "a", file)).equals(readFileSync(join(dir, "plain", file))), file).toBe(true);
  });
});
