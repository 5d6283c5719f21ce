import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the site
import { bigrams, normalize, queryTerms, search, termMatches } from "../src/components/search.js";

const programs = [
  { program: "SNSとAIを活用したキャリアカウンセリング・キャリアアップサポート事業", body: "神戸市", prefecture: "兵庫県", kpis: ["就職者数（非正規を含む）"] },
  { program: "ひきこもり状態等にある方の就労支援充実", body: "神戸市", prefecture: "兵庫県", kpis: ["社会参加者数"] },
  { program: "香美町ひきこもり者等就労支援事業", body: "香美町", prefecture: "兵庫県", kpis: [] },
  { program: "就職氷河期世代ひきこもり対策推進事業", body: "山梨県", prefecture: "山梨県", kpis: [] },
  { program: "起業家支援事業 就職氷河期世代枠", body: "兵庫県", prefecture: "兵庫県", kpis: ["セミナー参加者数"] },
  { program: "ミドル世代就労支援事業", body: "兵庫県", prefecture: "兵庫県", kpis: [] },
];
type Program = (typeof programs)[number];
const fields = (p: Program) => [p.program, p.body, p.prefecture, ...p.kpis];
const names = (list: Program[]) => list.map((p) => p.program);

describe("normalize", () => {
  it("folds widths, case and katakana, and collapses whitespace", () => {
    expect(normalize("ＳＮＳ　とＡＩ")).toBe("sns とai");
    expect(normalize("ヒキコモリ")).toBe("ひきこもり");
    expect(normalize("ｷｬﾘｱ")).toBe("きゃりあ");
    expect(normalize("  a \t b ")).toBe("a b");
  });

  it("turns null and undefined into the empty string", () => {
    expect(normalize(null)).toBe("");
    expect(normalize(undefined)).toBe("");
  });
});

describe("bigrams", () => {
  it("lists the bigrams of the text without its spaces", () => {
    expect([...bigrams("就労支援")]).toEqual(["就労", "労支", "支援"]);
    expect([...bigrams("a b")]).toEqual(["ab"]);
  });

  it("keeps a single character as its own gram, and nothing for empty text", () => {
    expect([...bigrams("県")]).toEqual(["県"]);
    expect(bigrams("").size).toBe(0);
  });
});

describe("termMatches", () => {
  it("finds a word inside unspaced Japanese", () => {
    expect(termMatches("ひきこもり", "香美町ひきこもり者等就労支援事業")).toBe(true);
    expect(termMatches("就労支援", "香美町ひきこもり者等就労支援事業")).toBe(true);
    expect(termMatches("就労支援", "就職氷河期世代就労サポート事業")).toBe(false);
  });

  it("matches a single character and an empty term", () => {
    expect(termMatches("県", "兵庫県")).toBe(true);
    expect(termMatches("市", "兵庫県")).toBe(false);
    expect(termMatches("", "兵庫県")).toBe(true);
  });
});

describe("search", () => {
  it("returns every item for an empty or blank query", () => {
    expect(search(programs, "", fields)).toEqual(programs);
    expect(search(programs, "　 ", fields)).toEqual(programs);
  });

  it("finds programs by a word of their name, whatever the script", () => {
    expect(names(search(programs, "ひきこもり", fields))).toEqual([
      "ひきこもり状態等にある方の就労支援充実",
      "香美町ひきこもり者等就労支援事業",
      "就職氷河期世代ひきこもり対策推進事業",
    ]);
    expect(search(programs, "ヒキコモリ", fields)).toHaveLength(3);
    expect(names(search(programs, "ｓｎｓ", fields))).toEqual([programs[0]!.program]);
  });

  it("finds programs by body, prefecture and KPI name", () => {
    expect(search(programs, "神戸", fields)).toHaveLength(2);
    expect(search(programs, "山梨", fields)).toHaveLength(1);
    expect(names(search(programs, "非正規", fields))).toEqual([programs[0]!.program]);
  });

  it("requires every space-separated term", () => {
    expect(names(search(programs, "神戸 ひきこもり", fields))).toEqual(["ひきこもり状態等にある方の就労支援充実"]);
    expect(search(programs, "神戸 山梨", fields)).toEqual([]);
  });

  it("puts whole-term matches before bigram-only ones, and matches in the name before other fields", () => {
    const items = [{ name: "支援と就労の事業", kpi: "" }, { name: "相談", kpi: "就労支援の件数" }, { name: "就労支援事業", kpi: "" }];
    const byName = (list: { name: string }[]) => list.map((d) => d.name);
    // 「労支」 is missing from the first, so only the other two match
    expect(byName(search(items, "就労支援", (d: { name: string; kpi: string }) => [d.name, d.kpi]))).toEqual(["就労支援事業", "相談"]);
    const spread = [{ name: "abxbc" }, { name: "xabcx" }];
    expect(byName(search(spread, "abc", (d: { name: string }) => [d.name]))).toEqual(["xabcx", "abxbc"]);
  });

  it("finds nothing for a word no field holds", () => {
    expect(search(programs, "存在しない語", fields)).toEqual([]);
    expect(queryTerms("")).toEqual([]);
  });
});
