import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { platformPlanParser } from "../loaders/extract/parsers/platform-plan.ts";
import { validateRecord } from "../loaders/extract/schema.ts";
import { docFromText, FILES, loadRealSource, parseToRecords } from "./helpers/sources.ts";

const doc = loadRealSource(FILES.platformPlan);
const records = parseToRecords(platformPlanParser, doc);
const find = (name: string, start: number) => records.find((r) => r.kpi_name === name && r.period_start_fy === start);

describe("platform plan (003, Saitama)", () => {
  it("reads stage targets with the stage's fiscal years", () => {
    expect(find("正社員就職件数", 2020)).toMatchObject({ period_end_fy: 2022, target: 12500, target_op: "gte", unit: "件", source_line: 237 });
    expect(find("正社員就職件数", 2023)).toMatchObject({ period_end_fy: 2024, target: 8403, target_op: "gte" });
    expect(find("サポステの支援による進路決定者数", 2023)).toMatchObject({ target: 792, unit: "人", support_target: "long_term_unemployed", kpi_kind: "outcome" });
  });

  it("names the platform as the body and the support-target heading as the program", () => {
    const r = find("職業訓練受講あっせん総数", 2020)!;
    expect(r).toMatchObject({ body: "埼玉就職氷河期世代活躍支援プラットフォーム", body_level: "platform", body_code: null, prefecture: "埼玉県", prefecture_code: "11", program: "不安定な就労状態にある方", support_target: "unstable_employment", document_kind: "platform_plan" });
  });

  it("reads the goal that spans both stages (第二ステージを含めた取組)", () => {
    expect(find("正規雇用での就業の増加", 2020)).toMatchObject({ period_end_fy: 2024, target: 16500, unit: "人", kpi_topic: "regular_employment" });
  });

  it("yields 11 schema-valid records and lists what it left, with reasons", () => {
    expect(records).toHaveLength(11);
    for (const r of records) expect(validateRecord(r as never)).toEqual([]);
    const { entries } = extractDocument(doc);
    expect(entries.filter((e) => e.status !== "skipped")).toEqual([]);
    // line 133 quotes the national 30万人 beside the prefecture's own target: listed, not read
    expect(entries.map((e) => e.line)).toEqual([97, 133, 330]);
  });

  it("dates a goal by the stage named nearest before its figure", () => {
    const text = [
      "「就職氷河期世代活躍支援ひろしまプラットフォーム」",
      "事業実施計画書",
      "第4 目標・主な取組及びKPI",
      "1 不安定な就労状態にある方",
      "(1) 目標",
      "これを目安として、第一ステージの成果を踏まえ、第二ステージの2年間で4,000人以上の正規雇用者の増加を目指す。",
    ].join("\n");
    const result = platformPlanParser.parse(docFromText(text));
    expect(result.drafts.map((d) => [d.kpi_name, d.period, d.target])).toEqual([["正規雇用者の増加", { start: 2023, end: 2024 }, 4000]]);
  });

  it("parses in time linear in the length of the plan", () => {
    const plan = (n: number) =>
      [
        "「埼玉就職氷河期世代活躍支援プラットフォーム」",
        "第3 現状と課題",
        ...Array<string>(n).fill("これまで、就労支援施設による相談支援を推進してきたところである。"),
        "第4 目標・主な取組及びKPI",
        "1 不安定な就労状態にある方",
        "(2) 主な取組等",
        ...Array<string>(n).fill("ア 専門窓口を設置し、伴走型のチーム支援を実施する。【労働局】"),
        "(3) 取組に係るKPI",
        "「第一ステージ」",
        "・正社員就職件数について、3年間で12,500件以上を目指す。",
      ].join("\n");
    const time = (n: number) => {
      const doc = docFromText(plan(n));
      const start = performance.now();
      expect(platformPlanParser.parse(doc).drafts).toHaveLength(1);
      return performance.now() - start;
    };
    time(1000);
    // 20,000 lines took seconds when each line looked its chapter's title up from the top.
    expect(time(10000)).toBeLessThan(1000);
  });

  it("reads another platform's plan whose stage length disagrees as an error, not a guess", () => {
    const text = [
      "「ひょうご就職氷河期世代活躍支援プラットフォーム」",
      "事業実施計画書",
      "第4 目標・主な取組及びKPI",
      "1 不安定な就労状態にある方",
      "(3) 取組に係るKPI",
      "「第二ステージ」",
      "・正社員就職件数について、２年間で５，０００件以上を目指す。",
      "・職場定着者数について、3年間で100人以上を目指す。",
    ].join("\n");
    const result = platformPlanParser.parse(docFromText(text));
    expect(result.drafts).toHaveLength(1);
    expect(result.drafts[0]).toMatchObject({ kpi_name: "正社員就職件数", period: { start: 2023, end: 2024 }, target: 5000, body: { prefecture: "兵庫県" } });
    expect(result.errors).toEqual([{ line: 8, reason: expect.stringContaining("3年間") }]);
  });
});
