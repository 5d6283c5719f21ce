import { describe, expect, it } from "vitest";
import { statusReportParser } from "../loaders/extract/parsers/status-report.ts";
import { validateRecord } from "../loaders/extract/schema.ts";
import { docFromText, FILES, loadRealSource, parseToRecords } from "./helpers/sources.ts";

const doc = loadRealSource(FILES.statusReport);
const records = parseToRecords(statusReportParser, doc);
const find = (body: string, name: string, fy = 2023) => records.filter((r) => r.body === body && r.kpi_name.includes(name) && r.period_start_fy === fy);

describe("status report (000, Hyogo FY2023)", () => {
  it("states 38 FY2023 target/actual pairs", () => {
    const pairs = records.filter((r) => r.period_start_fy === 2023 && r.target !== null && r.actual !== null);
    expect(pairs).toHaveLength(38);
  });

  it("reads Kobe's 就職者数: target 200, actual 91, with the note that follows", () => {
    const [r] = find("神戸市", "就職者数（非正規を含む）");
    expect(r).toMatchObject({ target: 200, actual: 91, target_op: "eq", unit: "人", source_line: 11, body_code: "281000", body_level: "designated_city", prefecture: "兵庫県", prefecture_code: "28", kpi_kind: "outcome", kpi_topic: "employment" });
    expect(r!.program).toBe("SNSとAIを活用したキャリアカウンセリング・キャリアアップサポート事業");
    expect(r!.note).toMatch(/^LINE広告を中心とした.*目標達成には至らなかった。$/);
  });

  it("reads full-width era years and 、 between target and actual", () => {
    expect(find("兵庫県", "当該事業を活用した就業者（起業者）数")[0]).toMatchObject({ target: 20, actual: 11, unit: "人" });
    expect(find("兵庫県", "合同企業説明会をきっかけにした就職者数")[0]).toMatchObject({ target: 10, actual: 24 });
  });

  it("reads values with units and thousands separators", () => {
    expect(find("宝塚市", "情報配信へのエンゲージメント数")[0]).toMatchObject({ target: 17000, actual: 22497, unit: "回" });
    expect(find("神戸市", "SNSの友達ユーザー数（時点）")[0]).toMatchObject({ target: 10000, actual: 24637 });
    expect(find("兵庫県", "プログラム参加者中の就業者数（非正規を含む）")[0]).toMatchObject({ target: 15, actual: 19, unit: "人" });
  });

  it("joins a program name wrapped over three lines and resolves small towns", () => {
    const [r] = find("香美町", "社会参加者数");
    expect(r).toMatchObject({ program: "香美町ひきこもり者等就労支援事業", body_code: "285854", body_level: "municipality", support_target: "social_participation", kpi_topic: "social_participation" });
  });

  it("turns the series in a note (R1:3、R2:12…) into actual-only rows of the same indicator", () => {
    const series = records.filter((r) => r.kpi_name === "居場所を設置する市町数").map((r) => [r.period_start_fy, r.target, r.actual]);
    expect(series).toEqual(
      expect.arrayContaining([
        [2019, null, 3],
        [2020, null, 12],
        [2021, null, 20],
        [2022, null, 23],
        [2023, 32, 26],
      ]),
    );
  });

  it("reads a series whose figures are separated by commas, telling them from thousands separators", () => {
    const real = loadRealSource(FILES.statusReport).raw.join("\n");
    const text = real.replace("（R1:3、R2:12、R3:20、R4:23)", "(R1:3,R2:1,200,R3:20,R4:23)");
    expect(text).not.toBe(real);
    const series = parseToRecords(statusReportParser, docFromText(text))
      .filter((r) => r.kpi_name === "居場所を設置する市町数" && r.target === null)
      .map((r) => [r.period_start_fy, r.actual]);
    expect(series).toEqual([[2019, 3], [2020, 1200], [2021, 20], [2022, 23]]);
  });

  it("produces only schema-valid records", () => {
    for (const r of records) expect(validateRecord(r as never)).toEqual([]);
  });

  it("resolves a municipality shared by several prefectures from the platform meeting, past a description that mentions the platform", () => {
    const text = [
      "№ 実施主体 事業名 事業の実施状況",
      "",
      "1 府中市",
      "テスト事業",
      "",
      "プラットフォーム構成機関と連携し、事業の周知を図った。",
      "・就職者数　R5目標：10人　R5実績：12人",
      "",
      "[令和6年 7 月 16 日 広島県就職氷河期世代活躍支援プラットフォーム運営会議]",
    ].join("\n");
    const [r] = parseToRecords(statusReportParser, docFromText(text));
    expect(r).toMatchObject({ body: "府中市", prefecture: "広島県", body_code: "342084", target: 10, actual: 12 });
  });

  it("reads a KPI name that wraps before its values, and target-only statements", () => {
    const text = ["№ 実施主体 事業名 事業の実施状況", "", "1 明石市", "テスト事業", "", "説明文。", "・セミナー参加後に就職決定した", "人数　R6目標：８人", ""].join("\n");
    const [r] = parseToRecords(statusReportParser, docFromText(text));
    expect(r).toMatchObject({ kpi_name: "セミナー参加後に就職決定した人数", period_start_fy: 2024, target: 8, actual: null, source_line: 8 });
  });
});
