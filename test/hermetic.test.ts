// Same inputs, same bytes; and nothing from outside the lockfile. Every table is written in a total order, so two
// builds of one corpus give identical out/ at any size; the libraries Framework's client bundle names are pinned to
// the lockfile. (The site build with no network at all is checked in .ci/run, under `unshare -n`.)
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quoteIdent, SQL_TYPES, withDatabase } from "../loaders/analyze/db.ts";
import { TABLES, type TableColumn } from "../loaders/analyze/published-tables.ts";
import { build } from "../loaders/build.ts";
import { SCHEMA_VERSION } from "../loaders/publish/extracts/datapackage.ts";
import { writeExtracts } from "../loaders/publish/extracts/write-extracts.ts";
import { FRAMEWORK_NPM_PINS, npmVersions } from "../scripts/npm-pins.ts";
import { kpi } from "./helpers/cli.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** The files of two directories that differ in name or in any byte. */
function differences(a: string, b: string): string[] {
  const names = [...new Set([...readdirSync(a), ...readdirSync(b)])].sort();
  return names.filter((name) => {
    try {
      return !readFileSync(join(a, name)).equals(readFileSync(join(b, name)));
    } catch {
      return true;
    }
  });
}

describe("row order", () => {
  it("every table's orderBy ends with its primary key, so no two rows tie", () => {
    for (const table of TABLES) {
      expect(table.orderBy.slice(-table.primaryKey.length), table.name).toEqual([...table.primaryKey]);
      for (const column of table.orderBy) expect(table.columns.map((c) => c.name), `${table.name}.${column}`).toContain(column);
    }
  });
});

describe("the same tables give the same bytes", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kpi-same-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A value of each type, repeating often, so that the order rests on the whole orderBy; the last column of the
  // primary key is unique.
  const value = (c: TableColumn, unique: boolean): string =>
    unique
      ? { string: "md5(CAST(i AS VARCHAR))", integer: "CAST(i AS INTEGER)", number: "CAST(i AS DOUBLE)", boolean: "i % 2 = 0", date: "DATE '2020-04-01' + CAST(i AS INTEGER)" }[c.type]
      : { string: "'v' || CAST(i % 7 AS VARCHAR)", integer: "CAST(i % 13 AS INTEGER)", number: "(i % 101) / 7.0", boolean: "i % 2 = 0", date: "DATE '2020-04-01' + CAST(i % 365 AS INTEGER)" }[c.type];

  it("a table of more than one DuckDB row group (122,880 rows) is written in the same order twice", async () => {
    // Below one row group DuckDB's CSV writer kept the scan's order; above it, its 2,048-row chunks came out in
    // another order on each run (seen at 160k records; 130k rows of kpi_series here).
    const rows = 130_000;
    const meta = { buildDate: "2026-01-01", threshold: 0.5, schemaVersion: SCHEMA_VERSION, sources: [] };
    await withDatabase(async (connection) => {
      for (const table of TABLES) {
        const unique = table.primaryKey[table.primaryKey.length - 1];
        const columns = table.columns.map((c) => `CAST(${value(c, c.name === unique)} AS ${SQL_TYPES[c.type]}) AS ${quoteIdent(c.name)}`);
        const n = table.name === "kpi_series" ? rows : 0;
        await connection.run(`CREATE TABLE ${quoteIdent(table.name)} AS SELECT ${columns.join(", ")} FROM range(${n}) t(i) ORDER BY random()`);
      }
      await writeExtracts(connection, join(dir, "a"), meta);
      await writeExtracts(connection, join(dir, "b"), meta);
    });
    expect(differences(join(dir, "a"), join(dir, "b"))).toEqual([]);
  });
});

describe("a synthetic corpus built twice", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kpi-twice-"));
    // About 20k records; the CSV bug above needs 123k rows in one table (a corpus of 160k records shows it).
    const synth = await kpi(["synth", "--out", dir, "--prefectures", "10", "--years", "5", "--programs-per-body", "1", "--seed", "7"]);
    expect(synth.code, synth.stderr).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("gives byte-identical out/", async () => {
    // The second build takes each document's records from the extraction cache the first one filled, and runs all the
    // rest again: the assessment and writing in DuckDB, where rows could come out in another order. (The same bytes
    // give the same records: fuzz.test.ts; a build from the cache writes what a clean one does: incremental.test.ts.)
    const options = { sourcesDir: join(dir, "sources"), curationDir: null, buildDate: "2026-01-01", cacheDir: join(dir, "cache") };
    const first = await build({ ...options, outDir: join(dir, "out1") });
    const second = await build({ ...options, outDir: join(dir, "out2") });
    expect(first.records).toBeGreaterThan(15_000);
    expect(first.documents.cached).toBe(0);
    expect(second.documents).toEqual({ read: first.documents.read, cached: first.documents.read });
    expect(differences(join(dir, "out1"), join(dir, "out2"))).toEqual([]);
  }, 120_000);
});

describe("the libraries Framework's client bundle names", () => {
  it("take the lockfile's version when installed", () => {
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
    const versions = npmVersions(ROOT);
    for (const [name, pin] of Object.entries(FRAMEWORK_NPM_PINS)) {
      if (pin === "lockfile") expect(versions.get(name), name).toBe(lock.packages[`node_modules/${name}`]?.version);
      else expect(pin, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
    // htl: the registry's latest is 1.x; the site bundles the lockfile's 0.3.
    expect(versions.get("htl")).toBe(lock.packages["node_modules/htl"]!.version);
  });
});
