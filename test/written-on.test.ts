// When a document was written, read from the document, and the undated actuals of unfinished years dated by it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractAll, type ExtractResult, extractDefault } from "../loaders/extract/extract.ts";
import { findDates } from "../loaders/extract/fiscal.ts";
import { readSourceRegistry } from "../loaders/extract/registry.ts";
import { recordId } from "../loaders/extract/schema.ts";
import { dateByWrittenOn, documentDate, pastDatesOf, writtenOn } from "../loaders/extract/written-on.ts";
import { makeRecord } from "./helpers/records.ts";
import { docFromText, FILES, loadRealSource, SOURCES_DIR } from "./helpers/sources.ts";

describe("findDates", () => {
  it("reads era and Western dates, months and fiscal years' ends, with their positions", () => {
    expect(findDates("(R7.2.12) 令和6年7月16日 2024/7/16 R6.12月末現在 令和5年度末")).toEqual([
      { date: "2025-02-12", precision: "day", index: 1, end: 8 },
      { date: "2024-07-16", precision: "day", index: 10, end: 19 },
      { date: "2024-07-16", precision: "day", index: 20, end: 29 },
      { date: "2024-12-31", precision: "month", index: 30, end: 36 },
      { date: "2024-03-31", precision: "fiscal_year_end", index: 40, end: 46 },
    ]);
  });

  it("reads 元, Heisei, the R. spelling and full-width digits; leaves fiscal years and impossible days out", () => {
    expect(findDates("令和元年6月21日").map((d) => d.date)).toEqual(["2019-06-21"]);
    expect(findDates("平成31年3月").map((d) => d.date)).toEqual(["2019-03-31"]);
    expect(findDates("R.6.12月までの速報値").map((d) => d.date)).toEqual(["2024-12-31"]);
    expect(findDates("Ｒ７．２．１２").map((d) => d.date)).toEqual(["2025-02-12"]);
    expect(findDates("令和5年度 R5年度 2023年度 R6.2.30 R6.13.1")).toEqual([]);
  });
});

describe("pastDatesOf", () => {
  it("reads as-of stamps to the month's end, and events' days", () => {
    expect(pastDatesOf("○相談件数539件 (R7.1月末現在)")).toEqual(["2025-01-31"]);
    expect(pastDatesOf("令和6年12月末時点の実績")).toEqual(["2024-12-31"]);
    expect(pastDatesOf("○参加者数12人 (R7.1月末)")).toEqual(["2025-01-31"]);
    expect(pastDatesOf("開催日：R6.10.16 参加者：138人")).toEqual(["2024-10-16"]);
    expect(pastDatesOf("2024年7月16日開催の運営会議")).toEqual(["2024-07-16"]);
    expect(pastDatesOf("令和3年6月改定")).toEqual(["2021-06-01"]);
    expect(pastDatesOf("令和5年度末現在の登録者数")).toEqual(["2024-03-31"]);
  });

  it("reads Reiwa, Heisei and Western years, full-width digits and kanji numerals alike", () => {
    expect(pastDatesOf("平成31年3月末現在")).toEqual(["2019-03-31"]);
    expect(pastDatesOf("令和元年12月23日に行われた関係府省会議")).toEqual(["2019-12-23"]);
    expect(pastDatesOf("［令和６年 ７ 月 １６ 日 運営会議］")).toEqual(["2024-07-16"]);
    expect(pastDatesOf("令和六年七月十六日開催")).toEqual(["2024-07-16"]);
    expect(pastDatesOf("２０２４年７月１６日開催")).toEqual(["2024-07-16"]);
    expect(pastDatesOf("2020年4月1日時点において")).toEqual(["2020-04-01"]);
  });

  it("leaves out dates marked as planned", () => {
    expect(pastDatesOf("西部センター（R7.2.4） 中部北部センター（調整中） 東部センター（R7.2.25予定）")).toEqual(["2025-02-04"]);
    expect(pastDatesOf("第3回 R7.3.10（調整中）")).toEqual([]);
    expect(pastDatesOf("令和7年3月31日までに全市町で実施")).toEqual([]);
    expect(pastDatesOf("R7.4.1以降に開始")).toEqual([]);
    expect(pastDatesOf("2026年3月31日までの就職100人を目指す")).toEqual([]);
    expect(pastDatesOf("令和6年度末までに15市町が実施する予定")).toEqual([]);
    expect(pastDatesOf("説明会は令和7年3月5日に開催予定")).toEqual([]);
  });

  it("reads a range's end only when the range counts up to it, and never a planned range", () => {
    expect(pastDatesOf("限定求人 473人 (R1.8~R6.12累計)")).toEqual(["2024-12-31"]);
    expect(pastDatesOf("実施期間 R6.4～R7.3")).toEqual([]);
    expect(pastDatesOf("「第二ステージ」については令和5年4月1日から令和7年3月31日までとする。")).toEqual([]);
    expect(pastDatesOf("令和2年10月29日から令和5年3月31日までの実績")).toEqual(["2020-10-29", "2023-03-31"]);
  });

  it("leaves out dates inside a name in brackets, and months with no stamp or event", () => {
    expect(pastDatesOf("「令和7年4月1日スタート就労応援事業」の参加者 (R6.12.1)")).toEqual(["2024-12-01"]);
    expect(pastDatesOf("平成27年12月内閣府「若者の生活に関する調査」")).toEqual([]);
    expect(pastDatesOf("令和5年度の実績 R5目標：200 R5実績：91")).toEqual([]);
  });
});

describe("writtenOn", () => {
  it("is the latest past date of the document and its line, whatever plans come later", () => {
    const doc = docFromText(
      [
        "「令和8年4月1日開始プロジェクト」の実施状況", // a name
        "○相談件数 539件 (R7.1月末現在)",
        "研修 開催状況：4回（R6.9.9、10.30、12.18、Ｒ７．２．１２）",
        "東部センター（R7.2.25予定） 中部北部センター（R7.3.3 調整中）",
        "限定求人 473人 (R1.8~R6.12累計) 期間 R6.4～R7.3",
        "令和七年三月末までに全市町で実施することを目指す",
      ].join("\n"),
    );
    expect(writtenOn(doc)).toEqual({ date: "2025-02-12", line: 3 });
  });

  it("is null for a document that states no date", () => {
    expect(writtenOn(docFromText("令和5年度 事業実施状況\n・就職者数 R5目標：200 R5実績：91\n"))).toBeNull();
  });

  it("reads the five seeds", () => {
    expect(writtenOn(loadRealSource(FILES.statusReport))).toEqual({ date: "2024-07-16", line: 204 });
    expect(writtenOn(loadRealSource(FILES.caseStudy))).toBeNull();
    expect(writtenOn(loadRealSource(FILES.kpiPlan))).toBeNull();
    expect(writtenOn(loadRealSource(FILES.platformPlan))).toEqual({ date: "2023-05-23", line: 14 });
    // R7.2.12 is the last training session (lines 13, 50, 53); R7.2.25 is 予定 (line 49).
    expect(writtenOn(loadRealSource(FILES.platformStatus))).toEqual({ date: "2025-02-12", line: 13 });
  });

  it("gives way to the registry's date", () => {
    const registry = readSourceRegistry(SOURCES_DIR);
    expect(documentDate(loadRealSource(FILES.platformPlan), registry.get(FILES.platformPlan)!)).toEqual({ written_on: "2023-05-23", written_on_basis: "registry", written_on_line: null });
    expect(documentDate(loadRealSource(FILES.platformStatus), registry.get(FILES.platformStatus)!)).toEqual({ written_on: "2025-02-12", written_on_basis: "document", written_on_line: 13 });
    expect(documentDate(loadRealSource(FILES.caseStudy), registry.get(FILES.caseStudy)!)).toEqual({ written_on: null, written_on_basis: null, written_on_line: null });
  });
});

describe("dateByWrittenOn", () => {
  const actual = (fy: number, extra: Parameters<typeof makeRecord>[0] = {}) => makeRecord({ period_start_fy: fy, period_end_fy: fy, actual: 10, ...extra });

  it("dates an undated actual of a year not over, and only that", () => {
    expect(dateByWrittenOn(actual(2024), "2025-02-12")).toMatchObject({ actual_as_of: "2025-02-12", actual_as_of_basis: "written_on" });
    expect(dateByWrittenOn(actual(2023), "2025-02-12")).toMatchObject({ actual_as_of: null, actual_as_of_basis: null });
    // FY2024 ends on 2025-03-31: a document of that day or later has the whole year.
    expect(dateByWrittenOn(actual(2024), "2025-03-31").actual_as_of).toBeNull();
    expect(dateByWrittenOn(makeRecord({ period_start_fy: 2023, period_end_fy: 2024, actual: 5 }), "2024-07-16")).toMatchObject({ actual_as_of: "2024-07-16", actual_as_of_basis: "written_on" });
    expect(dateByWrittenOn(makeRecord({ period_start_fy: 2024, period_end_fy: 2024, target: 5 }), "2025-02-12").actual_as_of).toBeNull();
    expect(dateByWrittenOn(actual(2024), null).actual_as_of).toBeNull();
    // A year not yet begun cannot be partial on that day.
    expect(dateByWrittenOn(actual(2025), "2025-02-12").actual_as_of).toBeNull();
  });

  it("keeps a stated date, even a later one, and the record_id", () => {
    const stated = actual(2024, { actual_as_of: "2025-01-31" });
    expect(dateByWrittenOn(stated, "2025-01-15")).toBe(stated);
    const dated = dateByWrittenOn(actual(2024), "2025-02-12");
    expect(dated.record_id).toBe(actual(2024).record_id);
  });
});

describe("dating a written document's figures", () => {
  const STATUS = [
    "「就職氷河期世代活躍支援ひろしまプラットフォーム事業実施計画」におけるKPI達成状況（第二ステージ）",
    "",
    "1 不安定な就労状態にある方",
    "",
    "【目標】正規雇用者について、2年間で3,200件以上を目指す。",
    "\t取組概要\t令和5年度\t令和6年度",
    "全体KPI\t○正社員就職件数2年間で3,200件以上\t○正社員就職件数 3,121件\t○正社員就職件数 2,163件 (R7.1月末現在)",
    "マッチング・相談による支援\t<広島市> ○就職氷河期世代等のマッチングの促進\t○求職登録者数569人\t○求職登録者数433人",
    "\t<呉市> ○合同企業説明会の開催\t○参加者数20人\t○合同企業説明会 (R6.11.20) 参加者数18人 ○セミナー (R7.3.5予定)",
  ].join("\n");
  const dirs: string[] = [];
  const extract = async (registry: string | null, curation: string | null = null): Promise<ExtractResult> => {
    const dir = mkdtempSync(join(tmpdir(), "kpi-written-on-"));
    dirs.push(dir);
    writeFileSync(join(dir, "status.txt"), STATUS + "\n");
    if (registry !== null) writeFileSync(join(dir, "sources.csv"), registry);
    if (curation === null) return extractAll({ sourcesDir: dir, curationDir: null });
    mkdirSync(join(dir, "curation"));
    writeFileSync(join(dir, "curation", "rows.csv"), curation);
    return extractAll({ sourcesDir: dir, curationDir: join(dir, "curation") });
  };
  const find = (result: ExtractResult, line: number, fy: number) => result.records.find((r) => r.source_line === line && r.period_start_fy === fy && r.period_end_fy === fy && r.actual !== null && !r.extraction.startsWith("curated:"))!;
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("dates an undated figure of the year not over by the document's own date, and leaves the finished year undated", async () => {
    const result = await extract(null);
    expect(result.report.sources[0]).toMatchObject({ written_on: "2025-01-31", written_on_basis: "document", written_on_line: 7 });
    expect(find(result, 8, 2024)).toMatchObject({ body: "広島市", actual: 433, actual_as_of: "2025-01-31", actual_as_of_basis: "written_on" });
    expect(find(result, 9, 2024)).toMatchObject({ actual: 18, actual_as_of: "2025-01-31", actual_as_of_basis: "written_on" });
    expect(find(result, 7, 2024)).toMatchObject({ actual: 2163, actual_as_of: "2025-01-31", actual_as_of_basis: "stated" });
    for (const line of [7, 8, 9]) expect(find(result, line, 2023)).toMatchObject({ actual_as_of: null, actual_as_of_basis: null });
  });

  it("takes the registry's date, and keeps a stated date later than it", async () => {
    const result = await extract("file,title,publisher,prefectures,url,written_on,document_kind,coverage,note\nstatus.txt,KPI達成状況,広島,広島県,,2025-01-15,platform_kpi_status,full_report,\n");
    expect(result.report.sources[0]).toMatchObject({ written_on: "2025-01-15", written_on_basis: "registry", written_on_line: null });
    expect(find(result, 8, 2024)).toMatchObject({ actual_as_of: "2025-01-15", actual_as_of_basis: "written_on" });
    expect(find(result, 7, 2024)).toMatchObject({ actual_as_of: "2025-01-31", actual_as_of_basis: "stated" });
    expect(find(result, 8, 2023).actual_as_of).toBeNull();
    expect(result.report.entries.map((e) => [e.file, e.reason])).toEqual([["sources.csv", "the source registry: it describes the sources and is not one of them"]]);
  });

  it("keeps what a curation row's analyst typed: a replaced date is stated, an added record is not dated", async () => {
    const hiroshima = recordId({ source_file: "status.txt", source_line: 8, kpi_name: "求職登録者数", period_start_fy: 2024, period_end_fy: 2024 });
    const rows = [
      "action,record_id,reason,source_file,source_line,body,program,kpi_name,period_start_fy,actual,actual_as_of",
      `replace,${hiroshima},the city's own report dates it,,,,,,,,2024-12-31`,
      "add,,a figure the table leaves out,status.txt,9,呉市,合同企業説明会の開催,出展企業数,2024,7,",
    ].join("\n");
    const result = await extract(null, rows + "\n");
    expect(result.report.entries.filter((e) => e.status === "error")).toEqual([]);
    expect(result.records.find((r) => r.record_id === hiroshima)).toMatchObject({ actual: 433, actual_as_of: "2024-12-31", actual_as_of_basis: "stated", extraction: "curated:rows.csv" });
    expect(result.records.find((r) => r.kpi_name === "出展企業数")).toMatchObject({ actual: 7, actual_as_of: null, actual_as_of_basis: null, extraction: "curated:rows.csv" });
    // The figures no row names are dated as before.
    expect(find(result, 9, 2024)).toMatchObject({ actual_as_of: "2025-01-31", actual_as_of_basis: "written_on" });
  });
});

describe("the real seeds", () => {
  let result: ExtractResult;
  beforeAll(async () => {
    result = await extractDefault();
  });

  it("give each source's written_on in the report", () => {
    const dates = Object.fromEntries(result.report.sources.map((s) => [s.file, [s.written_on, s.written_on_basis, s.written_on_line]]));
    expect(dates).toEqual({
      [FILES.statusReport]: ["2024-07-16", "registry", null],
      [FILES.caseStudy]: [null, null, null],
      [FILES.kpiPlan]: [null, null, null],
      [FILES.platformPlan]: ["2023-05-23", "registry", null],
      [FILES.platformStatus]: ["2025-02-12", "document", 13],
    });
  });

  it("date 004's undated FY2024 figures by 2025-02-12", () => {
    const status = result.records.filter((r) => r.source_file === FILES.platformStatus);
    const preparation = status.find((r) => r.source_line === 47 && r.period_start_fy === 2024 && r.actual === 14)!;
    expect(preparation.kpi_name).toMatch(/^就労準備支援事業/);
    expect(preparation).toMatchObject({ actual_as_of: "2025-02-12", actual_as_of_basis: "written_on" });
    const hiroshima = status.filter((r) => r.source_line === 18 && r.period_end_fy === 2024 && r.actual !== null);
    expect(hiroshima.length).toBeGreaterThan(0);
    for (const r of hiroshima) expect(r).toMatchObject({ body: "広島市", actual_as_of: "2025-02-12", actual_as_of_basis: "written_on" });
    // Every FY2024 actual is dated: by the document's stamp, or by the day it was written.
    for (const r of status.filter((r) => r.period_end_fy === 2024 && r.actual !== null)) expect(r.actual_as_of).not.toBeNull();
    // A stated date stays stated.
    expect(status.find((r) => r.source_line === 15 && r.period_start_fy === 2024 && r.actual === 539)).toMatchObject({ actual_as_of: "2025-01-31", actual_as_of_basis: "stated" });
  });

  it("leave 000's FY2023 figures undated: the year was over when it was written", () => {
    const report = result.records.filter((r) => r.source_file === FILES.statusReport && r.actual !== null);
    expect(report.filter((r) => r.period_end_fy === 2023).length).toBeGreaterThan(30);
    // FY2023 and the FY2019–2022 series of one note: all finished years.
    for (const r of report) expect(r).toMatchObject({ actual_as_of: null, actual_as_of_basis: null });
  });
});
