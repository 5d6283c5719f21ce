// Comparing prefectures like with like (src/components/comparison.js): the order of a comparison, the default view,
// the sentence on the documents, and the labels beside the rows.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the site
import { coverageCounts, coverageSentence, defaultView, nLabel, orderForComparison, periodsOf } from "../src/components/comparison.js";

type Row = Record<string, unknown>;

function row(prefecture_code: string, prefecture: string, fields: Row = {}): Row {
  return {
    prefecture_code, prefecture, period_start_fy: 2023, period_end_fy: 2023, coverage: "full_report", kpi_kind: "outcome", kpi_topic: "all",
    n_assessed: 10, n_met: 5, share_met: 0.5, share_met_low: 0.24, share_met_high: 0.76, rankable: true, ...fields,
  };
}

describe("orderForComparison", () => {
  it("puts rows that can be ranked first, by share met, and the others after them in prefecture-code order", () => {
    const rows = [
      row("40", "福岡県", { rankable: false, share_met: 1, n_assessed: 2 }),
      row("28", "兵庫県", { share_met: 0.5 }),
      row("01", "北海道", { rankable: false, share_met: null, n_assessed: 0 }),
      row("13", "東京都", { share_met: 0.8 }),
      row("14", "神奈川県", { rankable: false, share_met: 0, n_assessed: 3 }),
    ];
    expect(orderForComparison(rows).map((d: Row) => d.prefecture)).toEqual(["東京都", "兵庫県", "北海道", "神奈川県", "福岡県"]);
  });

  it("breaks a tie in share by the interval's lower end, then by code", () => {
    const rows = [row("28", "兵庫県", { share_met_low: 0.2 }), row("13", "東京都", { share_met_low: 0.3 }), row("01", "北海道", { share_met_low: 0.3 })];
    expect(orderForComparison(rows).map((d: Row) => d.prefecture)).toEqual(["北海道", "東京都", "兵庫県"]);
  });
});

describe("defaultView", () => {
  it("compares outcome KPIs of full reports over the single year with the most assessments", () => {
    const summary = [
      row("28", "兵庫県", { n_assessed: 18 }),
      row("34", "広島県", { n_assessed: 0 }),
      row("34", "広島県", { period_start_fy: 2023, period_end_fy: 2024, n_assessed: 30 }),
      row("34", "広島県", { period_start_fy: 2024, period_end_fy: 2024, n_assessed: 5 }),
      row("01", "北海道", { coverage: "showcase", period_start_fy: 2021, period_end_fy: 2021, n_assessed: 40 }),
    ];
    expect(defaultView(summary)).toEqual({ coverage: "full_report", kind: "outcome", period: "2023-2023" });
  });

  it("takes the first coverage present when there is no full report, and all KPIs when there are no outcome ones", () => {
    expect(defaultView([row("01", "北海道", { coverage: "showcase", kpi_kind: "output", period_start_fy: 2021, period_end_fy: 2021 })])).toEqual({ coverage: "showcase", kind: "all", period: null });
    expect(defaultView([row("01", "北海道", { coverage: "unknown", period_start_fy: 2021, period_end_fy: 2021 })])).toEqual({ coverage: "unknown", kind: "outcome", period: "2021-2021" });
  });

  it("lists single years before spans", () => {
    expect(periodsOf([row("a", "a", { period_start_fy: 2020, period_end_fy: 2022 }), row("a", "a", { period_start_fy: 2024, period_end_fy: 2024 }), row("a", "a")]).map((p: { key: string }) => p.key)).toEqual(["2023-2023", "2024-2024", "2020-2022"]);
  });
});

describe("coverageSentence", () => {
  const coverage = [
    { prefecture_code: "01", prefecture: "北海道", coverage: "showcase" },
    { prefecture_code: "11", prefecture: "埼玉県", coverage: "plan" },
    { prefecture_code: "28", prefecture: "兵庫県", coverage: "full_report" },
    { prefecture_code: "28", prefecture: "兵庫県", coverage: "showcase" },
    { prefecture_code: "34", prefecture: "広島県", coverage: "full_report" },
  ];

  it("counts the prefectures with documents, and those of each coverage, full reports first", () => {
    expect(coverageSentence(coverage)).toBe("47都道府県のうち4都道府県の資料があります：全事業の実施状況 2、取組事例（抜粋） 2、計画（目標のみ） 1（複数の種類の資料がある都道府県は、それぞれに数えています）");
    expect(coverageCounts(coverage).map((c: Row) => [c.coverage, c.n])).toEqual([["full_report", 2], ["showcase", 2], ["plan", 1]]);
  });

  it("adds no note when no prefecture has two coverages", () => {
    expect(coverageSentence(coverage.slice(0, 2))).toBe("47都道府県のうち2都道府県の資料があります：取組事例（抜粋） 1、計画（目標のみ） 1");
  });
});

describe("nLabel", () => {
  it("gives n, and for a row not ranked says so with the rule's n", () => {
    expect(nLabel(row("28", "兵庫県", { n_assessed: 18 }), 5)).toBe("n=18");
    expect(nLabel(row("34", "広島県", { n_assessed: 3, rankable: false }), 5)).toBe("n=3\nn<5：順位付けしない");
    expect(nLabel(row("34", "広島県", { n_assessed: 0, rankable: false }), 5)).toBe("n=0\n期間終了の評価なし");
  });
});
