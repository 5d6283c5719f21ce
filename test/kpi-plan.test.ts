import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { clauseBefore, kpiPlanParser, parseKpiPlan } from "../loaders/extract/parsers/kpi-plan.ts";
import { diceSimilarity } from "../loaders/extract/text.ts";
import { validateRecord } from "../loaders/extract/schema.ts";
import { docFromText, FILES, loadRealSource, parseToRecords } from "./helpers/sources.ts";

const doc = loadRealSource(FILES.kpiPlan);
const records = parseToRecords(kpiPlanParser, doc);
const CONSULTATIONS = "相談窓口（家族による相談含む）人数(人)";
const JOB_SEEKING = "当該事業（相談のみ含む）において求職活動を行った人数（人）";
const PLACED = "当該事業（相談のみ含む）において就労等進路決定した人数（人）";

describe("KPI plan (002, FY2020–2022 tables)", () => {
  it("turns each year column of Kagoshima's table into a target row for that fiscal year", () => {
    const rows = records.filter((r) => r.kpi_name === CONSULTATIONS && r.target !== null);
    expect(rows.map((r) => [r.period_start_fy, r.period_end_fy, r.target])).toEqual([
      [2020, 2020, 30],
      [2021, 2021, 50],
      [2022, 2022, 50],
      [2020, 2022, 130],
    ]);
    expect(rows[0]).toMatchObject({ body: "鹿児島県", body_code: "460001", body_level: "prefecture", prefecture_code: "46", program: "就職氷河期世代就労促進・定着支援事業", budget_thousand_yen: 7565, target_op: "eq", actual: null, unit: "人", source_line: 38, support_target: "long_term_unemployed" });
  });

  it("matches the first-year actuals stated in prose to the indicators they speak of", () => {
    const actuals = records.filter((r) => r.actual !== null);
    expect(actuals.map((r) => [r.source_line, r.kpi_name, r.period_start_fy, r.period_end_fy, r.target, r.actual])).toEqual([
      [56, CONSULTATIONS, 2020, 2020, null, 512],
      [57, JOB_SEEKING, 2020, 2020, null, 69],
      [58, PLACED, 2020, 2020, null, 21],
    ]);
    expect(actuals[2]!.note).toBe("就労体験等を通じて、求職者の就労意欲の向上を図るとともに、適性を把握することが可能となり、精度の高いマッチングを行うことができたため、就職等進路決定した人数は21人に達した。");
    expect(actuals[0]).toMatchObject({ target_op: null, body: "鹿児島県", unit: "人" });
  });

  it("reads Yamanashi's table and finds no actuals in its results prose", () => {
    const line = records.filter((r) => r.kpi_name === "LINEの友達ユーザー数(人)");
    expect(line.map((r) => r.target)).toEqual([15, 100, 100, 215]);
    expect(line[0]).toMatchObject({ body: "山梨県", body_code: "190004", budget_thousand_yen: 2539, support_target: "social_participation" });
    expect(records.filter((r) => r.body === "山梨県" && r.actual !== null)).toEqual([]);
  });

  it("produces only schema-valid records with unique ids", () => {
    expect(records).toHaveLength(23);
    for (const r of records) expect(validateRecord(r as never)).toEqual([]);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(records.length);
  });

  it("leaves no KPI-like line unaccounted; staffing figures are skipped with a reason", () => {
    const { entries, summary } = extractDocument(doc);
    expect(summary).toMatchObject({ document_kind: "grant_kpi_plan", records: 23 });
    expect(entries.filter((e) => e.status !== "skipped")).toEqual([]);
    expect(entries.map((e) => e.line)).toEqual([16, 18, 143]);
  });

  it("reads the fiscal years from the header, whatever they are and however many", () => {
    const text = [
      "テスト事業【大阪府堺市】",
      "交付金対象事業費 1,000千円",
      "重要業績評価指標(KPI)\t令和5年度増加分(1年目)\t令和6年度増加分(2年目)\t累計",
      "セミナー参加者数(人)\t10\t20以上\t30",
      "就職者数(人)\t-\t5",
      "",
      "① 成果があがつたこと",
      "・ 広報の結果、セミナー参加者数（12人）は目標を上回った。",
      "・ 会場の都合で3回開催した。",
      "② 改善点",
    ].join("\n");
    const result = parseKpiPlan(docFromText(text));
    const rows = parseToRecords(kpiPlanParser, docFromText(text));
    expect(rows.map((r) => [r.kpi_name, r.period_start_fy, r.period_end_fy, r.target, r.target_op, r.actual])).toEqual([
      ["セミナー参加者数(人)", 2023, 2023, 10, "eq", null],
      ["セミナー参加者数(人)", 2024, 2024, 20, "gte", null],
      ["セミナー参加者数(人)", 2023, 2024, 30, "eq", null],
      ["セミナー参加者数(人)", 2023, 2023, null, null, 12],
    ]);
    expect(result.errors).toEqual([{ line: 5, reason: "KPI row has 2 values for 3 columns" }]);
    expect(result.skipped).toEqual([{ line: 9, reason: expect.stringMatching(/^result 3回 .* matches no KPI clearly/) }]);
  });

  it("reports a header column without a fiscal year", () => {
    const text = ["事業【神戸市】", "重要業績評価指標(KPI)\t初年度\t累計", "参加者数(人)\t1\t1"].join("\n");
    expect(parseKpiPlan(docFromText(text)).errors).toEqual([{ line: 2, reason: 'cannot read the fiscal year of column "初年度"' }]);
  });
});

describe("diceSimilarity", () => {
  it("is 1 for the same wording and ignores a trailing unit bracket and bracket widths", () => {
    expect(diceSimilarity("参加者数（人）", "参加者数(人)")).toBe(1);
    expect(diceSimilarity("参加者数", "参加者数（人）")).toBe(1);
  });

  it("is 0 when either text has no bigram", () => {
    expect(diceSimilarity("", "参加者数")).toBe(0);
    expect(diceSimilarity("人", "人")).toBe(0);
  });
});

describe("clauseBefore", () => {
  it("takes the words after the last comma, without the opening bracket or は", () => {
    expect(clauseBefore("反響により、窓口相談人数（512人）は", 13)).toBe("窓口相談人数");
    expect(clauseBefore("できたため、就職等進路決定した人数は21人に達した。", 17)).toBe("就職等進路決定した人数");
  });

  it("keeps the label of a colon-labelled figure, and only the last clause before it", () => {
    expect(clauseBefore("・ 相談件数:132件", 7)).toBe("相談件数");
    expect(clauseBefore("・就職者数: 8人（目標:10人）", 13)).toBe("8人（目標");
  });

  it("reads colon-labelled actuals in the results prose as the indicators they name", () => {
    const text = [
      "テスト事業【大阪府堺市】",
      "重要業績評価指標(KPI)\t令和5年度増加分(1年目)\t累計",
      "相談件数(件)\t100\t100",
      "就職者数(人)\t10\t10",
      "① 成果があがつたこと",
      "・ 相談件数：１３２件",
      "・就職者数: 8人（目標：10人）",
      "② 改善点",
    ].join("\n");
    const actuals = parseToRecords(kpiPlanParser, docFromText(text)).filter((r) => r.actual !== null);
    expect(actuals.map((r) => [r.source_line, r.kpi_name, r.actual, r.note])).toEqual([
      [6, "相談件数(件)", 132, "相談件数:132件"],
      [7, "就職者数(人)", 8, "就職者数: 8人（目標:10人）"],
    ]);
    expect(parseKpiPlan(docFromText(text)).skipped).toEqual([{ line: 7, reason: expect.stringMatching(/^result 10人 .* matches no KPI clearly/) }]);
  });
});
