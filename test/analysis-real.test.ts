// The assessments of the five real documents: known cases, and agreement with every verdict the documents state.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../loaders/analyze/analyze.ts";
import { queryRows, withDatabase, type Plain } from "../loaders/analyze/db.ts";
import { extractDefault, listSources } from "../loaders/extract/extract.ts";
import { sourceRegistryRows } from "../loaders/build.ts";
import type { KpiRecord } from "../loaders/extract/schema.ts";
import { FILES, SOURCES_DIR } from "./helpers/sources.ts";

type Row = Record<string, Plain>;
let assessments: Row[] = [];
let flags: Row[] = [];
let summary: Row[] = [];
let series: Row[] = [];
let records: KpiRecord[] = [];

beforeAll(async () => {
  const extracted = await extractDefault();
  records = extracted.records;
  await withDatabase(async (connection) => {
    await analyze(connection, records, { sources: sourceRegistryRows(SOURCES_DIR, extracted.report.sources) });
    assessments = (await queryRows(connection, "SELECT * FROM kpi_assessments")).rows;
    flags = (await queryRows(connection, "SELECT * FROM flags")).rows;
    summary = (await queryRows(connection, "SELECT * FROM prefecture_summary")).rows;
    series = (await queryRows(connection, "SELECT * FROM kpi_series")).rows;
  });
});

function find(body: string, kpiName: string, start: number, end = start): Row {
  const found = assessments.filter((a) => a.body === body && a.kpi_name === kpiName && a.period_start_fy === start && a.period_end_fy === end && a.target !== null);
  expect(found, `${body} ${kpiName} FY${start}–${end}`).toHaveLength(1);
  return found[0]!;
}

describe("known assessments in the real documents", () => {
  it("flags Kobe's 就職者数 (target 200, actual 91) as below half its target, with the document's reason", () => {
    const a = find("神戸市", "就職者数（非正規を含む）", 2023);
    expect(a).toMatchObject({ target: 200, actual: 91, status: "below_threshold", flagged: true, source_file: FILES.statusReport, source_line: 11 });
    expect(a.achievement).toBeCloseTo(0.455, 6);
    expect(a.note).toContain("目標達成には至らなかった");
    expect(flags.map((f) => f.record_id)).toContain(a.record_id);
  });

  it("assesses Hiroshima's two-year 正社員就職件数 target of 3,200 against both annual actuals: met early, in December of the second year", () => {
    const a = find("就職氷河期世代活躍支援ひろしまプラットフォーム", "正社員就職件数", 2023, 2024);
    expect(a).toMatchObject({ target: 3200, target_op: "gte", aggregation: "sum", actual: 3121 + 2163, years_reported: 2, is_partial: true, actual_through: "2024-12-31", months_in_period: 24, months_elapsed: 21 });
    expect(a.actual_breakdown).toBe("FY2023: 3121; FY2024: 2163 (as of 2024-12-31)");
    expect(a.prorated_target).toBeCloseTo(2800, 9);
    expect(a.pace).toBeCloseTo(5284 / 2800, 9);
    expect(a).toMatchObject({ status: "met", met_early: true, met_on: "2024-12-31", flagged: false });
    // the same figures repeated under 広島労働局 (line 10) belong to another body and are not counted again
    expect(String(a.source_refs)).toBe(`${FILES.platformStatus}:9`);
  });

  it("takes the latest value of a stock indicator over a two-year target, never the sum; FY2024's is as of the day 004 was written", () => {
    const a = find("就職氷河期世代活躍支援ひろしまプラットフォーム", "就労準備支援事業（生活困窮者自立支援制度）を全市町で実施", 2023, 2024);
    // 004 leaves the FY2024 figure undated and was written on 2025-02-12 (its last past event), before FY2024 ended:
    // the year is not over, so the target is behind pace, not yet missed.
    expect(a).toMatchObject({ aggregation: "latest", target: 23, actual: 14, actual_breakdown: "FY2023: 12; FY2024: 14 (as of 2025-02-12)", is_partial: true, status: "behind_pace" });
  });

  it("judges the FY2020–2022 plan targets of 002 met in the first year, when the first year's actual already passes them", () => {
    const a = find("鹿児島県", "相談窓口（家族による相談含む）人数(人)", 2020, 2022);
    expect(a).toMatchObject({ target: 130, actual: 512, is_partial: true, months_elapsed: 12, status: "met", met_early: true, met_on: "2021-03-31" });
    const kagoshima = assessments.filter((x) => x.prefecture === "鹿児島県" && x.period_start_fy === 2020 && x.period_end_fy === 2022);
    expect(kagoshima.sort((x, y) => Number(x.source_line) - Number(y.source_line)).map((x) => [x.source_line, x.target, x.actual, x.status, x.met_early])).toEqual([
      [38, 130, 512, "met", true],
      [39, 44, 69, "met", true],
      [40, 20, 21, "met", true],
    ]);
  });

  it("judges Hiroshima's サポステ 就職件数 (two years, 408 or more) met early: 352 + 287 by January of the second year", () => {
    const a = find("就職氷河期世代活躍支援ひろしまプラットフォーム", "就職件数", 2023, 2024);
    expect(a).toMatchObject({ target: 408, actual: 639, status: "met", met_early: true, met_on: "2025-01-31", source_line: 31 });
  });

  it("reads the five text documents with their layout parsers: no locator, nothing awaiting review", () => {
    expect(assessments.filter((a) => a.source_locator !== null || a.needs_review !== false)).toEqual([]);
    expect(assessments.filter((a) => / \(/.test(String(a.source_refs)))).toEqual([]);
  });

  it("gives every assessment exactly one of the defined statuses and no non-finite number", () => {
    expect(assessments.length).toBeGreaterThan(200);
    for (const a of assessments) {
      for (const value of Object.values(a)) if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
    }
    const ids = assessments.map((a) => a.record_id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The audit of issue 14: each finding on the real documents, with the status and figure that are right.

describe("audit findings on the real documents", () => {
  it("dates 004's undated FY2024 column by the document (written 2025-02-12): line 47 is partial, behind pace, not a final shortfall", () => {
    const a = find("就職氷河期世代活躍支援ひろしまプラットフォーム", "就労準備支援事業（生活困窮者自立支援制度）を全市町で実施", 2023, 2024);
    expect(a).toMatchObject({ actual: 14, is_partial: true, actual_through: "2025-02-12", status: "behind_pace", flagged: false, met_early: false });
  });

  it("draws no year that had not ended as a whole one: 広島市's FY2024 regular hires are a part year as of 2025-02-12", () => {
    const hires = series.filter((r) => r.body === "広島市" && String(r.kpi_name).endsWith("（うち正規雇用）")).sort((x, y) => Number(x.fiscal_year) - Number(y.fiscal_year));
    expect(hires.map((r) => [r.fiscal_year, r.actual, r.is_partial, r.actual_as_of])).toEqual([
      [2023, 135, false, null],
      [2024, 44, true, "2025-02-12"],
    ]);
  });

  it("gives every flagged assessment its document's reason or says there is none; 000 lines 111 and 194 have theirs", () => {
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(String(f.reason ?? "")).not.toBe("");
    const line = (n: number) => flags.find((f) => f.source_file === FILES.statusReport && f.source_line === n)!;
    expect(String(line(194).reason)).toContain("連絡調整会議の開催回数は、目標を下回っている");
    expect(String(line(111).reason)).toContain("目標達成に至らなかった");
  });

  it("counts 004 line 10's restatement of the platform's figures under 広島労働局 once", () => {
    expect(records.filter((r) => r.source_file === FILES.platformStatus && r.source_line === 10)).toEqual([]);
    expect(series.filter((r) => r.body === "広島労働局" && r.kpi_name === "正社員就職件数")).toEqual([]);
  });

  it("classes subsidy applications and plans as outputs, not regular-employment outcomes (004 line 23)", () => {
    const line23 = records.filter((r) => r.source_file === FILES.platformStatus && r.source_line === 23);
    expect(line23.length).toBeGreaterThan(0);
    for (const r of line23) expect(r.kpi_kind).toBe("output");
  });

  it("compares like with like: Hiroshima now has assessed outcome KPIs, showcases are not pooled with full reports, and no group of fewer than 5 is rankable", () => {
    const row = (prefecture: string, start: number, end: number, coverage: string, kind = "outcome") =>
      summary.find((r) => r.prefecture === prefecture && r.period_start_fy === start && r.period_end_fy === end && r.coverage === coverage && r.kpi_kind === kind && r.kpi_topic === "all");
    expect(row("広島県", 2023, 2024, "full_report")).toMatchObject({ n_assessed: 2, n_met: 2, n_met_early: 2 });
    expect(row("兵庫県", 2023, 2023, "full_report")).toMatchObject({ rankable: true });
    for (const prefecture of ["北海道", "福岡県"]) expect(row(prefecture, 2021, 2021, "showcase", "all")).toMatchObject({ rankable: false });
    expect(summary.filter((r) => r.coverage === "unknown")).toEqual([]);
    for (const r of summary) expect(r.rankable).toBe(Number(r.n_assessed) >= 5);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The documents' own verdicts. Every line of the sources that says a target (目標/KPI) was or was not reached is
// listed here, with the KPI it speaks of; lines the pattern finds that are not verdicts are listed with why.

const VERDICT = /(目標|K\s?P\s?I)[^。、]{0,6}(達成|上回|下回|至らな|達して|未達)/;

interface Verdict {
  /** file key in FILES and the line stating the verdict */
  file: keyof typeof FILES;
  line: number;
  /** the words of the verdict, as they appear on the line */
  says: string;
  body: string;
  kpi: string;
  fy: [number, number];
  reached: boolean;
}

const VERDICTS: Verdict[] = [
  { file: "statusReport", line: 13, says: "目標達成には至らなかった", body: "神戸市", kpi: "就職者数（非正規を含む）", fy: [2023, 2023], reached: false },
  { file: "statusReport", line: 16, says: "目標値を大幅に達成", body: "神戸市", kpi: "カウンセリング受講者数", fy: [2023, 2023], reached: true },
  { file: "statusReport", line: 18, says: "目標値を達成", body: "神戸市", kpi: "SNSの友達ユーザー数（時点）", fy: [2023, 2023], reached: true },
  { file: "statusReport", line: 39, says: "目標達成には至らなかった", body: "神戸市", kpi: "就業者数（正規雇用、正規雇用を前提とした非正規雇用）", fy: [2023, 2023], reached: false },
  { file: "statusReport", line: 42, says: "目標未達", body: "神戸市", kpi: "職場見学・体験人数", fy: [2023, 2023], reached: false },
  { file: "statusReport", line: 45, says: "目標値を達成", body: "神戸市", kpi: "就職支援プログラム・個別相談での支援者数", fy: [2023, 2023], reached: true },
  { file: "statusReport", line: 54, says: "目標値を達成", body: "宝塚市", kpi: "本事業による就職者数（非正規採用を含む）", fy: [2023, 2023], reached: true },
  { file: "statusReport", line: 57, says: "目標値を達成", body: "宝塚市", kpi: "サービス利用件数（キャリアカウンセリング件数及び仕事紹介件数）", fy: [2023, 2023], reached: true },
  { file: "statusReport", line: 113, says: "目標達成に至らなかった", body: "香美町", kpi: "就業者数（本事業により、正規雇用、非正規雇用、自営・起業・内職等に至った人数）", fy: [2023, 2023], reached: false },
  { file: "statusReport", line: 126, says: "目標には達していない", body: "兵庫県", kpi: "居場所を設置する市町数", fy: [2023, 2023], reached: false },
  { file: "statusReport", line: 158, says: "目標を達成した", body: "兵庫県", kpi: "プログラム参加者中の就業者数（非正規を含む）", fy: [2023, 2023], reached: true },
  // one sentence, two verdicts: meetings held fell short, people reaching social participation exceeded
  { file: "statusReport", line: 196, says: "目標を下回っている", body: "兵庫県", kpi: "個別ケースの連絡調整会議の開催数", fy: [2023, 2023], reached: false },
  { file: "statusReport", line: 196, says: "目標を上回る", body: "兵庫県", kpi: "連絡調整会議から社会参加へつながった者の数", fy: [2023, 2023], reached: true },
  { file: "kpiPlan", line: 56, says: "目標値を大きく上回った", body: "鹿児島県", kpi: "相談窓口（家族による相談含む）人数(人)", fy: [2020, 2020], reached: true },
  { file: "kpiPlan", line: 57, says: "目標値を大きく上回った", body: "鹿児島県", kpi: "当該事業（相談のみ含む）において求職活動を行った人数（人）", fy: [2020, 2020], reached: true },
];

const NOT_VERDICTS: { file: keyof typeof FILES; line: number; why: string }[] = [
  { file: "platformPlan", line: 243, why: "a formula: the stage target adds the first stage's shortfall (未達成件数)" },
  { file: "platformPlan", line: 299, why: "the same formula for another indicator" },
  { file: "platformStatus", line: 3, why: "the table's title (KPI達成状況)" },
  { file: "platformStatus", line: 25, why: "the table's title repeated on a later page" },
  { file: "platformStatus", line: 41, why: "the table's title repeated on a later page" },
];

describe("agreement with the documents' own verdicts", () => {
  it("lists every line of the sources that states whether a target was reached", () => {
    const fileKey = new Map<string, string>(Object.entries(FILES).map(([key, file]) => [file, key]));
    const found: string[] = [];
    for (const file of listSources(SOURCES_DIR)) {
      readFileSync(SOURCES_DIR + file, "utf8")
        .split(/\r?\n/)
        .forEach((text, i) => {
          if (VERDICT.test(text)) found.push(`${fileKey.get(file)}:${i + 1}`);
        });
    }
    const listed = new Set([...VERDICTS, ...NOT_VERDICTS].map((v) => `${v.file}:${v.line}`));
    expect(new Set(found)).toEqual(listed);
  });

  it.each(VERDICTS)("$file:$line «$says» agrees with the computed status of $kpi", (v) => {
    const line = readFileSync(SOURCES_DIR + FILES[v.file], "utf8").split(/\r?\n/)[v.line - 1]!;
    expect(line).toContain(v.says);
    const a = find(v.body, v.kpi, v.fy[0], v.fy[1]);
    expect(a.status).toBeOneOf(v.reached ? ["met", "on_pace"] : ["shortfall", "below_threshold", "behind_pace"]);
  });
});
