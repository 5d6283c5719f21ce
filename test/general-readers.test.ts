// The general readers on documents in layouts no parser knows: prose, multi-year tables, kanji numerals, a saved
// web page, open data, records an analyst typed up, and a workbook; and the review loop that settles what they read.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { extractAll, type ExtractResult } from "../loaders/extract/extract.ts";
import { readSentence, kpiNameOf } from "../loaders/extract/readers/prose.ts";
import { reviewRows, REVIEW_COLUMNS } from "../loaders/extract/review-csv.ts";
import type { KpiRecord } from "../loaders/extract/schema.ts";

const FIXTURES = new URL("./fixtures/general/", import.meta.url).pathname;
const SOURCES = join(FIXTURES, "sources");

interface Expected {
  file: string;
  line: number;
  kpi: string;
  fy: [number, number];
  target: number | null;
  op: "eq" | "gte" | "gt" | null;
  actual: number | null;
  unit: string;
  as_of: string | null;
  body: string;
}

const EXPECTED: Expected[] = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8"));

/**
 * Statements of the fixtures (written by another hand than the readers') that the readers leave to the analyst, on
 * purpose or for now, each with what the report says instead.
 */
const LEFT: { file: string; line: number; status: "skipped" | "unaccounted"; why: RegExp }[] = [
  // A 合計 row restates the rows above it: counted, it would double every assessment of the table.
  { file: "multi_year_table.txt", line: 11, status: "skipped", why: /a total of the rows above/ },
  // 部 (copies) is not a unit of data/rules/units.csv, so 三十万部 is no counted figure.
  { file: "kanji_numerals.txt", line: 29, status: "unaccounted", why: /looks like a KPI statement/ },
];

const left = (e: Expected) => LEFT.some((l) => l.file === e.file && l.line === e.line);

let result: ExtractResult;
beforeAll(async () => {
  result = await extractAll({ sourcesDir: SOURCES, curationDir: null });
});

describe("general readers on the fixture documents", () => {
  const read = EXPECTED.filter((e) => !left(e));

  it.each(read.map((e) => [`${e.file}:${e.line} ${e.kpi} FY${e.fy[0]}`, e] as const))("reads %s", (_name, e) => {
    const matches = result.records.filter((r) => r.source_file === e.file && r.source_line === e.line && r.period_start_fy === e.fy[0] && r.kpi_name.includes(e.kpi));
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ period_end_fy: e.fy[1], target: e.target, target_op: e.op, actual: e.actual, unit: e.unit, actual_as_of: e.as_of, body: e.body });
  });

  it("makes no record that the fixtures do not state: every trap line stays out", () => {
    expect(result.records.length).toBe(read.length);
  });

  it("lists every statement it leaves, with its reason", () => {
    for (const l of LEFT) {
      const entry = result.report.entries.find((e) => e.file === l.file && e.line === l.line);
      expect(entry, `${l.file}:${l.line}`).toMatchObject({ status: l.status });
      expect(entry!.reason).toMatch(l.why);
    }
  });

  it("marks the general readers' records for review, and names the reader", () => {
    const general = result.records.filter((r) => r.extraction.startsWith("readers/"));
    expect(general.length).toBeGreaterThan(40);
    expect(general.every((r) => r.needs_review && r.document_kind === "other")).toBe(true);
    expect(new Set(general.map((r) => r.extraction))).toEqual(new Set(["readers/table", "readers/prose"]));
  });

  it("gives each record of a web page or a CSV its table cell as locator", () => {
    const page = result.records.filter((r) => r.source_file === "prefecture_page.html" && r.extraction === "readers/table");
    expect(page.length).toBeGreaterThan(0);
    for (const r of page) expect(r.source_locator).toMatch(/^表\d+ 行\d+ 列\d+$/);
    const csv = result.records.filter((r) => r.source_file === "open_data.csv");
    for (const r of csv) expect(r.source_locator).toMatch(new RegExp(`^行${r.source_line} 列\\d+$`));
  });

  it("reads 約 as approximate and 以上 / 超 as operators", () => {
    // 「家族教室の参加者数は約150人となり、目標（120人）を上回った」: the actual is approximate, the target is not.
    const family = result.records.find((r) => r.kpi_name === "家族教室の参加者数")!;
    expect(family).toMatchObject({ target: 120, target_approximate: false, actual: 150, actual_approximate: true });
    expect(result.records.some((r) => r.target_op === "gte")).toBe(true);
    expect(result.records.some((r) => r.target_op === "gt")).toBe(true);
  });

  it("reads an analyst's records table as records marked table:<file>, and reports the bad row by its line", () => {
    const typed = result.records.filter((r) => r.source_file === "analyst_records.csv");
    expect(typed.length).toBe(4);
    expect(typed.every((r) => r.extraction === "table:analyst_records.csv" && !r.needs_review)).toBe(true);
    const bad = result.report.entries.find((e) => e.file === "analyst_records.csv" && e.status === "error");
    expect(bad).toMatchObject({ line: 4 });
    expect(bad!.reason).toMatch(/target "abc" is not a number/);
  });
});

describe("prose statements", () => {
  const read = (sentence: string) => readSentence(sentence).map((f) => ({ kpi: kpiNameOf(f.kpiText), fy: f.fiscalYear, figures: f.figures.map((x) => [x.role, x.quantity.value]) }));

  it("pairs the figure after a comparison with the target before it", () => {
    expect(read("就職者数の目標値6000人に対し、令和4年度末現在の実績は3912人")).toEqual([{ kpi: "就職者数", fy: 2022, figures: [["target", 6000], ["actual", 3912]] }]);
    expect(read("企業開拓件数は、目標(25件)を上回る31件となった")).toEqual([{ kpi: "企業開拓件数", fy: null, figures: [["target", 25], ["actual", 31]] }]);
  });

  it("reads each year's pair of a line as its own statement", () => {
    expect(read("R4目標:100人 R4実績:80人 R5目標:120人")).toEqual([
      { kpi: "", fy: 2022, figures: [["target", 100], ["actual", 80]] },
      { kpi: "", fy: 2023, figures: [["target", 120]] },
    ]);
  });

  it("reads the actual stated before the target it is compared with", () => {
    expect(read("家族教室の参加者数は約150人となり、目標(120人)を上回った")).toEqual([{ kpi: "家族教室の参加者数", fy: null, figures: [["target", 120], ["actual", 150]] }]);
  });

  it("invents no figure from a range, a rate or a figure with no marker", () => {
    expect(read("相談件数 R5目標は200～250件程度")[0]?.figures).toEqual([]);
    expect(read("県内の就職氷河期世代は約38万人と推計される")).toEqual([]);
  });
});

describe("a workbook", () => {
  it("reads a KPI sheet's rows with the sheet, row and cell of each figure", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kpi-xlsx-"));
    const wb = new ExcelJS.Workbook();
    const notes = wb.addWorksheet("説明");
    notes.addRow(["本ブックは福岡市就職氷河期世代支援事業の実施状況です。"]);
    const sheet = wb.addWorksheet("実施状況");
    sheet.addRow(["福岡市 就職氷河期世代就労支援事業"]);
    sheet.addRow([]);
    sheet.addRow(["指標", "単位", "令和5年度目標", "令和5年度実績"]);
    sheet.addRow(["正社員就職者数", "人", 120, 97]);
    sheet.addRow(["相談件数", "件", "1,500", "集計中"]);
    sheet.addRow(["※実績は令和6年3月末現在"]);
    await wb.xlsx.writeFile(join(dir, "fukuoka.xlsx"));
    const { records } = await extractAll({ sourcesDir: dir, curationDir: null });
    expect(records.map((r) => [r.source_line, r.source_locator, r.body, r.kpi_name, r.period_start_fy, r.target, r.actual, r.unit])).toEqual([
      [4, "実施状況!D4", "福岡市", "正社員就職者数", 2023, 120, 97, "人"],
      [5, "実施状況!C5", "福岡市", "相談件数", 2023, 1500, null, "件"],
    ]);
  });
});

describe("the review loop", () => {
  it("lists every needs_review record and unaccounted line, and takes the filled file in at the next extraction", async () => {
    const rows = reviewRows(result.records, result.report);
    const needing = result.records.filter((r) => r.needs_review);
    const unaccounted = result.report.entries.filter((e) => e.status === "unaccounted");
    expect(rows).toHaveLength(needing.length + unaccounted.length);
    expect(Object.keys(rows[0]!)).toEqual([...REVIEW_COLUMNS]);

    // The analyst confirms one record, corrects another, and types up the line the readers left (三十万部).
    const dir = mkdtempSync(join(tmpdir(), "kpi-review-"));
    const sources = join(dir, "sources");
    const curation = join(dir, "curation");
    mkdirSync(sources);
    mkdirSync(curation);
    for (const f of readdirSync(SOURCES)) copyFileSync(join(SOURCES, f), join(sources, f));
    const confirm = rows.find((r) => r.record_id && r.source_file === "prose_evaluation.txt")!;
    const replace = rows.find((r) => r.record_id && r.source_file === "open_data.csv")!;
    const add = rows.find((r) => !r.record_id && r.source_file === "kanji_numerals.txt" && r.source_line === "29")!;
    const filled = rows.map((r) => {
      if (r === confirm) return { ...r, action: "confirm", reason: "checked against the PDF" };
      if (r === replace) return { ...r, action: "replace", reason: "the errata", actual: "999" };
      if (r === add) return { ...r, action: "add", reason: "部 is not a unit the readers know", body: "三重県", program: "みえ就職氷河期世代就労促進事業", kpi_name: "広報用リーフレットの配布部数", unit: "部", period_start_fy: "2021", target: "300000", actual: "298000" };
      return r;
    });
    writeFileSync(join(curation, "review.csv"), stringify([[...REVIEW_COLUMNS], ...filled.map((r) => REVIEW_COLUMNS.map((c) => r[c]))]));
    const again = await extractAll({ sourcesDir: sources, curationDir: curation });
    const byId = (id: string) => again.records.find((r) => r.record_id === id);
    expect(again.report.entries.filter((e) => e.status === "error" && e.file.startsWith("curation/"))).toEqual([]);
    expect(byId(confirm.record_id)).toMatchObject({ needs_review: false, extraction: confirm.extraction });
    expect(byId(replace.record_id)).toMatchObject({ needs_review: false, actual: 999, extraction: "curated:review.csv" });
    const added = again.records.find((r) => r.source_file === "kanji_numerals.txt" && r.source_line === 29) as KpiRecord;
    expect(added).toMatchObject({ target: 300000, actual: 298000, unit: "部", extraction: "curated:review.csv", needs_review: false, prefecture: "三重県" });
    expect(again.report.curation).toEqual([{ file: "review.csv", added: 1, replaced: 2, pending: rows.length - 3 }]);
  });
});
