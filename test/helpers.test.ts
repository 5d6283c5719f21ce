import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { BodyError, isAdministered, resolveAgencyTag, resolveLocalGov, resolvePlatform } from "../loaders/extract/bodies.ts";
import { classifyKpi, classifySupportTarget } from "../loaders/extract/classify.ts";
import { eraToWestern, findStage, parseAsOf, parseCumulativeRange, parseFiscalYear, stagePeriod } from "../loaders/extract/fiscal.ts";
import { parseJapaneseQuantity } from "../loaders/extract/japanese-numbers.ts";
import { parseNumber } from "../loaders/extract/numbers.ts";
import { extractAll } from "../loaders/extract/extract.ts";
import { statementDigest } from "../loaders/extract/drafts.ts";
import { COLUMNS, recordId, verifyLocalGovCheckDigit } from "../loaders/extract/schema.ts";
import { loadSource } from "../loaders/extract/source.ts";
import { decodeText, foldWidth, joinWrapped } from "../loaders/extract/text.ts";
import { unitFromName } from "../loaders/extract/units.ts";
import { SOURCES_DIR } from "./helpers/sources.ts";

const toFullWidth = (s: string) => s.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const withCommas = (n: number) => n.toLocaleString("en-US");

describe("numbers", () => {
  it("reads separators, full-width digits, units and 以上", () => {
    expect(parseNumber("1,500")).toBe(1500);
    expect(parseNumber("４，７６８")).toBe(4768);
    expect(parseJapaneseQuantity("3,200件以上")).toMatchObject({ value: 3200, unit: "件", op: "gte" });
    expect(parseJapaneseQuantity("15名")).toMatchObject({ value: 15, unit: "人", op: "eq" });
    expect(parseJapaneseQuantity("22,497回")).toMatchObject({ value: 22497, unit: "回", op: "eq" });
    expect(parseJapaneseQuantity("23市町")).toMatchObject({ value: 23, unit: "市町", op: "eq" });
    expect(parseJapaneseQuantity("31社")).toMatchObject({ value: 31, unit: "社" });
  });

  it("returns null for text that is not one number, never NaN", () => {
    for (const text of ["", "約7万人", "1,50", "12,3456", "800～1,200", "2.9%", "abc", "1 2"]) expect(parseNumber(text)).toBeNull();
    for (const text of ["", "1,50", "12,3456", "800～1,200", "abc", "1 2"]) expect(parseJapaneseQuantity(text)).toBeNull();
  });

  it("round-trips any non-negative integer written with separators, in either width", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000_000 }), fc.boolean(), fc.constantFrom("", "人", "件", "回", "社", "市町"), (n, wide, unit) => {
        const text = withCommas(n);
        const written = (wide ? toFullWidth(text) : text) + unit;
        expect(parseNumber(wide ? toFullWidth(text) : text)).toBe(n);
        const q = parseJapaneseQuantity(written + "以上");
        expect(q).toMatchObject({ value: n, unit: unit || null, op: "gte" });
      }),
    );
  });

  it("never yields a non-finite value for arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789,，.０１２３人件以上 -") }), (text) => {
        const n = parseNumber(text);
        const q = parseJapaneseQuantity(text);
        if (n !== null) expect(Number.isFinite(n)).toBe(true);
        if (q !== null) expect(Number.isFinite(q.value)).toBe(true);
      }),
    );
  });
});

describe("fiscal years", () => {
  it("reads the written variants", () => {
    expect(parseFiscalYear("R5")).toBe(2023);
    expect(parseFiscalYear("Ｒ５")).toBe(2023);
    expect(parseFiscalYear("令和5年度")).toBe(2023);
    expect(parseFiscalYear("令和３年度")).toBe(2021);
    expect(parseFiscalYear("R5年度")).toBe(2023);
    expect(parseFiscalYear("平成31年度")).toBe(2019);
    expect(parseFiscalYear("令和元年度")).toBe(2019);
    expect(parseFiscalYear("H30")).toBe(2018);
    expect(parseFiscalYear("令和")).toBeNull();
    expect(parseFiscalYear("R5目標")).toBeNull();
  });

  it("maps every era year to the Western year, whatever the spelling", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.constantFrom("R", "令和"), fc.constantFrom("", "年度", "年"), fc.boolean(), (y, era, suffix, wide) => {
        const digits = wide ? toFullWidth(String(y)) : String(y);
        const eraText = wide && era === "R" ? "Ｒ" : era;
        expect(parseFiscalYear(`${eraText}${digits}${suffix}`)).toBe(2018 + y);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), (y) => {
        expect(parseFiscalYear(`平成${y}年度`)).toBe(1988 + y);
      }),
    );
    expect(eraToWestern("令和", "元")).toBe(eraToWestern("平成", 31));
  });

  it("reads as-of dates as month ends, in the era's calendar year", () => {
    expect(parseAsOf("(R6.12月末現在)")).toBe("2024-12-31");
    expect(parseAsOf("（R7.1月末現在）")).toBe("2025-01-31");
    expect(parseAsOf("(R6.9月末現在)")).toBe("2024-09-30");
    expect(parseAsOf("183件（R.6.12月までの速報値）")).toBe("2024-12-31");
    expect(parseAsOf("令和6年2月末現在")).toBe("2024-02-29");
    expect(parseAsOf("(R5.10.21)")).toBeNull();
  });

  it("gives stage periods and checks their length", () => {
    expect(findStage("「第一ステージ」")).toBe("first");
    expect(findStage("第二ステージ")).toBe("second");
    expect(stagePeriod(3, { stage: "first" })).toEqual({ start: 2020, end: 2022 });
    expect(stagePeriod(2, { stage: "second" })).toEqual({ start: 2023, end: 2024 });
    expect(stagePeriod(3, { stage: "second" })).toBeNull();
    expect(stagePeriod(2, { start: 2025 })).toEqual({ start: 2025, end: 2026 });
    expect(stagePeriod(2, {})).toBeNull();
  });

  it("reads cumulative ranges", () => {
    expect(parseCumulativeRange("(R1.8~R6.3累計)")).toEqual({ period: { start: 2019, end: 2023 }, asOf: "2024-03-31" });
    expect(parseCumulativeRange("(R1.8~R6.12累計)")).toEqual({ period: { start: 2019, end: 2024 }, asOf: "2024-12-31" });
  });
});

describe("text", () => {
  const sample = "・就職者数（非正規を含む）　Ｒ５目標：２００　R5実績：91\r\n";

  it("decodes UTF-8, UTF-8 with BOM and Shift_JIS to the same text", () => {
    const utf8 = new TextEncoder().encode(sample);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    const sjis = new Uint8Array(iconv.encode(sample, "cp932"));
    expect(decodeText(utf8)).toEqual({ text: sample, encoding: "utf-8" });
    expect(decodeText(bom)).toEqual({ text: sample, encoding: "utf-8-bom" });
    expect(decodeText(sjis)).toEqual({ text: sample, encoding: "shift_jis" });
    expect(loadSource("x.txt", sjis).lines[0]).toBe("・就職者数（非正規を含む） R5目標:200 R5実績:91");
  });

  it("folds digits, letters and spaces but keeps brackets, circled numbers and footnote marks", () => {
    expect(foldWidth("ＬＩＮＥ　１，５００件（Ｒ５）①KPI⁶")).toBe("LINE 1,500件（R5）①KPI⁶");
    expect(foldWidth("ﾌｫｰｸﾘﾌﾄ")).toBe("フォークリフト");
  });

  it("joins wrapped lines without spaces except between ASCII words", () => {
    expect(joinWrapped(["SNSとAIを活用したキャリ", "アカウンセリング"])).toBe("SNSとAIを活用したキャリアカウンセリング");
    expect(joinWrapped(["in", "HYOGO"])).toBe("in HYOGO");
  });
});

describe("bodies", () => {
  it("resolves local governments with their codes and levels", () => {
    expect(resolveLocalGov("神戸市")).toEqual({ body: "神戸市", body_code: "281000", body_level: "designated_city", prefecture: "兵庫県", prefecture_code: "28" });
    expect(resolveLocalGov("北海道苫小牧市")).toMatchObject({ body: "苫小牧市", body_code: "012131", prefecture: "北海道", prefecture_code: "01" });
    expect(resolveLocalGov("兵 庫 県")).toMatchObject({ body: "兵庫県", body_code: "280003", body_level: "prefecture" });
    expect(resolveLocalGov("府中市", { prefecture: "広島県" })).toMatchObject({ body_code: "342084" });
    // 北海道泊村, not the Northern Territories village of the same name, which has a code but no administration
    expect(resolveLocalGov("泊村", { prefecture: "北海道" })).toMatchObject({ body: "泊村", body_code: "014036" });
    expect(resolveLocalGov("北海道泊村")).toMatchObject({ body_code: "014036" });
    expect(resolveLocalGov("泊村")).toMatchObject({ body_code: "014036" });
    expect(["016951", "016969", "017001"].map(isAdministered)).toEqual([false, false, false]);
    expect(["014036", "016942", "017019", "281000", null].map(isAdministered)).toEqual([true, true, true, true, true]);
  });

  it("refuses unknown and ambiguous names", () => {
    expect(() => resolveLocalGov("府中市")).toThrow(BodyError);
    expect(() => resolveLocalGov("架空市")).toThrow(/unknown local government/);
  });

  it("resolves platforms by kanji or reading, and agency tags within the prefecture", () => {
    expect(resolvePlatform("就職氷河期世代活躍支援ひろしまプラットフォーム")).toMatchObject({ prefecture: "広島県", body_level: "platform", body_code: null });
    expect(resolveAgencyTag("労働局", "兵庫県")).toMatchObject({ body: "兵庫労働局", body_level: "national_agency" });
    expect(resolveAgencyTag("経済産業局", "広島県")).toMatchObject({ body: "中国経済産業局" });
    expect(resolveAgencyTag("呉市", "広島県")).toMatchObject({ body_code: "342025", body_level: "municipality" });
  });

  it("verifies check digits of every code in the reference table", async () => {
    const { readDataTable } = await import("../loaders/extract/data-tables.ts");
    const rows = readDataTable("reference/local_governments.csv");
    expect(rows.length).toBeGreaterThan(1700);
    for (const row of rows) expect(verifyLocalGovCheckDigit(row.code!), row.code).toBe(true);
    expect(verifyLocalGovCheckDigit("281001")).toBe(false);
  });
});

describe("rules", () => {
  it("classifies kind, topic and direction from data/rules/kpi_rules.csv", () => {
    expect(classifyKpi("就職者数（非正規を含む）")).toEqual({ kpi_kind: "outcome", kpi_topic: "employment", direction: "up" });
    expect(classifyKpi("企業体験を通じた就職者数（正規雇用）")).toMatchObject({ kpi_topic: "regular_employment" });
    expect(classifyKpi("正社員就職件数")).toMatchObject({ kpi_kind: "outcome", kpi_topic: "regular_employment" });
    expect(classifyKpi("社会参加者数（居場所等への参加者数）")).toMatchObject({ kpi_topic: "social_participation" });
    expect(classifyKpi("カウンセリング受講者数")).toEqual({ kpi_kind: "output", kpi_topic: "consultation", direction: "up" });
    expect(classifyKpi("職業訓練受講あっせん総数")).toMatchObject({ kpi_topic: "training" });
    expect(classifyKpi("求人企業数（社）")).toMatchObject({ kpi_topic: "employer" });
    expect(classifyKpi("就職後1年以内の離職率")).toMatchObject({ direction: "down" });
    expect(classifyKpi("本事業による就職者数（非正規採用を含む）")).toMatchObject({ kpi_topic: "employment" });
    expect(classifyKpi("企業体験への体験者数")).toMatchObject({ kpi_topic: "participation" });
    expect(classifyKpi("セミナー・相談会等への参加人数")).toMatchObject({ kpi_topic: "participation" });
    expect(classifyKpi("当該事業（相談のみ含む）において求職活動を行った人数（人）")).toMatchObject({ kpi_topic: "participation" });
    expect(classifyKpi("個別ケースの連絡調整会議の開催数")).toMatchObject({ kpi_kind: "output", kpi_topic: "other" });
  });

  it("reads support targets and units from names", () => {
    expect(classifySupportTarget("香美町ひきこもり者等就労支援事業")).toBe("social_participation");
    expect(classifySupportTarget("就業を希望しながらも長期にわたり無業の状態にある方")).toBe("long_term_unemployed");
    expect(classifySupportTarget("不安定な就労状態にある方")).toBe("unstable_employment");
    expect(classifySupportTarget("起業家支援事業")).toBe("unspecified");
    expect(unitFromName("求人企業数（社）")).toBe("社");
    expect(unitFromName("当該事業を活用した就業者（起業者）数")).toBe("人");
    expect(unitFromName("開催数")).toBe("回");
    expect(unitFromName("居場所の設置数（か所）")).toBe("か所");
    expect(unitFromName("相談窓口（箇所）")).toBe("か所");
    expect(unitFromName("参画団体（団体）")).toBe("団体");
    expect(unitFromName("セミナー（回）")).toBe("回");
    expect(unitFromName("満足度")).toBeNull();
  });
});

describe("record ids", () => {
  it("depend on the key fields only", () => {
    const key = { source_file: "a.txt", source_line: 3, kpi_name: "就職者数", period_start_fy: 2023, period_end_fy: 2023 };
    expect(recordId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(recordId({ ...key })).toBe(recordId(key));
    expect(recordId({ ...key, period_end_fy: 2024 })).not.toBe(recordId(key));
    expect(recordId({ ...key, source_line: 4 })).not.toBe(recordId(key));
  });
});

describe("statement digests", () => {
  it("ignore where a record stands and change with every other column", async () => {
    const record = (await extractAll({ sourcesDir: SOURCES_DIR, curationDir: null })).records.find((r) => r.target !== null && r.actual !== null && r.note !== null)!;
    const digest = statementDigest(record);
    expect(statementDigest({ ...record, record_id: "0123456789abcdef", source_file: "copy.txt", source_line: 999, source_locator: "p.2 l.3" })).toBe(digest);
    for (const column of COLUMNS) {
      // parent_record_id points at another record by its id, which says where that record stands (a copy elsewhere has another).
      if (["record_id", "source_file", "source_line", "source_locator", "parent_record_id"].includes(column.name)) continue;
      const value = record[column.name];
      const other = typeof value === "number" ? value + 1 : typeof value === "boolean" ? !value : value === null ? "x" : `${value}x`;
      expect(statementDigest({ ...record, [column.name]: other }), column.name).not.toBe(digest);
    }
  });
});

