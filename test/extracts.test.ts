// The researcher extracts, written from the real sources through the real pipeline into temporary directories.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DuckDBConnection } from "@duckdb/node-api";
import { analyze } from "../loaders/analyze/analyze.ts";
import { queryRows, quoteIdent, sqlString, SQL_TYPES, withDatabase, type Plain } from "../loaders/analyze/db.ts";
import { TABLES, type TableDef } from "../loaders/analyze/published-tables.ts";
import { listSources, extractDefault } from "../loaders/extract/extract.ts";
import { recordId, type KpiRecord } from "../loaders/extract/schema.ts";
import { csvTextCell, defineCsvMacros } from "../loaders/publish/extracts/csv.ts";
import { SCHEMA_VERSION, sourceInfo, type ExtractMeta, type WrittenFile } from "../loaders/publish/extracts/datapackage.ts";
import { writeExtracts } from "../loaders/publish/extracts/write-extracts.ts";
import { COVERAGE_LABELS, KIND_LABELS, RATIO_COLUMNS, STATUS_LABELS, VALUE_LABELS } from "../src/lib/labels.js";
import { SOURCES_DIR } from "./helpers/sources.ts";

type Row = Record<string, Plain>;

const INJECTIONS = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTAB", "\rCR", "＝SUM(A1)", "＠A1", "＋1", "－2"];

/** The real records, plus copies of one whose program and note begin with a spreadsheet formula character. */
async function records(): Promise<KpiRecord[]> {
  const real = (await extractDefault()).records;
  const base = real.find((r) => r.target !== null && r.actual !== null && r.document_kind === "grant_status_report")!;
  const injected = INJECTIONS.map((text, i) => {
    const r: KpiRecord = { ...base, kpi_name: `${base.kpi_name}（注入${i}）`, program: text, note: text };
    return { ...r, record_id: recordId(r) };
  });
  return [...real, ...injected];
}

function meta(): ExtractMeta {
  return { buildDate: "2025-03-31", threshold: 0.5, schemaVersion: SCHEMA_VERSION, sources: sourceInfo(SOURCES_DIR, listSources(SOURCES_DIR)) };
}

interface Build {
  dir: string;
  files: WrittenFile[];
  tables: Record<string, { columns: string[]; rows: Row[] }>;
}

async function build(records: readonly KpiRecord[], threshold = 0.5): Promise<Build> {
  const dir = mkdtempSync(join(tmpdir(), "kpi-extracts-"));
  return withDatabase(async (connection) => {
    await analyze(connection, records, { threshold });
    const files = await writeExtracts(connection, join(dir, "out"), { ...meta(), threshold });
    const tables: Build["tables"] = {};
    for (const def of TABLES) tables[def.name] = await queryRows(connection, `SELECT * FROM ${quoteIdent(def.name)} ORDER BY ${def.orderBy.map(quoteIdent).join(", ")}`);
    return { dir: join(dir, "out"), files, tables };
  });
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const read = (b: Build, path: string) => readFileSync(join(b.dir, path));
const csvRows = (b: Build, table: string): string[][] => parse(read(b, `${table}.csv`), { bom: false, record_delimiter: "\n" });

/** The cell the CSV must hold for a value of the table. */
function expectedCell(value: Plain): string {
  if (value === null) return "";
  if (typeof value === "string") return /^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value;
  return String(value);
}

let first: Build;
let second: Build;
let empty: Build;

beforeAll(async () => {
  first = await build(await records());
  second = await build(await records());
  empty = await build([]);
}, 60_000);

afterAll(() => {
  for (const b of [first, second, empty]) if (b) rmSync(join(b.dir, ".."), { recursive: true, force: true });
});

describe("writeExtracts", () => {
  it("writes Parquet, CSV and Excel CSV for every table, then datapackage.json, and lists them sorted by path", () => {
    const expected = [...TABLES.flatMap((t) => [`${t.name}.csv`, `${t.name}.excel.csv`, `${t.name}.parquet`]), "datapackage.json"].sort();
    expect(first.files.map((f) => f.path)).toEqual(expected);
    expect(readdirSync(first.dir).sort()).toEqual(expected);
    for (const f of first.files) {
      const bytes = read(first, f.path);
      expect({ path: f.path, bytes: bytes.length, sha256: sha256(bytes) }).toEqual(f);
    }
  });

  it("gives byte-identical files when rebuilt from the same inputs in a fresh database", () => {
    expect(second.files).toEqual(first.files);
    for (const f of first.files) expect(sha256(read(second, f.path)), f.path).toBe(sha256(read(first, f.path)));
  });

  it("rejects a build date that is not a real YYYY-MM-DD date, before writing anything", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kpi-extracts-"));
    try {
      await withDatabase(async (c) => {
        await expect(writeExtracts(c, join(dir, "out"), { ...meta(), buildDate: "2025-02-30" })).rejects.toThrow(/buildDate/);
        for (const buildDate of ["2025-02-32", "31/03/2025", "2025-3-31"]) await expect(writeExtracts(c, join(dir, "out"), { ...meta(), buildDate })).rejects.toThrow(/buildDate/);
      });
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves no file behind when a table cannot be written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kpi-extracts-"));
    try {
      await withDatabase(async (c) => {
        await expect(writeExtracts(c, join(dir, "out"), meta())).rejects.toThrow(/kpi_records/);
      });
      expect(readdirSync(join(dir, "out"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Parquet", () => {
  async function readParquet(c: DuckDBConnection, b: Build, table: TableDef) {
    const path = sqlString(join(b.dir, `${table.name}.parquet`));
    const data = await queryRows(c, `SELECT * FROM read_parquet(${path})`);
    const types = (await queryRows(c, `DESCRIBE SELECT * FROM read_parquet(${path})`)).rows.map((r) => `${r.column_name} ${r.column_type}`);
    const kv = (await queryRows(c, `SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata(${path})`)).rows;
    return { ...data, types, kv: Object.fromEntries(kv.map((r) => [r.key, r.value])) };
  }

  it("reads back as the table: same rows in the same order, the defined column names and types", async () => {
    await withDatabase(async (c) => {
      for (const table of TABLES) {
        const parquet = await readParquet(c, first, table);
        expect(parquet.types, table.name).toEqual(table.columns.map((col) => `${col.name} ${SQL_TYPES[col.type]}`));
        expect(parquet.columns).toEqual(first.tables[table.name]!.columns);
        expect(parquet.rows, table.name).toEqual(first.tables[table.name]!.rows);
      }
    });
    expect(first.tables.kpi_records!.rows.length).toBeGreaterThan(200);
  });

  it("carries the build's metadata", async () => {
    const m = meta();
    await withDatabase(async (c) => {
      for (const table of TABLES) {
        const { kv } = await readParquet(c, first, table);
        expect(kv).toMatchObject({
          schema_version: SCHEMA_VERSION,
          table: table.name,
          build_date: "2025-03-31",
          threshold: "0.5",
          sources: listSources(SOURCES_DIR).join(";"),
          source_sha256: m.sources.map((s) => sha256(readFileSync(join(SOURCES_DIR, s.file)))).join(";"),
          generator: "hyogaki-kpi",
        });
      }
    });
  });

  it("of an empty build, holds no rows but the defined types", async () => {
    await withDatabase(async (c) => {
      for (const table of TABLES) {
        const parquet = await readParquet(c, empty, table);
        expect(parquet.rows).toEqual([]);
        expect(parquet.types).toEqual(table.columns.map((col) => `${col.name} ${SQL_TYPES[col.type]}`));
      }
    });
  });
});

describe("CSV", () => {
  it("has the defined columns as header and every row of the table, cell by cell, in the table's order", () => {
    for (const table of TABLES) {
      const [header, ...rows] = csvRows(first, table.name);
      expect(header).toEqual(table.columns.map((c) => c.name));
      const expected = first.tables[table.name]!.rows.map((row) => table.columns.map((c) => expectedCell(row[c.name] ?? null)));
      expect(rows, table.name).toEqual(expected);
    }
  });

  it("is UTF-8 without BOM with LF line endings, one line per row when no cell holds a line break", () => {
    const text = read(first, "kpi_series.csv").toString("utf8");
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toMatch(/\r\n/);
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").length - 2).toBe(first.tables.kpi_series!.rows.length);
  });

  it("writes integral doubles without .0 and other numbers in their shortest round-trip form", () => {
    let integral = 0;
    let fractional = 0;
    for (const table of TABLES) {
      const [, ...rows] = csvRows(first, table.name);
      for (const [i, column] of table.columns.entries()) {
        if (column.type !== "number") continue;
        for (const [j, row] of first.tables[table.name]!.rows.entries()) {
          const value = row[column.name];
          if (typeof value !== "number") continue;
          const cell = rows[j]![i]!;
          if (Number.isInteger(value)) {
            integral++;
            expect(cell).toMatch(/^\d+$/);
          } else {
            fractional++;
            expect(Number(cell)).toBe(value);
            expect(cell.length).toBeLessThanOrEqual(String(value).length);
          }
        }
      }
    }
    expect(integral).toBeGreaterThan(100);
    expect(fractional).toBeGreaterThan(100);
  });

  it("writes booleans as true/false, dates as YYYY-MM-DD and nulls as empty cells", () => {
    const table = TABLES.find((t) => t.name === "kpi_assessments")!;
    const [, ...rows] = csvRows(first, table.name);
    const column = (name: string) => rows.map((r) => r[table.columns.findIndex((c) => c.name === name)]!);
    expect(new Set(column("is_partial"))).toEqual(new Set(["true", "false"]));
    expect(column("actual_through").filter((c) => c !== "").every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c))).toBe(true);
    expect(column("pace")).toContain("");
  });

  it("puts an apostrophe before text that begins with = + - @ tab or CR or their full-width forms, and leaves numbers alone", () => {
    const text = read(first, "kpi_records.csv").toString("utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    for (const start of ["+1", "-2", "@SUM(A1)", "\tTAB", "\rCR", "＝SUM(A1)", "＠A1", "＋1", "－2"]) expect(text).toContain(`"'${start}"`);
    for (const table of ["kpi_records", "kpi_assessments"]) {
      const def = TABLES.find((t) => t.name === table)!;
      const [header, ...rows] = csvRows(first, table);
      const at = (name: string) => header!.indexOf(name);
      const injected = rows.filter((r) => r[at("kpi_name")]!.includes("（注入"));
      expect(injected.map((r) => r[at("program")]).sort()).toEqual(INJECTIONS.map((s) => `'${s}`).sort());
      expect(injected.map((r) => r[at("note")]).sort()).toEqual(INJECTIONS.map((s) => `'${s}`).sort());
      for (const row of injected) {
        for (const [i, column] of def.columns.entries()) if (column.type !== "string") expect(row[i]).not.toMatch(/^'/);
      }
    }
  });

  it("of an empty build, is the header line alone", () => {
    for (const table of TABLES) expect(read(empty, `${table.name}.csv`).toString("utf8")).toBe(table.columns.map((c) => c.name).join(",") + "\n");
  });

});

describe("Excel CSV", () => {
  const excelRows = (b: Build, table: string): string[][] => parse(read(b, `${table}.excel.csv`), { bom: true, record_delimiter: "\n" });
  const def = (name: string) => TABLES.find((t) => t.name === name)!;

  it("is UTF-8 with a BOM, headed by each column's Japanese description, unique within its table", () => {
    for (const table of TABLES) {
      const bytes = read(first, `${table.name}.excel.csv`);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [header, ...rows] = excelRows(first, table.name);
      expect(header, table.name).toEqual(table.columns.map((c) => c.description_ja));
      expect(new Set(header).size, table.name).toBe(header!.length);
      for (const h of header!) expect(h, table.name).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(rows.length, table.name).toBe(first.tables[table.name]!.rows.length);
    }
    expect(excelRows(first, "kpi_assessments")[0]).toContain("評価");
  });

  it("shows coded values as the site's Japanese labels, booleans as はい/いいえ and ratios as percentages with one decimal", () => {
    const table = def("kpi_assessments");
    const [header, ...rows] = excelRows(first, table.name);
    const source = first.tables[table.name]!.rows;
    const at = (name: string) => header!.indexOf(table.columns.find((c) => c.name === name)!.description_ja);
    for (const [i, row] of source.entries()) {
      expect(rows[i]![at("status")]).toBe(STATUS_LABELS[row.status as string]);
      expect(rows[i]![at("coverage")]).toBe(COVERAGE_LABELS[row.coverage as string]);
      expect(rows[i]![at("kpi_kind")]).toBe(KIND_LABELS[row.kpi_kind as string]);
      expect(rows[i]![at("flagged")]).toBe(row.flagged ? "はい" : "いいえ");
      const achievement = row.achievement as number | null;
      expect(rows[i]![at("achievement")]).toBe(achievement === null ? "" : `${(Math.round(achievement * 100 * 10) / 10).toFixed(1)}%`);
    }
    expect(new Set(rows.map((r) => r[at("status")]))).toContain("達成");
    // 1 of 7: 0.14285714285714285 is written as 14.3%
    const seventh = rows.filter((_, i) => source[i]!.achievement === 1 / 7);
    expect(seventh.length).toBeGreaterThan(0);
    for (const r of seventh) expect(r[at("achievement")]).toBe("14.3%");
    const summary = excelRows(first, "prefecture_summary");
    const shares = summary.slice(1).map((r) => r[summary[0]!.indexOf("達成割合")]!).filter((c) => c !== "");
    expect(shares.length).toBeGreaterThan(10);
    for (const c of shares) expect(c).toMatch(/^\d+\.\d%$/);
  });

  it("gives every coded column of every table a label for each value it allows", () => {
    for (const table of TABLES) {
      for (const column of table.columns.filter((c) => c.values)) {
        const labels = VALUE_LABELS[column.name];
        expect(labels, `${table.name}.${column.name}`).toBeDefined();
        for (const value of column.values!) expect(labels![value], `${table.name}.${column.name} ${value}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
    }
    for (const name of RATIO_COLUMNS) expect(TABLES.some((t) => t.columns.some((c) => c.name === name && c.type === "number")), name).toBe(true);
  });

  it("keeps the formula guard", () => {
    const [header, ...rows] = excelRows(first, "kpi_records");
    const at = (name: string) => header!.indexOf(def("kpi_records").columns.find((c) => c.name === name)!.description_ja);
    const injected = rows.filter((r) => r[at("kpi_name")]!.includes("（注入"));
    expect(injected.map((r) => r[at("program")]).sort()).toEqual(INJECTIONS.map((s) => `'${s}`).sort());
  });

  it("leaves the canonical CSV with the English names and exact values", () => {
    const [header, ...rows] = csvRows(first, "kpi_assessments");
    expect(header).toEqual(def("kpi_assessments").columns.map((c) => c.name));
    const at = (name: string) => header!.indexOf(name);
    const source = first.tables.kpi_assessments!.rows;
    expect(rows.map((r) => r[at("status")])).toEqual(source.map((r) => r.status));
    expect(rows.map((r) => r[at("achievement")])).toEqual(source.map((r) => (r.achievement === null ? "" : String(r.achievement))));
    expect(rows.map((r) => r[at("achievement")])).toContain(String(1 / 7));
  });

  it("of an empty build, is the BOM and the Japanese header line alone", () => {
    for (const table of TABLES) expect(read(empty, `${table.name}.excel.csv`).toString("utf8")).toBe("\ufeff" + table.columns.map((c) => c.description_ja).join(",") + "\n");
  });
});

describe("CSV cell macros", () => {
  async function cells(sqlValues: string[], macro: string): Promise<string[]> {
    return withDatabase(async (c) => {
      await defineCsvMacros(c);
      const { rows } = await queryRows(c, `SELECT ${macro}(v) AS cell FROM unnest([${sqlValues.join(", ")}]) WITH ORDINALITY AS t(v, i) ORDER BY i`);
      return rows.map((r) => r.cell as string);
    });
  }

  it("csv_number spells every double as JavaScript's String() does", async () => {
    const edge = [0, -0, 200, 0.455, 1 / 3, 0.1 + 0.2, 1e-7, 1.5e-7, 1e-6, 1.234e-6, 1e-5, 1e15, 1e16, 2 ** 53, 2 ** 60, 1e20, 1.2345e20, 1e21, 1.5e21, -1e21, 5e-324, Number.MAX_VALUE, -0.5, 123456789.125];
    const values = [...edge, ...fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 3000, seed: 42 })];
    const got = await cells(values.map((v) => `${sqlString(String(v))}::DOUBLE`), "csv_number");
    expect(got).toEqual(values.map((v) => String(v)));
  });

  it("csv_number writes NaN and infinities as Frictionless spells them, and null as an empty cell", async () => {
    expect(await cells(["'NaN'::DOUBLE", "'inf'::DOUBLE", "'-inf'::DOUBLE", "NULL::DOUBLE"], "csv_number")).toEqual(["NaN", "INF", "-INF", ""]);
  });

  it("csv_text quotes as RFC 4180 needs and agrees with the header's JavaScript rule", async () => {
    const edge = ["plain", "", "a,b", 'say "hi"', "two\nlines", "cr\rx", " lead", "trail ", "=1+1", "-", "＝全角", "日本語"];
    const chars = fc.constantFrom("a", "b", ",", '"', "\n", "\r", "\t", " ", "=", "+", "-", "@", "'", "日", "＝", "＠");
    const values = [...edge, ...fc.sample(fc.string({ unit: chars, maxLength: 6 }), { numRuns: 1000, seed: 7 })];
    const got = await cells(values.map(sqlString), "csv_text");
    expect(got).toEqual(values.map(csvTextCell));
    expect(got.slice(0, 10)).toEqual(["plain", '""', '"a,b"', '"say ""hi"""', '"two\nlines"', '"cr\rx"', '" lead"', '"trail "', `"'=1+1"`, `"'-"`]);
    for (const value of values) {
      const cell = got[values.indexOf(value)]!;
      const parsed = (parse(`${cell}\n`, { record_delimiter: "\n" }) as string[][])[0]![0];
      expect(parsed).toBe(/^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value);
    }
  });
});

describe("datapackage.json", () => {
  const pkg = () => JSON.parse(read(first, "datapackage.json").toString("utf8"));

  it("is written with 2-space indentation, a final newline and the package keys in a fixed order", () => {
    const text = read(first, "datapackage.json").toString("utf8");
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + "\n");
    expect(Object.keys(pkg())).toEqual(["profile", "name", "title", "description", "version", "created", "licenses", "sources", "threshold", "resources"]);
    expect(pkg()).toMatchObject({ profile: "tabular-data-package", name: "hyogaki-kpi", version: SCHEMA_VERSION, created: "2025-03-31T00:00:00Z", threshold: 0.5 });
    expect(pkg().title).toContain("就職氷河期世代支援 KPI");
  });

  it("names the licence and the attribution the sources' terms ask for", () => {
    const [license] = pkg().licenses;
    expect(license).toMatchObject({ name: "CC-BY-4.0", path: "https://creativecommons.org/licenses/by/4.0/" });
    expect(license.title).toMatch(/政府標準利用規約（第2\.0版）/);
    expect(license.title).toMatch(/出典/);
    expect(license.title).toMatch(/加工して作成/);
  });

  it("lists every source file with its title, size and sha256", () => {
    const files = listSources(SOURCES_DIR);
    expect(pkg().sources.map((s: { path: string }) => s.path)).toEqual(files.map((f) => `data/sources/${f}`));
    for (const [i, file] of files.entries()) {
      const bytes = readFileSync(join(SOURCES_DIR, file));
      const source = pkg().sources[i];
      expect(source).toMatchObject({ bytes: bytes.length, hash: `sha256:${sha256(bytes)}` });
      expect(source.title).not.toBe(file);
      expect(source.publisher).toBeTruthy();
    }
  });

  it("describes each table three times (CSV, Excel CSV, Parquet), with sizes and hashes of the files on disk", () => {
    const resources = pkg().resources;
    expect(resources.map((r: { name: string }) => r.name)).toEqual(TABLES.flatMap((t) => [t.name, `${t.name}-excel`, `${t.name}-parquet`]));
    for (const r of resources) {
      const bytes = read(first, r.path);
      expect(r).toMatchObject({ profile: "tabular-data-resource", bytes: bytes.length, hash: `sha256:${sha256(bytes)}` });
      expect(r.title && r.title_ja && r.description).toBeTruthy();
    }
    for (const table of TABLES) {
      const [csv, excel, parquet] = resources.filter((r: { name: string }) => r.name.replace(/-(excel|parquet)$/, "") === table.name);
      expect(csv).toMatchObject({ path: `${table.name}.csv`, format: "csv", mediatype: "text/csv", encoding: "utf-8", dialect: { delimiter: ",", lineTerminator: "\n", header: true, doubleQuote: true } });
      expect(excel).toMatchObject({ path: `${table.name}.excel.csv`, format: "csv", encoding: "utf-8-sig" });
      expect(excel.title).toMatch(/Japanese display copy for Excel/);
      expect(excel.title_ja).toContain("Excel 用・日本語の表示用");
      expect(excel.description).toMatch(/not for analysis/);
      expect(excel.description_ja).toContain("表示用の写し");
      expect(csv.description_ja).toBe(table.description_ja);
      expect(parquet).toMatchObject({ path: `${table.name}.parquet`, format: "parquet", mediatype: "application/vnd.apache.parquet" });
      for (const r of [csv, excel]) expect(r.description).toMatch(/= \+ - @ tab or CR, or full-width ＝ ＋ － ＠, carry a leading apostrophe/);
    }
  });

  it("gives every CSV and Parquet resource the table's schema: each column with its type, English and Japanese descriptions and constraints", () => {
    const types = { string: "string", integer: "integer", number: "number", boolean: "boolean", date: "date" };
    for (const r of pkg().resources.filter((r: { name: string }) => !r.name.endsWith("-excel"))) {
      const table = TABLES.find((t) => t.name === r.name.replace(/-(excel|parquet)$/, ""))!;
      expect(r.schema.primaryKey).toEqual(table.primaryKey);
      expect(r.schema.missingValues).toEqual([""]);
      expect(r.schema.fields.map((f: { name: string }) => f.name)).toEqual(table.columns.map((c) => c.name));
      for (const [i, column] of table.columns.entries()) {
        const field = r.schema.fields[i];
        expect(field).toMatchObject({ type: types[column.type], title: column.description_ja, description: column.description, description_ja: column.description_ja });
        expect(field.description && field.description_ja).toBeTruthy();
        expect(field.constraints?.required ?? false).toBe(!column.nullable);
        expect(field.constraints?.enum).toEqual(column.values ? [...column.values] : undefined);
      }
    }
    const status = pkg().resources.find((r: { name: string }) => r.name === "kpi_assessments").schema.fields.find((f: { name: string }) => f.name === "status");
    expect(status.constraints.enum).toContain("below_threshold");
  });

  it("describes each Excel CSV's columns by their Japanese headers, with the labels and percentages the cells hold", () => {
    for (const table of TABLES) {
      const r = pkg().resources.find((r: { name: string }) => r.name === `${table.name}-excel`);
      const [header] = parse(read(first, r.path), { bom: true, record_delimiter: "\n", to_line: 1 }) as string[][];
      expect(r.schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
      expect(r.schema.fields.map((f: { column: string }) => f.column)).toEqual(table.columns.map((c) => c.name));
      expect(r.schema.primaryKey).toEqual(table.primaryKey.map((k) => table.columns.find((c) => c.name === k)!.description_ja));
    }
    const fields = pkg().resources.find((r: { name: string }) => r.name === "kpi_assessments-excel").schema.fields;
    const field = (name: string) => fields.find((f: { column: string }) => f.column === name);
    expect(field("status")).toMatchObject({ name: "評価", type: "string" });
    expect(field("status").constraints.enum).toContain("基準未満");
    expect(field("flagged").constraints.enum).toEqual(["はい", "いいえ"]);
    expect(field("achievement")).toMatchObject({ type: "string", constraints: { pattern: "-?\\d+\\.\\d%" } });
    expect(field("target")).toMatchObject({ type: "number" });
  });
});

describe("sourceInfo", () => {
  it("takes title, publisher, coverage and written_on from the source registry", () => {
    const info = sourceInfo(SOURCES_DIR, listSources(SOURCES_DIR));
    expect(info.map((s) => s.file)).toEqual(listSources(SOURCES_DIR));
    const byFile = new Map(info.map((s) => [s.file, s]));
    expect(byFile.get("004_4ad8838386d70738.txt")).toMatchObject({ title: "「就職氷河期世代活躍支援ひろしまプラットフォーム事業実施計画」におけるKPI達成状況（第二ステージ）", coverage: "full_report" });
    expect(byFile.get("003_c503b1df63962203.txt")).toMatchObject({ coverage: "plan", written_on: "2023-05-23" });
    for (const s of info) {
      expect(s.publisher).toBeTruthy();
      expect(s.url).toBeUndefined();
    }
  });

  it("gives size and sha256 of each file, and leaves the title out when the registry does not list the file", () => {
    const info = sourceInfo(SOURCES_DIR, ["README.md"]);
    const bytes = readFileSync(join(SOURCES_DIR, "README.md"));
    expect(info).toEqual([{ file: "README.md", sha256: sha256(bytes), bytes: bytes.length }]);
  });
});
