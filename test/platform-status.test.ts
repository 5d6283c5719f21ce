import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { platformStatusParser } from "../loaders/extract/parsers/platform-status.ts";
import { validateRecord } from "../loaders/extract/schema.ts";
import { docFromText, FILES, loadRealSource, parseToRecords } from "./helpers/sources.ts";

const doc = loadRealSource(FILES.platformStatus);
const records = parseToRecords(platformStatusParser, doc);
const PLATFORM = "就職氷河期世代活躍支援ひろしまプラットフォーム";
const find = (body: string, name: string) => records.filter((r) => r.body === body && r.kpi_name === name);
const rows = (body: string, name: string) => find(body, name).map((r) => [r.period_start_fy, r.period_end_fy, r.target, r.actual, r.actual_as_of]);

describe("platform KPI status (004, Hiroshima 第二ステージ)", () => {
  it("reads the 全体KPI stage target and one actual per year column under the same name", () => {
    const [target] = find(PLATFORM, "正社員就職件数").filter((r) => r.target !== null);
    expect(target).toMatchObject({ target: 3200, target_op: "gte", unit: "件", period_start_fy: 2023, period_end_fy: 2024, actual: null });
    expect(target).toMatchObject({ body_level: "platform", body_code: null, prefecture: "広島県", prefecture_code: "34", document_kind: "platform_kpi_status" });
    expect(target).toMatchObject({ program: "不安定な就労状態にある方", support_target: "unstable_employment", source_line: 9 });
    expect(rows(PLATFORM, "正社員就職件数")).toEqual([
      [2023, 2024, 3200, null, null],
      [2023, 2023, null, 3121, null],
      [2024, 2024, null, 2163, "2024-12-31"],
    ]);
  });

  it("reads the section 2 target written with spaces (全体K P I)", () => {
    expect(rows(PLATFORM, "就職件数")).toEqual([
      [2023, 2024, 408, null, null],
      [2023, 2023, null, 352, null],
      [2024, 2024, null, 287, "2025-01-31"],
    ]);
    expect(find(PLATFORM, "就職件数")[0]!.support_target).toBe("long_term_unemployed");
  });

  it("matches section 3 actuals to the target they speak of, by wording", () => {
    const name = records.find((r) => r.body === PLATFORM && r.kpi_name.startsWith("就労準備支援事業"))!.kpi_name;
    expect(rows(PLATFORM, name)).toEqual([
      [2023, 2024, 23, null, null],
      [2023, 2023, null, 12, null],
      [2024, 2024, null, 14, null],
    ]);
    expect(find(PLATFORM, name).every((r) => r.unit === "市町" && r.support_target === "social_participation")).toBe(true);
  });

  it("carries the agency tag down the rows and resolves it in the prefecture", () => {
    expect(rows("広島労働局", "開催数")).toEqual([
      [2023, 2023, null, 541, null],
      [2024, 2024, null, 595, "2024-09-30"],
    ]);
    expect(find("広島労働局", "開催数")[0]).toMatchObject({ body_level: "national_agency", program: "各ハローワークにおけるセミナー・ミニ面接会の開催", source_line: 12 });
    expect(find("呉市", "相談者数（延べ人数）")[0]).toMatchObject({ actual: 129, body_code: "342025", body_level: "municipality", period_start_fy: 2023 });
    expect(find("中国経済産業局", "個別支援（随時対応）事業者数").map((r) => r.actual)).toEqual([16, 13]);
    expect(find("広島県・機構", "機構:施設内訓練コース")[0]).toMatchObject({ body_level: "other", actual: 30 });
  });

  it("names うち figures after their parent, nesting included", () => {
    const fy2023 = records.filter((r) => r.body === "広島県" && r.source_line === 16 && r.period_start_fy === 2023);
    expect(fy2023.map((r) => [r.kpi_name, r.actual])).toEqual(
      expect.arrayContaining([
        ["就職決定件数", 628],
        ["就職決定件数（うち就職氷河期世代）", 270],
        ["就職決定件数（うち就職氷河期世代）（うち正規雇用）", 102],
      ]),
    );
    expect(find("広島県", "就職決定件数（うち就職氷河期世代）（うち正規雇用）")[0]).toMatchObject({ kpi_topic: "regular_employment" });
    expect(find("呉市", "就職者数（うち就職氷河期世代）（うち非正規）")[0]!.actual).toBe(3);
  });

  it("reads cumulative figures over their own period, and as-of markers for the figures before them", () => {
    expect(rows("広島労働局", "限定求人")).toEqual([
      [2023, 2023, null, 79, null],
      [2024, 2024, null, 49, "2024-12-31"],
    ]);
    expect(rows("広島労働局", "限定求人（累計）")).toEqual([
      [2019, 2023, null, 424, "2024-03-31"],
      [2019, 2024, null, 473, "2024-12-31"],
    ]);
    // (R6.12月末現在) dates 8件; the cell-final (R7.1月末現在) dates the figures that have no date of their own.
    expect(find("広島県・機構", "県:施設内開講コース").map((r) => r.actual_as_of)).toEqual([null, "2024-12-31"]);
    expect(find("広島県・機構", "機構:施設内訓練コース").map((r) => r.actual_as_of)).toEqual([null, "2025-01-31"]);
  });

  it("qualifies a label repeated in one cell with the event in front of it", () => {
    const names = records.filter((r) => r.source_line === 13 && r.period_start_fy === 2023).map((r) => r.kpi_name);
    expect(names).toEqual(expect.arrayContaining(["オンライン企業説明会 参加者数（R5.10.21）", "オンライン企業説明会 参加者数（R5.11.18）"]));
    expect(find("中国経済産業局", "参加求職者数（R5.11.18 岡山開催）")[0]!.actual).toBe(49);
  });

  it("reads labelled figures out of prose and leaves frequencies and plans alone", () => {
    expect(find("広島労働局", "参加者数（セミナー）")[0]).toMatchObject({ actual: 64, note: "広島サポステ" });
    expect(find("広島労働局", "参加者数（座談会）")[0]!.actual).toBe(55);
    expect(records.some((r) => r.source_line === 39 && r.actual === 3)).toBe(false); // 年3回ご家族向けの座談会
    expect(records.some((r) => r.source_line === 51)).toBe(false); // 15市町が実施する予定
  });

  it("produces only schema-valid records with unique ids", () => {
    for (const r of records) expect(validateRecord(r as never)).toEqual([]);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(records.length);
  });

  it("accounts for every KPI-like line of the file", () => {
    const { entries: all } = extractDocument(doc);
    // Line 10 restates line 9's 正社員就職件数 (both years) under the labour bureau: counted once, from line 9 (restated.ts).
    const restated = all.filter((e) => e.status === "duplicate");
    const kept = `${FILES.platformStatus}:9 under 就職氷河期世代活躍支援ひろしまプラットフォーム`;
    expect(restated.map((e) => [e.line, e.reason])).toEqual([
      [10, `the same statement as ${kept}, restated under 広島労働局 (正社員就職件数, FY2023–2023): counted once, from there`],
      [10, `the same statement as ${kept}, restated under 広島労働局 (正社員就職件数, FY2024–2024): counted once, from there`],
    ]);
    const entries = all.filter((e) => e.status !== "duplicate");
    expect(entries.filter((e) => e.status !== "skipped")).toEqual([]);
    // Beside the lines left whole, each figure of a read line that became no statement is listed with its line.
    const shared = (figures: string) => `figures on this line not read as statements of their own: ${figures}`;
    expect(entries.map((e) => [e.line, e.reason])).toEqual([
      [17, shared("3人")],
      [35, shared("2回, 1回")],
      [36, shared("4か所")],
      [37, shared("2,000社")],
      [38, shared("1回, 2回, 1回")],
      [39, shared("3回, 1回, 3回, 9件, 2名, 1回")],
      [45, "goal without a number"],
      [51, "no labelled figure; only prose (15市町, 1町)"],
      [52, "no labelled figure; only prose (4市町)"],
      [53, shared("99人, 115名")],
    ]);
    const parsed = platformStatusParser.parse(doc);
    expect(parsed.accounted.get(7)).toBe("restates the overall KPI target on line 9");
    expect(parsed.accounted.get(29)).toBe("restates the overall KPI target on line 31");
  });
});

describe("platform KPI status: layout variants", () => {
  const tab = (...cells: string[]) => cells.join("\t");

  it("reads another prefecture's table with its own tag order", () => {
    const text = [
      "「就職氷河期世代活躍支援おかやまプラットフォーム事業実施計画」におけるKPI達成状況（第２ステージ）",
      "1 不安定な就労状態にある方",
      tab("", "取組概要", "令和５年度", "令和６年度"),
      tab("全体KPI", "○正社員就職件数２年間で1,000件以上", "○正社員就職件数 480件", "○正社員就職件数 300件 (R6.12月末現在)"),
      tab("相談支援", "<岡山市> ○相談窓口の運営", "○相談件数 120件 (うち就職氷河期世代40件)", "○相談件数 90件"),
      tab("", "○セミナーの開催", "○開催数5回 参加者数 30人", "○開催数3回 参加者数12人 (R7.1月末現在)"),
      tab("", "<労働局> ○窓口での支援", "○就職件数 50件", "○就職件数 44件"),
    ].join("\n");
    const out = parseToRecords(platformStatusParser, docFromText(text));
    const pick = (body: string, name: string) => out.filter((r) => r.body === body && r.kpi_name === name).map((r) => [r.period_start_fy, r.period_end_fy, r.target, r.actual, r.actual_as_of]);
    expect(out[0]).toMatchObject({ body: "就職氷河期世代活躍支援おかやまプラットフォーム", prefecture: "岡山県", prefecture_code: "33" });
    expect(pick("就職氷河期世代活躍支援おかやまプラットフォーム", "正社員就職件数")).toEqual([
      [2023, 2024, 1000, null, null],
      [2023, 2023, null, 480, null],
      [2024, 2024, null, 300, "2024-12-31"],
    ]);
    expect(pick("岡山市", "相談件数（うち就職氷河期世代）")).toEqual([[2023, 2023, null, 40, null]]);
    expect(pick("岡山市", "参加者数")).toEqual([
      [2023, 2023, null, 30, null],
      [2024, 2024, null, 12, "2025-01-31"],
    ]);
    expect(out.find((r) => r.body === "岡山市")).toMatchObject({ body_level: "designated_city", program: "相談窓口の運営" });
    expect(pick("岡山労働局", "就職件数")).toEqual([
      [2023, 2023, null, 50, null],
      [2024, 2024, null, 44, null],
    ]);
  });

  it("takes the years from the header, and the target period from them when no stage is named", () => {
    const text = [
      "「就職氷河期世代活躍支援ひろしまプラットフォーム事業実施計画」におけるKPI達成状況",
      "2 長期にわたり無業の状態にある方",
      tab("", "取組概要", "令和6年度", "令和7年度"),
      tab("全体KPI", "○就職件数 2年間で400件以上", "○就職件数 210件", "○就職件数 150件 (R7.12月末現在)"),
    ].join("\n");
    const out = parseToRecords(platformStatusParser, docFromText(text));
    expect(out.map((r) => [r.kpi_name, r.period_start_fy, r.period_end_fy, r.target, r.actual, r.actual_as_of])).toEqual([
      ["就職件数", 2024, 2025, 400, null, null],
      ["就職件数", 2024, 2024, null, 210, null],
      ["就職件数", 2025, 2025, null, 150, "2025-12-31"],
    ]);
  });

  it("reports a stage target whose length contradicts the stage", () => {
    const text = [
      "「就職氷河期世代活躍支援ひろしまプラットフォーム事業実施計画」におけるKPI達成状況（第二ステージ）",
      "1 不安定な就労状態にある方",
      tab("", "取組概要", "令和5年度", "令和6年度"),
      tab("全体KPI", "○正社員就職件数3年間で3,200件以上", "○正社員就職件数 3,121件", ""),
    ].join("\n");
    const parsed = platformStatusParser.parse(docFromText(text));
    expect(parsed.errors.map((e) => e.line)).toContain(4);
    expect(parsed.drafts.filter((d) => d.target !== null)).toEqual([]);
  });
});
