// Figures that are part of another (内数) linked to it by parent_record_id (nesting.ts).
import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { linkParents, wholeOfPart, wholeOfUchi } from "../loaders/extract/nesting.ts";
import type { Placed } from "../loaders/extract/restated.ts";
import type { KpiRecord } from "../loaders/extract/schema.ts";
import { makeRecord } from "./helpers/records.ts";
import { FILES, loadRealSource } from "./helpers/sources.ts";

describe("the whole a name speaks of", () => {
  it("is P of 「P（うちQ）」: the name less its last （うち…） group", () => {
    expect(wholeOfUchi("就職件数（うち正規雇用）")).toBe("就職件数");
    expect(wholeOfUchi("就職決定件数（うち就職氷河期世代）（うち正規雇用）")).toBe("就職決定件数（うち就職氷河期世代）");
    expect(wholeOfUchi("参加者数（セミナー）（うち登録者以外）")).toBe("参加者数（セミナー）");
    expect(wholeOfUchi("参加者数(うち登録者以外)(延べ)")).toBe("参加者数(延べ)");
    expect(wholeOfUchi("就職者数（非正規を含む）")).toBeNull();
    expect(wholeOfUchi("（うち正規雇用）")).toBeNull();
  });

  it("is X of 「Xのうち…」, outside brackets, and says when X opens with 上記", () => {
    expect(wholeOfPart("就業者のうち正規雇用及び常勤職員数")).toEqual({ whole: "就業者", above: false });
    expect(wholeOfPart("プログラムに参加者中の就業者数のうちの正規雇用者数")).toEqual({ whole: "プログラムに参加者中の就業者数", above: false });
    expect(wholeOfPart("上記就労した者のうち正社員及び常勤職員となった者の人数")).toEqual({ whole: "就労した者", above: true });
    expect(wholeOfPart("就業者数（登録者のうち就職した者）")).toBeNull();
    expect(wholeOfPart("相談の内訳件数")).toBeNull();
    expect(wholeOfPart("就業者の内正規雇用者数")).toEqual({ whole: "就業者", above: false });
  });
});

/** Records on lines, in one program block of 神戸市 (FY2023 unless told), each with its document line. */
function block(...rows: [number, Partial<KpiRecord>][]): Placed[] {
  return rows.map(([line, overrides]) => ({ line, record: makeRecord({ source_line: line, kpi_topic: "other", kpi_kind: "output", ...overrides }) }));
}
const parentOf = (placed: Placed[]) => {
  const linked = linkParents(placed);
  const byId = new Map(linked.map((r) => [r.record_id, r]));
  return linked.map((r) => (r.parent_record_id === null ? null : `${byId.get(r.parent_record_id)!.source_line} ${byId.get(r.parent_record_id)!.kpi_name}`));
};

describe("parents, hand-built", () => {
  it("links 「P（うちQ）」 to P on its line, of its body, program and period only", () => {
    const rows = block(
      [5, { kpi_name: "就職件数", kpi_topic: "employment" }],
      [6, { kpi_name: "就職件数", kpi_topic: "employment", period_start_fy: 2024 }],
      [6, { kpi_name: "就職件数（うち正規雇用）", kpi_topic: "regular_employment" }],
      [7, { kpi_name: "相談件数" }],
      [7, { kpi_name: "相談件数（うち氷河期世代）", body: "兵庫県", body_code: "280003", body_level: "prefecture" }],
      [8, { kpi_name: "相談件数（うち氷河期世代）", program: "別の事業" }],
    );
    // line 6's whole is of FY2024; line 5's is on another line; line 7's of another body; line 8's nowhere on its line
    expect(parentOf(rows)).toEqual([null, null, null, null, null, null]);
    const fixed = block([6, { kpi_name: "就職件数", kpi_topic: "employment" }], [6, { kpi_name: "就職件数 (うち正規雇用)", kpi_topic: "regular_employment" }]);
    expect(parentOf(fixed)).toEqual([null, "6 就職件数"]);
  });

  it("links 「Xのうち…」 to the nearest record above of X's topic, of its period, within the program block", () => {
    const rows = block(
      [1, { kpi_name: "就職者数", kpi_topic: "employment" }],
      [2, { kpi_name: "セミナー参加者数", kpi_topic: "participation" }],
      [3, { kpi_name: "就業者数（前年度）", kpi_topic: "employment", period_start_fy: 2022 }],
      [4, { kpi_name: "就業者のうち正規雇用者数", kpi_topic: "regular_employment" }],
      [5, { kpi_name: "受講者数のうち氷河期世代の人数", kpi_topic: "participation" }],
    );
    expect(parentOf(rows)).toEqual([null, null, null, "1 就職者数", "2 セミナー参加者数"]);
  });

  it("finds no parent when no record above is of X's topic, or X names no indicator", () => {
    const rows = block(
      [1, { kpi_name: "就職者数", kpi_topic: "employment" }],
      [2, { kpi_name: "本事業受講者数のうち氷河期世代の人数", kpi_topic: "participation" }],
      [3, { kpi_name: "ミドル世代のうち就職氷河期世代の就職者数", kpi_topic: "employment" }],
      [4, { kpi_name: "正規雇用者のうち定着した者の数", kpi_topic: "other" }],
    );
    expect(parentOf(rows)).toEqual([null, null, null, null]);
  });

  it("links 上記 with an X no rule classifies to the record right above, of its period", () => {
    const rows = block(
      [1, { kpi_name: "就職者数", kpi_topic: "employment" }],
      [2, { kpi_name: "ミドル世代の登録", kpi_topic: "participation", period_start_fy: 2024 }],
      [3, { kpi_name: "セミナーの開催回数" }],
      [4, { kpi_name: "上記のうち土日開催の回数" }],
      [5, { kpi_name: "前記ミドル世代のうち女性" }],
    );
    expect(parentOf(rows)).toEqual([null, null, null, "3 セミナーの開催回数", "4 上記のうち土日開催の回数"]);
  });

  it("does not look past the program block", () => {
    const rows = block(
      [1, { kpi_name: "就業者数", kpi_topic: "employment" }],
      [2, { kpi_name: "相談件数", program: "別の事業" }],
      [3, { kpi_name: "就業者のうち正規雇用者数", kpi_topic: "regular_employment" }],
    );
    expect(parentOf(rows)).toEqual([null, null, null]);
  });

  it("keeps a parent the record already has", () => {
    const rows = block([1, { kpi_name: "就職件数", kpi_topic: "employment" }], [1, { kpi_name: "就職件数（うち正規雇用）", parent_record_id: "0123456789abcdef" }]);
    expect(linkParents(rows)[1]!.parent_record_id).toBe("0123456789abcdef");
  });
});

describe("parents in the real documents", () => {
  const parents = (file: string) => {
    const { records } = extractDocument(loadRealSource(file));
    const byId = new Map(records.map((r) => [r.record_id, r]));
    return (line: number, fy = 2023) =>
      records
        .filter((r) => r.source_line === line && r.period_start_fy === fy && r.period_end_fy === fy)
        .map((r) => {
          const p = r.parent_record_id === null ? null : byId.get(r.parent_record_id)!;
          return [r.kpi_name, p && [p.source_line, p.kpi_name, p.period_start_fy]];
        });
  };
  const of000 = parents(FILES.statusReport);
  const of004 = parents(FILES.platformStatus);

  it("000: 上記就労した者のうち…, 就業者のうち…, …中の就業者数のうちの… under the employment figure above", () => {
    expect(of000(73)).toEqual([["上記就労した者のうち正社員及び常勤職員となった者の人数", [68, "本事業を通した就業者数", 2023]]]);
    expect(of000(87)).toEqual([["就業者のうち正規雇用及び常勤職員数", [85, "就業者数(勤務形態問わず)", 2023]]]);
    expect(of000(159)).toEqual([["プログラムに参加者中の就業者数のうちの正規雇用者数", [157, "プログラム参加者中の就業者数（非正規を含む）", 2023]]]);
  });

  it("000: no parent for 本事業受講者数のうち… (no participation figure above) nor …ミドル世代のうち…", () => {
    expect(of000(70)).toEqual([["本事業受講者数のうち氷河期世代の人数", null]]);
    expect(of000(146)).toEqual([["ひょうご・しごと情報広場におけるミドル世代のうち就職氷河期世代の就労相談件数", null]]);
    expect(of000(148)).toEqual([["ひょうご・しごと情報広場の支援によるミドル世代のうち氷河期就職世代の就職者数（正規雇用、非正規雇用）", null]]);
  });

  it("004: 「P（うちQ）」 under P on its line, year by year, nested groups one level at a time", () => {
    const line15 = of004(15);
    expect(line15).toContainEqual(["就職件数（うち正規雇用）", [15, "就職件数", 2023]]);
    expect(of004(15, 2024)).toContainEqual(["就職件数（うち正規雇用）", [15, "就職件数", 2024]]);
    expect(line15).toContainEqual(["就職件数", null]);
    const line16 = of004(16);
    expect(line16).toContainEqual(["就職決定件数（うち就職氷河期世代）（うち正規雇用）", [16, "就職決定件数（うち就職氷河期世代）", 2023]]);
    expect(line16).toContainEqual(["就職決定件数（うち就職氷河期世代）", [16, "就職決定件数", 2023]]);
    expect(line16).toContainEqual(["新規求職登録件数（うち就職氷河期世代）", [16, "新規求職登録件数", 2023]]);
  });
});
