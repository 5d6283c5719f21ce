// The extraction report's reasons in Japanese (src/components/report-reasons.js): every reason of the real build's
// report, of the browser tests' build (with the hostile curation row) and of the fixture documents has a
// translation, and no translation shows English outside its verbatim pieces.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractAll } from "../loaders/extract/extract.ts";
import type { ReportEntry } from "../loaders/extract/report.ts";
// @ts-expect-error: a plain JavaScript module of the site
import { reasonText, translateReason } from "../src/components/report-reasons.js";

const ROOT = new URL("../", import.meta.url).pathname;
type Part = string | { code: string };

/** Words of Latin letters allowed in the Japanese text (not in the verbatim pieces). */
const ALLOWED = new Set(["KPI", "PDF", "CSV", "FY", "ID"]);

function englishIn(parts: Part[]): string[] {
  return parts.filter((p): p is string => typeof p === "string").flatMap((p) => (p.match(/[A-Za-z][A-Za-z_]+/g) ?? []).filter((w) => !ALLOWED.has(w)));
}

function expectTranslated(reasons: Iterable<string>, where: string): number {
  let n = 0;
  for (const reason of new Set(reasons)) {
    const parts = translateReason(reason) as Part[] | null;
    expect(parts, `${where}: no translation of ${JSON.stringify(reason)}`).not.toBeNull();
    expect(englishIn(parts!), `${where}: ${JSON.stringify(reason)} → ${reasonText(reason)}`).toEqual([]);
    n++;
  }
  return n;
}

const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

describe("extraction report reasons in Japanese", () => {
  it("translates every reason of the real build (data/sources with data/curation)", async () => {
    const { report } = await extractAll({ sourcesDir: join(ROOT, "data/sources"), curationDir: join(ROOT, "data/curation") });
    expect(report.entries.length).toBeGreaterThan(10);
    expectTranslated(report.entries.map((e) => e.reason), "data/sources");
  });

  it("translates every reason of out/extraction_report.json when a build is there", () => {
    const path = join(ROOT, "out/extraction_report.json");
    if (!existsSync(path)) return;
    const report = JSON.parse(readFileSync(path, "utf8")) as { entries: ReportEntry[] };
    expectTranslated(report.entries.map((e) => e.reason), "out/extraction_report.json");
  });

  it("translates every reason of the browser tests' build, which adds the hostile curation row", async () => {
    const curation = mkdtempSync(join(tmpdir(), "kpi-reasons-"));
    temp.push(curation);
    for (const f of readdirSync(join(ROOT, "data/curation")).filter((f) => f.endsWith(".csv"))) copyFileSync(join(ROOT, "data/curation", f), join(curation, f));
    copyFileSync(join(ROOT, "test/fixtures/hostile_curation.csv"), join(curation, "zz_hostile_test_only.csv"));
    const { report } = await extractAll({ sourcesDir: join(ROOT, "data/sources"), curationDir: curation });
    expectTranslated(report.entries.map((e) => e.reason), "browser build");
  });

  it("translates every reason of the fixture documents (general readers)", async () => {
    const { report } = await extractAll({ sourcesDir: join(ROOT, "test/fixtures/general/sources"), curationDir: null });
    expect(report.entries.length).toBeGreaterThan(5);
    expectTranslated(report.entries.map((e) => e.reason), "test/fixtures/general");
  });

  it("translates every form of reason the extraction writes", () => {
    const samples = [
      "a hidden file (its name starts with a dot): not read",
      "a directory: subdirectories are not read",
      "a FIFO (named pipe), not a regular file: not read",
      "a character device, not a regular file: not read",
      "cannot read: ENOENT",
      "too large for a source text: 300 MB, over 256 MB",
      "too large for a source text: not at its end after 256 MB",
      "cannot extract: encrypted PDF: it needs a password to open",
      "cannot extract: damaged PDF: Invalid PDF structure.",
      "empty file: no text to extract",
      "binary or undecodable file: not a text source",
      "a line of 20001 characters, over 20000: too long for a statement, not read",
      "undecodable bytes: the line is not read",
      "no KPI statement found: no layout parser recognizes this document and the general readers found no target or actual",
      "parser status-report failed: boom",
      "no text layer: a scanned PDF needs OCR",
      "p.3 could not be read: bad xref",
      "p.2: 4 text runs left out, not reading left to right (vertical or turned)",
      "p.2: 1 text run left out, not reading left to right (vertical or turned)",
      "p.5 has no text (a blank page, or a scan that needs OCR)",
      "sheet 'リスト' is hidden; not read",
      "実施状況!C12: formula without a saved result; read as empty",
      "実施状況!C12: error value #DIV/0!; read as empty",
      "unsupported charset x-foo; read as utf-8",
      "declared UTF-8 but the bytes are not UTF-8; read as Shift_JIS",
      "declared shift_jis but the bytes are UTF-8; read as UTF-8",
      "too many malformed records; lines 12–40 not read",
      "a quoted cell is never closed; line skipped: \"a,b",
      "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: Invalid Record Length; line skipped: a,b,c",
      "duplicate record 0123456789abcdef (就職者数, FY2023–2023)",
      "invalid record: unit is missing; target is negative",
      "the same text as a.txt: its 12 records are counted once, from a.txt",
      "record_id 0123456789abcdef also produced by b.txt:3",
      "the same statement as a.txt:9 (就職者数, FY2023–2024): counted once, from there",
      "negative figure -91: a change, not a count",
      'malformed number "1 500人": a space inside the figure',
      'malformed number "1e30人": exponent notation, not a count as written',
      'malformed number "1、200人": 、 between digits, a list or a separator',
      'malformed number "1,23,456件": not one well-formed number',
      'malformed number "99999999999999999人": too large to be read exactly',
      "KPI block with no program title (事業名【実施主体】) left to pair it with",
      "second 交付金対象事業費 after the title on line 12",
      'cannot read the fiscal year of "令和KPI"',
      'unexpected text after the KPI marker: "その他"',
      'cannot align 3 values with the names above: "概要" (line 7) does not read as an indicator name',
      "cannot align 3 values with the indicator names above the marker (found 2)",
      "a series of earlier actuals in a note on the KPIs of lines 12, 13: which one it belongs to is not said",
      "KPI statement outside any program (no '№ 実施主体' header above it)",
      "KPI statement without an indicator name",
      'cannot read "R5目標：百"',
      "R5目標 given twice on one line with different values: 10 and 12; neither is kept",
      "no platform name (「…プラットフォーム」) in the first lines",
      "「3年間で」 does not fit the second stage",
      "「3年間で」 does not fit any stage heading above it",
      "goal sentence whose figure or period cannot be read",
      "KPI row has 3 values for 4 columns",
      "column 2: negative figure -3: a change, not a count",
      'cannot read "三人" in column 3',
      'cannot read the fiscal year of column "累計"',
      "KPI table header without a fiscal-year column",
      "result 30人: not one quantity",
      "result 30人: negative figure -30: a change, not a count",
      "result 30人 with no KPI table above it to match",
      'result 30人 ("相談者30人") matches no KPI clearly: 相談件数 0.50, 就職者数 0.50',
      "goal outside any section",
      "header row without fiscal-year columns",
      "table row before the title, a section heading or the year header",
      "no labelled figure; only prose",
      "goal of 100人 matches no 全体KPI target of its section",
      '全体KPI target without a number: "就職者数"',
      '全体KPI target "就職者数": negative figure -3: a change, not a count',
      "「3年間」 disagrees with the stage of the title",
      '全体KPI actual "就職者数 3人": negative figure -3: a change, not a count',
      '全体KPI actual "就職者数 3人" matches no target',
      'two FY2024 actuals for the target "就職者数"',
      "row without an agency tag (<…>) above it",
      "正社員就職件数: as-of date 2025-05-01 lies outside FY2024",
      "正社員就職件数: negative figure -3: a change, not a count",
      'target cell "abc" is not a figure',
      "就職者数: no fiscal year in the header, the row or a heading above",
      "就職者数: no implementing body in the row, a heading or the document's opening",
      "就職者数: no fiscal year in the sentence or a heading above",
      "就職者数: no implementing body in a heading or the document's opening",
      "就職者数: target and actual in different units (人, 件)",
      "就職者数: no fiscal year",
      "no indicator name",
      "records row: no fiscal year (period_start_fy); unknown body \"どこか\"",
      'records row: actual_as_of "昨日" is not a date',
      "records row: a record needs a target or an actual",
      'records row: support_target "x" is not one of unstable_employment, long_term_unemployed',
      'unknown prefecture code "99"',
      'unknown local government "どこか市"',
      'ambiguous local government "府中市": 東京都, 広島県',
      'cannot tell the prefecture of platform "あるプラットフォーム"',
      'unknown prefecture "どこか県"',
      "unknown agency tag <どこか局> in 広島県",
      "malformed CSV: Invalid Closing Quote",
      'action must be one of add, replace, confirm, drop, got "edit"',
      "every curation row needs a reason",
      'replace names record "0123456789abcdef", which no parser produced',
      'source_file "x.txt" is not a loaded, parsed source',
      "source_line 900 (p.3 l.12) is outside a.pdf",
      "an added record needs a body",
      'curated record is invalid: target "x" is not a number; period_start_fy is after period_end_fy',
      'target "x" is not true or false',
      "add duplicates parsed record 0123456789abcdef; use action=replace to correct it",
      "unit must be a non-empty string",
      "source_line must be an integer",
      "flagged must be true or false",
      "actual_as_of must be an ISO date",
      'kpi_kind "x" is not one of outcome, output',
      'record_id "x" is malformed',
      "unknown column extra",
      "fiscal years must lie in 2000–2035",
      "target_op is set exactly when target is",
      "actual_as_of without an actual",
      "actual is negative",
      'body_code "123456" fails its check digit',
      "record_id does not match its key fields",
    ];
    expect(expectTranslated(samples, "forms")).toBe(samples.length);
  });

  it("keeps what it quotes verbatim and gives null for a reason it does not know", () => {
    expect(reasonText("figures on this line not read as statements of their own: 99人, 115名")).toBe("この行の数値（99人、115名）は、それ自体の目標・実績としては読んでいません");
    expect(reasonText("no labelled figure; only prose (15市町, 1町)")).toBe("ラベルの付いた数値がなく、文章の中の数値（15市町、1町）だけです");
    expect(translateReason('target cell "abc" is not a figure')).toEqual(["目標のセル ", { code: '"abc"' }, " は数値ではありません"]);
    expect(translateReason("something entirely new")).toBeNull();
    expect(translateReason("records row: something entirely new")).toBeNull();
  });
});
