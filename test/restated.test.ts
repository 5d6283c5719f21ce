// A statement restated under another body on a neighbouring row is counted once (restated.ts).
import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { dropRestated, type Placed } from "../loaders/extract/restated.ts";
import type { KpiRecord } from "../loaders/extract/schema.ts";
import { makeRecord } from "./helpers/records.ts";
import { docFromText, FILES, loadRealSource } from "./helpers/sources.ts";

const PLATFORM = { body: "就職氷河期世代活躍支援ひろしまプラットフォーム", body_code: null, body_level: "platform" as const, prefecture: "広島県", prefecture_code: "34" };
const BUREAU = { body: "広島労働局", body_code: null, body_level: "national_agency" as const, prefecture: "広島県", prefecture_code: "34" };
const TOWN_A = { body: "八千代町", body_code: "085421", body_level: "municipality" as const, prefecture: "茨城県", prefecture_code: "08" };
const TOWN_B = { body: "大洗町", body_code: "083097", body_level: "municipality" as const, prefecture: "茨城県", prefecture_code: "08" };

/** A record on a line, with the line as its document line. */
function at(line: number, overrides: Partial<KpiRecord>): Placed {
  return { line, record: makeRecord({ source_line: line, kpi_name: "正社員就職件数", unit: "件", actual: 3121, ...overrides }) };
}
const names = (placed: Placed[]) => placed.map((p) => `${p.line} ${p.record.body} ${p.record.kpi_name} ${p.record.period_start_fy}`);

describe("restated statements, hand-built", () => {
  it("drops the later of two rows of other bodies stating the same figures, naming the first", () => {
    const rows = [at(9, PLATFORM), at(9, { ...PLATFORM, period_start_fy: 2024, actual: 2163, actual_as_of: "2024-12-31" }), at(10, BUREAU), at(10, { ...BUREAU, period_start_fy: 2024, actual: 2163, actual_as_of: "2024-12-31" })];
    const { kept, restated } = dropRestated(rows);
    expect(names(kept)).toEqual(names(rows.slice(0, 2)));
    expect(restated.map((r) => [r.dropped, r.kept])).toEqual([[rows[2], rows[0]], [rows[3], rows[1]]]);
  });

  it("matches names with widths and spaces folded", () => {
    const { kept } = dropRestated([at(9, { ...PLATFORM, kpi_name: "正社員就職件数（累計）" }), at(10, { ...BUREAU, kpi_name: "正社員就職件数 (累計)" })]);
    expect(kept).toHaveLength(1);
  });

  it("keeps the one with a target when only one has it, whichever comes first", () => {
    const rows = [at(9, PLATFORM), at(10, { ...BUREAU, target: 3000 })];
    const { kept, restated } = dropRestated(rows);
    expect(kept).toEqual([rows[1]]);
    expect(restated).toEqual([{ dropped: rows[0], kept: rows[1] }]);
  });

  it("drops a row whose figures are all another's, though that row states more", () => {
    // Line 9 also gives the stage target; line 10 gives the year's figure only.
    const rows = [at(9, { ...PLATFORM, period_end_fy: 2024, target: 3200, actual: null }), at(9, PLATFORM), at(10, BUREAU)];
    expect(dropRestated(rows).kept).toEqual(rows.slice(0, 2));
  });

  it("keeps the same figures on a distant line (3 lines apart)", () => {
    const rows = [at(9, PLATFORM), at(12, BUREAU)];
    expect(dropRestated(rows).kept).toEqual(rows);
  });

  it("keeps the same name with other figures: another actual, target, as-of date, period or unit", () => {
    for (const other of [{ actual: 3120 }, { target: 10 }, { actual_as_of: "2024-01-31" }, { period_start_fy: 2022 }, { unit: "人" }]) {
      const rows = [at(9, { ...PLATFORM, target: other.target === undefined ? null : 20 }), at(10, { ...BUREAU, ...other })];
      expect(dropRestated(rows).kept, JSON.stringify(other)).toEqual(rows);
    }
  });

  it("leaves the same body's rows alone (extract.ts counts its repeated statements once)", () => {
    const rows = [at(9, BUREAU), at(10, BUREAU)];
    expect(dropRestated(rows).kept).toEqual(rows);
  });

  it("keeps two towns' rows that share one figure but state another differently", () => {
    // 八千代町: 開催数 3回, 参加者数 31人; 大洗町: 開催数 3回, 参加者数 10人 — two facts, not one twice.
    const rows = [at(33, { ...TOWN_A, kpi_name: "開催数", unit: "回", actual: 3 }), at(33, { ...TOWN_A, kpi_name: "参加者数", unit: "人", actual: 31 }), at(34, { ...TOWN_B, kpi_name: "開催数", unit: "回", actual: 3 }), at(34, { ...TOWN_B, kpi_name: "参加者数", unit: "人", actual: 10 })];
    expect(dropRestated(rows).kept).toEqual(rows);
  });

  it("takes a row of zeros for no restatement", () => {
    const rows = [at(9, { ...PLATFORM, actual: 0 }), at(10, { ...BUREAU, actual: 0 })];
    expect(dropRestated(rows).kept).toEqual(rows);
  });

  it("counts a figure stated by three bodies on three lines once, from the first", () => {
    const rows = [at(9, PLATFORM), at(10, BUREAU), at(11, TOWN_A)];
    const { kept, restated } = dropRestated(rows);
    expect(kept).toEqual([rows[0]]);
    expect(restated.map((r) => r.kept)).toEqual([rows[0], rows[0]]);
  });

  it("takes records an analyst typed up as they are", () => {
    const rows = [at(9, { ...PLATFORM, extraction: "table:typed.csv" }), at(10, { ...BUREAU, extraction: "table:typed.csv" })];
    expect(dropRestated(rows).kept).toEqual(rows);
  });
});

describe("restated statements in a written document", () => {
  const text = (gap: string[]) =>
    ["№ 実施主体 事業名 事業の実施状況", "1 兵庫県 県就労支援事業", "・就職者数　R5目標：10人　R5実績：12人", ...gap, "2 神戸市 市就労支援事業", "・就職者数　R5目標：10人　R5実績：12人"].join("\n");

  it("reports the restating line as a duplicate naming the line and body kept", () => {
    const { records, entries } = extractDocument(docFromText(text([]), "written.txt"));
    expect(records.map((r) => [r.source_line, r.body])).toEqual([[3, "兵庫県"]]);
    expect(entries.filter((e) => e.status === "duplicate")).toEqual([
      { file: "written.txt", line: 5, locator: null, status: "duplicate", reason: "the same statement as written.txt:3 under 兵庫県, restated under 神戸市 (就職者数, FY2023–2023): counted once, from there", text: "・就職者数　R5目標：10人　R5実績：12人" },
    ]);
  });

  it("keeps both when the lines stand further apart", () => {
    const { records, entries } = extractDocument(docFromText(text(["県内の市町と連携した。"]), "written.txt"));
    expect(records.map((r) => [r.source_line, r.body])).toEqual([[3, "兵庫県"], [6, "神戸市"]]);
    expect(entries.filter((e) => e.status === "duplicate")).toEqual([]);
  });
});

describe("restated statements in 004", () => {
  const { records, entries } = extractDocument(loadRealSource(FILES.platformStatus));

  it("counts line 10's 正社員就職件数 (FY2023 3,121, FY2024 2,163 to R6.12) once, from line 9's platform", () => {
    const series = records.filter((r) => r.kpi_name === "正社員就職件数" && r.period_start_fy === r.period_end_fy);
    expect(series.map((r) => [r.source_line, r.body, r.period_start_fy, r.actual, r.actual_as_of])).toEqual([
      [9, PLATFORM.body, 2023, 3121, null],
      [9, PLATFORM.body, 2024, 2163, "2024-12-31"],
    ]);
    expect(records.some((r) => r.source_line === 10)).toBe(false);
    expect(entries.filter((e) => e.status === "duplicate").map((e) => [e.line, e.reason])).toEqual([
      [10, `the same statement as ${FILES.platformStatus}:9 under ${PLATFORM.body}, restated under 広島労働局 (正社員就職件数, FY2023–2023): counted once, from there`],
      [10, `the same statement as ${FILES.platformStatus}:9 under ${PLATFORM.body}, restated under 広島労働局 (正社員就職件数, FY2024–2024): counted once, from there`],
    ]);
  });
});
