import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { caseStudyParser, parseCaseStudy } from "../loaders/extract/parsers/case-study.ts";
import { validateRecord } from "../loaders/extract/schema.ts";
import { docFromText, FILES, loadRealSource, parseToRecords } from "./helpers/sources.ts";

const doc = loadRealSource(FILES.caseStudy);
const records = parseToRecords(caseStudyParser, doc);
const values = (body: string) => records.filter((r) => r.body === body).map((r) => [r.target, r.actual]);

describe("case study (001, FY2021 case sheets)", () => {
  it("reads Tomakomai's three KPIs, joining names wrapped over lines and across a blank line", () => {
    const tomakomai = records.filter((r) => r.body === "苫小牧市");
    expect(tomakomai.map((r) => [r.kpi_name, r.target, r.actual, r.unit])).toEqual([
      ["就職支援数（人）", 20, 20, "人"],
      ["就職者数（人）（非正規雇用含む）", 10, 15, "人"],
      ["取得した資格を有効活用できる人手不足産業（建設業など）への就職者数（件）", 5, 7, "件"],
    ]);
    for (const r of tomakomai) {
      expect(r).toMatchObject({ period_start_fy: 2021, period_end_fy: 2021, body_code: "012131", prefecture: "北海道", prefecture_code: "01", body_level: "municipality", budget_thousand_yen: 8500, program: "就職氷河期世代就職応援事業", source_line: 65, target_op: "eq" });
    }
    expect(tomakomai[0]!.note).toMatch(/^支援対象者にキャリアコンサルティングを実施.*人材確保につなげることができる。$/);
  });

  it("reads Kanagawa's names from one line and takes the body named before the marker", () => {
    expect(values("神奈川県")).toEqual([
      [280, 68],
      [560, 833],
      [150, 273],
    ]);
    const [r] = records.filter((r) => r.body === "神奈川県");
    expect(r).toMatchObject({ kpi_name: "正規雇用就職者数（人）", body_code: "140007", body_level: "prefecture", budget_thousand_yen: 167180, program: "就職氷河期世代活躍応援パッケージ", source_line: 134 });
  });

  it("reads Kobe's two wrapped names", () => {
    expect(values("神戸市")).toEqual([
      [24, 55],
      [60, 54],
    ]);
    expect(records.find((r) => r.body === "神戸市")).toMatchObject({ kpi_name: "ひきこもり状態にある就職氷河期世代の方のアウトリーチ型の相談（人）", budget_thousand_yen: 13600, support_target: "social_participation", body_code: "281000" });
  });

  it("pairs Kitakyushu's KPIs with the title that follows them, and a unit bracket on its own line", () => {
    expect(values("北九州市")).toEqual([
      [75, 82],
      [50, 82],
      [50, 503],
    ]);
    const kitakyushu = records.filter((r) => r.body === "北九州市");
    expect(kitakyushu.map((r) => r.kpi_name)).toEqual(["就職氷河期世代応援企業リスト等を活用した正規雇用化数（人）", "就職氷河期世代応援企業リスト数（企業数）", "マッチング支援員による求人開拓企業数（企業数）"]);
    expect(kitakyushu[1]).toMatchObject({ unit: "社", budget_thousand_yen: 43441, body_code: "401005" });
  });

  it("produces only schema-valid records with unique ids", () => {
    expect(records).toHaveLength(11);
    for (const r of records) expect(validateRecord(r as never)).toEqual([]);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(records.length);
  });

  it("leaves no KPI-like line unaccounted and reports the overview and staffing figures as skipped", () => {
    const { entries, summary } = extractDocument(doc);
    expect(summary).toMatchObject({ document_kind: "grant_case_study", records: 11 });
    expect(entries.filter((e) => e.status !== "skipped")).toEqual([]);
    expect(entries.find((e) => e.line === 11)?.reason).toMatch(/overview/);
    expect(entries.map((e) => e.line)).toEqual([11, 255, 257, 260, 320]);
  });

  it("reads a 令和4年度 sheet whose title follows its block, with names split mid-line and an empty 【】", () => {
    const text = [
      "事業概要",
      "",
      "相談件数（件） 就職者数",
      "（人）",
      "",
      "令和４年度KPI",
      "【 】は実績値",
      "１００ 【 】 ２０ 【２５】",
      "",
      "テスト就労支援事業【大阪府堺市】",
      "交付金対象事業費 1,234千円",
      "～ テスト ～",
      "・説明文。",
      "本事業の成果",
    ].join("\n");
    const rows = parseToRecords(caseStudyParser, docFromText(text));
    expect(rows.map((r) => [r.kpi_name, r.period_start_fy, r.target, r.actual, r.unit])).toEqual([
      ["相談件数（件）", 2022, 100, null, "件"],
      ["就職者数（人）", 2022, 20, 25, "人"],
    ]);
    expect(rows[0]).toMatchObject({ body: "堺市", body_code: "271403", budget_thousand_yen: 1234, note: "説明文。", source_line: 8 });
  });

  it("takes the first body of a joint title when the marker names none", () => {
    const text = ["連携事業【兵庫県・神戸市】", "", "参加者数（人）", "", "令和3年度KPI 【 】は実績値 10【12】"].join("\n");
    const [r] = parseToRecords(caseStudyParser, docFromText(text));
    expect(r).toMatchObject({ body: "兵庫県", kpi_name: "参加者数（人）", target: 10, actual: 12 });
  });

  it("resolves a municipality named before the marker that several prefectures have through its joint title", () => {
    const text = ["連携事業【広島県・府中市】", "", "参加者数（人）", "", "府中市 令和3年度KPI 【 】は実績値 10【12】"].join("\n");
    const result = parseCaseStudy(docFromText(text));
    expect(result.errors).toEqual([]);
    const [r] = parseToRecords(caseStudyParser, docFromText(text));
    expect(r).toMatchObject({ body: "府中市", prefecture: "広島県", body_code: "342084", kpi_name: "参加者数（人）", target: 10, actual: 12 });
  });

  it("pairs interleaved titles and blocks nearest first, whichever side the title stands on", () => {
    const text = [
      "参加者数（人）",
      "令和3年度KPI 【 】は実績値 1【1】",
      "",
      "甲事業【神戸市】",
      "交付金対象事業費 100千円",
      "乙事業【姫路市】",
      "",
      "相談件数（件）",
      "令和3年度KPI 【 】は実績値 2【2】",
      "",
      "",
      "",
      "",
      "丙事業【明石市】",
      "",
      "就職者数（人）",
      "令和3年度KPI 【 】は実績値 3【3】",
    ].join("\n");
    const rows = parseToRecords(caseStudyParser, docFromText(text));
    expect(rows.map((r) => [r.kpi_name, r.body, r.program, r.budget_thousand_yen])).toEqual([
      ["参加者数（人）", "神戸市", "甲事業", 100],
      ["相談件数（件）", "姫路市", "乙事業", null],
      ["就職者数（人）", "明石市", "丙事業", null],
    ]);
  });

  it("starts the names right below a title with no blank line between", () => {
    const text = ["事業【神戸市】", "参加者数（人）", "令和3年度KPI", "【 】は実績値", "10【12】"].join("\n");
    const [r] = parseToRecords(caseStudyParser, docFromText(text));
    expect(r).toMatchObject({ kpi_name: "参加者数（人）", source_line: 5, target: 10, actual: 12 });
  });

  it("reports a block whose names and values do not align instead of guessing", () => {
    const text = ["事業【神戸市】", "", "参加者数（人） 就職者数（人）", "", "令和3年度KPI 【 】は実績値 10【12】"].join("\n");
    const result = parseCaseStudy(docFromText(text));
    expect(result.drafts).toEqual([]);
    expect(result.errors).toEqual([{ line: 5, reason: expect.stringMatching(/cannot align 1 values/) }]);
  });

  describe("KPI names above the program title (PDF text order put the name block before the title)", () => {
    /** 001 with the lines from..to (1-based, inclusive) moved to right after line `after`: the line count stays the same. */
    const moved = (from: number, to: number, after: number) => {
      const raw = [...doc.raw];
      const block = raw.splice(from - 1, to - from + 1);
      raw.splice(after, 0, ...block);
      return docFromText(raw.join("\n"), FILES.caseStudy);
    };
    const same = (variant: ReturnType<typeof docFromText>) => {
      expect(parseCaseStudy(variant).errors).toEqual([]);
      expect(parseToRecords(caseStudyParser, variant)).toEqual(records);
      const { entries, summary } = extractDocument(variant);
      expect(summary).toMatchObject({ records: 11 });
      expect(entries.filter((e) => e.status !== "skipped")).toEqual([]);
    };

    it("reads Tomakomai's names standing between 事業概要 and its title as in the usual order", () => {
      // 49 事業概要 / 就職支援数（人）… 産業（建設業など）への就職者数（件） / 就職氷河期世代就職応援事業【北海道苫小牧市】 / 交付金対象事業費 / 事業概要 / 令和３年度KPI / 20 【20】 10 【15】 5 【7】 (still line 65)
      const variant = moved(55, 60, 49);
      expect(variant.lines.slice(48, 57).map((l) => l.trim())).toEqual([
        "事業概要",
        "就職支援数（人）",
        "就職者数（人）",
        "",
        "（非正規雇用含む）",
        "取得した資格を有効活用できる人手不足",
        "産業（建設業など）への就職者数（件）",
        "就職氷河期世代就職応援事業【北海道苫小牧市】",
        "交付金対象事業費 8,500千円",
      ]);
      same(variant);
    });

    it("reads Kobe's names standing between the previous sheet's text and its title", () => {
      // 227 (blank) / ひきこもり状態にある…（人） / 地域若者…（人） / (blank) / ひきこもり状態等にある方の就労支援充実【神戸市】 / 交付金対象事業費 / 事業概要 / 令和３年度KPI 24 【55】 60 【54】 (still line 239)
      const variant = moved(233, 238, 227);
      expect(variant.lines[233]).toMatch(/就労支援充実【神戸市】/);
      same(variant);
    });

    it("reads both moved at once", () => {
      const variant = moved(55, 60, 49);
      const raw = [...variant.raw];
      raw.splice(227, 0, ...raw.splice(232, 6));
      same(docFromText(raw.join("\n"), FILES.caseStudy));
    });

    it("never gives names to the wrong program: above and below orders mixed, page header and footer between sheets", () => {
      const text = [
        "（令和３年度交付決定事業における取組事例）",
        "事業概要",
        "就職支援数（人）",
        "就職者数（人）",
        "（非正規雇用含む）",
        "甲事業【北海道苫小牧市】",
        "交付金対象事業費 8,500千円",
        "",
        "令和３年度KPI",
        "【 】は実績値",
        "20 【20】 10 【15】",
        "～ 甲の取組 ～",
        "・甲の説明。",
        "- 1 -",
        "（令和３年度交付決定事業における取組事例）",
        "相談件数（件）",
        "乙事業【神戸市】",
        "交付金対象事業費 1,000千円",
        "令和３年度KPI 【 】は実績値 30 【31】",
        "～ 乙の取組 ～",
        "・乙の説明。",
        "本事業の成果・取組事例として着目したポイント等",
        "- 2 -",
        "丙事業【姫路市】",
        "交付金対象事業費 2,000千円",
        "",
        "参加者数（人）",
        "令和３年度KPI 【 】は実績値 40 【41】",
        "求人企業数（社）",
        "丁事業【明石市】",
        "令和３年度KPI 【 】は実績値 50 【51】",
      ].join("\n");
      const result = parseCaseStudy(docFromText(text));
      expect(result.errors).toEqual([]);
      const rows = parseToRecords(caseStudyParser, docFromText(text));
      expect(rows.map((r) => [r.program, r.body, r.kpi_name, r.target, r.actual, r.budget_thousand_yen, r.note, r.source_line])).toEqual([
        ["甲事業", "苫小牧市", "就職支援数（人）", 20, 20, 8500, "甲の説明。", 11],
        ["甲事業", "苫小牧市", "就職者数（人）（非正規雇用含む）", 10, 15, 8500, "甲の説明。", 11],
        ["乙事業", "神戸市", "相談件数（件）", 30, 31, 1000, "乙の説明。", 19],
        ["丙事業", "姫路市", "参加者数（人）", 40, 41, 2000, null, 28],
        ["丁事業", "明石市", "求人企業数（社）", 50, 51, null, null, 31],
      ]);
      expect(extractDocument(docFromText(text)).entries.filter((e) => e.status !== "skipped")).toEqual([]);
    });

    it("does not reach past a title's names into the names of another title above it", () => {
      // 甲's names are below 甲 as usual; 乙 has none: 乙's block must not borrow 甲's.
      const text = ["甲事業【神戸市】", "", "参加者数（人）", "乙事業【姫路市】", "交付金対象事業費 100千円", "令和3年度KPI 【 】は実績値 10【12】"].join("\n");
      const result = parseCaseStudy(docFromText(text));
      expect(result.drafts).toEqual([]);
      expect(result.errors).toEqual([{ line: 6, reason: expect.stringMatching(/cannot align 1 values/) }]);
    });
  });

  it("reports a KPI block with no title to pair it with", () => {
    const result = parseCaseStudy(docFromText(["参加者数（人）", "", "令和3年度KPI 【 】は実績値 10【12】"].join("\n")));
    expect(result.errors).toEqual([{ line: 3, reason: expect.stringMatching(/no program title/) }]);
  });
});
