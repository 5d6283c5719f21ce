// Comparing prefectures like with like (src/components/comparison.js): the order of a comparison, the default view,
// the sentence on the documents, and the labels beside the rows.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the site
import { comparisonSearch, coverageCounts, coverageSentence, defaultView, heatmapLayout, ignoredComparisonText, nLabel, orderForComparison, parsePeriod, periodsOf, readComparisonState } from "../src/components/comparison.js";

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

describe("readComparisonState", () => {
  const prefectures = [
    { code: "01", name: "北海道" },
    { code: "28", name: "兵庫県" },
    { code: "34", name: "広島県" },
  ];
  const totals = [
    row("28", "兵庫県", { n_assessed: 18 }),
    row("34", "広島県", { period_start_fy: 2023, period_end_fy: 2024, n_assessed: 30 }),
    row("28", "兵庫県", { kpi_kind: "output", period_start_fy: 2022, period_end_fy: 2022 }),
    row("01", "北海道", { coverage: "showcase", kpi_kind: "output", period_start_fy: 2021, period_end_fy: 2021 }),
    row("01", "北海道", { coverage: "showcase", kpi_kind: "all", period_start_fy: 2021, period_end_fy: 2021 }),
  ];
  const read = (search: string) => readComparisonState(search, { prefectures, totals, fallback: "兵庫県" });

  it("takes the default view and the fallback prefecture when the URL says nothing", () => {
    expect(read("")).toEqual({ state: { prefecture: "兵庫県", coverage: "full_report", kind: "outcome", period: "2023-2023" }, ignored: [] });
  });

  it("reads a prefecture by name or code, a coverage and kind by code or Japanese name, a period in several forms", () => {
    expect(read("?prefecture=34&period=2023-2024&coverage=full_report&kind=outcome").state).toEqual({ prefecture: "広島県", coverage: "full_report", kind: "outcome", period: "2023-2024" });
    expect(read("?prefecture=1&kind=活動&period=FY2022").state).toEqual({ prefecture: "北海道", coverage: "full_report", kind: "output", period: "2022-2022" });
    expect(read(`?prefecture=${encodeURIComponent("広島県")}&coverage=${encodeURIComponent("取組事例（抜粋）")}`).state).toEqual({ prefecture: "広島県", coverage: "showcase", kind: "all", period: "2021-2021" });
  });

  it("names what it cannot apply, and keeps the default for it", () => {
    const { state, ignored } = read("?prefecture=東京都&coverage=x&kind=y&period=2019&utm=1");
    expect(state).toEqual({ prefecture: "兵庫県", coverage: "full_report", kind: "outcome", period: "2023-2023" });
    expect(ignored.map((i: { key: string }) => i.key)).toEqual(["utm", "prefecture", "coverage", "kind", "period"]);
    expect(ignoredComparisonText(ignored)).toBe(
      "URL の指定のうち、次のものは使えないため無視しました：「utm=1」（このページにない指定です）、都道府県「東京都」（資料のある都道府県にありません）、資料の種類「x」（選べる資料の種類（全事業の実施状況、取組事例（抜粋））ではありません）、KPIの種類「y」（選べる KPI の種類（成果、活動、全体）ではありません）、年度（期間）「2019」（全事業の実施状況・成果の評価がない年度（期間）です）。",
    );
    expect(ignoredComparisonText([])).toBeNull();
  });

  it("writes a state back as the URL reads it", () => {
    const state = { prefecture: "兵庫県", period: "2023-2023", coverage: "full_report", kind: "outcome" };
    expect(comparisonSearch(state)).toBe(`?prefecture=${encodeURIComponent("兵庫県")}&period=2023-2023&coverage=full_report&kind=outcome`);
    expect(read(comparisonSearch(state)).state).toEqual(state);
    expect(parsePeriod("2023–2024")).toBe("2023-2024");
    expect(parsePeriod("2024-2023")).toBeNull();
  });
});

describe("heatmapLayout", () => {
  const topics = ["就職", "正規雇用", "社会参加", "相談", "参加", "企業", "訓練", "アウトリーチ・周知", "その他"];
  it("puts the topics across a wide chart, and turns the grid round on a phone where the topics would not fit", () => {
    expect(heatmapLayout({ topics, prefectures: ["兵庫県", "広島県"], width: 1000, cellTextWidth: 40 }).rowsAre).toBe("prefecture");
    const phone = heatmapLayout({ topics, prefectures: ["兵庫県", "広島県"], width: 358, cellTextWidth: 40 });
    expect(phone.rowsAre).toBe("topic");
    expect(phone.column).toBeGreaterThanOrEqual(40);
    expect(phone.cellText).toBe("full");
  });
});
