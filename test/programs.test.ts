import { describe, expect, it } from "vitest";
import { listPrograms } from "../src/lib/list-programs.js";
import { programHref, programId } from "../src/lib/program-id.js";
// @ts-expect-error: a plain JavaScript module of the site
import { formatBreakdown, formatRatio, ignoredParamsText, listStateSearch, programPageTitle, PROGRAM_SORTS, PROGRAM_STATUS_FILTERS, readListState, selectPrograms } from "../src/components/program-list.js";

const record = (over: Record<string, unknown>) => ({ prefecture_code: "28", prefecture: "兵庫県", body: "神戸市", program: "A事業", kpi_name: "就職者数", budget_thousand_yen: null, support_target: "unstable_employment", ...over });
const assessment = (over: Record<string, unknown>) => ({ prefecture_code: "28", body: "神戸市", program: "A事業", status: "met", flagged: false, ...over });

describe("listPrograms", () => {
  it("gives one row per prefecture, body and program, with distinct KPI names and the stated budget", () => {
    const programs = listPrograms(
      [
        record({ kpi_name: "就職者数" }),
        record({ kpi_name: "就職者数", budget_thousand_yen: 7565 }),
        record({ kpi_name: "相談件数" }),
        record({ body: "明石市", program: "B事業" }),
        record({ prefecture_code: "01", prefecture: "北海道", body: "苫小牧市", program: "C事業" }),
      ],
      [],
    );
    expect(programs.map((p: { program: string }) => p.program)).toEqual(["C事業", "A事業", "B事業"]);
    const a = programs.find((p: { program: string }) => p.program === "A事業");
    expect(a).toMatchObject({ id: programId("28", "神戸市", "A事業"), kpis: ["就職者数", "相談件数"], budget_thousand_yen: 7565 });
    expect(programs.find((p: { program: string }) => p.program === "B事業")!.budget_thousand_yen).toBeNull();
  });

  it("counts assessments, complete-period ones, met and flagged; ignores assessments of unknown programs", () => {
    const [p] = listPrograms(
      [record({})],
      [
        assessment({ status: "met" }),
        assessment({ status: "shortfall" }),
        assessment({ status: "below_threshold", flagged: true }),
        assessment({ status: "behind_pace", flagged: true }),
        assessment({ status: "no_target" }),
        assessment({ program: "他の事業", status: "met" }),
      ],
    );
    expect(p).toMatchObject({ n_assessments: 5, n_assessed: 3, n_met: 1, n_flagged: 2 });
  });

  it("returns nothing for no records", () => {
    expect(listPrograms([], [assessment({})])).toEqual([]);
  });
});

describe("formatRatio", () => {
  it("shows achievement, or pace marked as such for a period still running, or a dash", () => {
    expect(formatRatio({ status: "below_threshold", achievement: 0.455, pace: null })).toBe("45.5%");
    expect(formatRatio({ status: "on_pace", achievement: null, pace: 1.887 })).toBe("188.7%（進捗率）");
    expect(formatRatio({ status: "no_actual", achievement: null, pace: null })).toBe("—");
  });
});

describe("programHref", () => {
  it("links relative to the page", () => {
    const row = { prefecture_code: "28", body: "神戸市", program: "A事業" };
    expect(programHref(row)).toBe(`./${programId("28", "神戸市", "A事業")}.html`);
    expect(programHref(row, "./programs/")).toMatch(/^\.\/programs\/28-[0-9a-z]{11}\.html$/);
  });
});

describe("listPrograms counts by status", () => {
  it("counts KPIs short of their target and those still in their period", () => {
    const [p] = listPrograms(
      [record({})],
      ["met", "shortfall", "below_threshold", "on_pace", "behind_pace", "no_actual"].map((status) => assessment({ status })),
    );
    expect(p).toMatchObject({ n_assessments: 6, n_assessed: 3, n_met: 1, n_short: 2, n_in_progress: 2 });
  });
});

describe("formatBreakdown", () => {
  it("writes the SQL's breakdown of an actual in Japanese: era years, separators, the as-of date", () => {
    expect(formatBreakdown("FY2023: 23; FY2024: 23 (as of 2025-02-12)")).toBe("令和5年度 23、令和6年度 23（2025-02-12時点）");
    expect(formatBreakdown("FY2023: 3121; FY2024: 2163 (as of 2024-12-31)", "件")).toBe("令和5年度 3,121件、令和6年度 2,163件（2024-12-31時点）");
    expect(formatBreakdown("FY2023–2024: 3200")).toBe("令和5〜6年度 3,200");
    expect(formatBreakdown("FY2018–2019: 1.5")).toBe("平成30〜令和元年度 1.5");
    expect(formatBreakdown("FY2019: 0")).toBe("令和元年度 0");
  });

  it("keeps a part it cannot read as written, and gives nothing for nothing", () => {
    expect(formatBreakdown("FY2023: 5; 別の書き方")).toBe("令和5年度 5、別の書き方");
    expect(formatBreakdown(null)).toBe("");
    expect(formatBreakdown("")).toBe("");
  });
});

describe("programPageTitle", () => {
  it("names the program and its body, then the site", () => {
    expect(programPageTitle({ program: "A事業", body: "神戸市" })).toBe("A事業（神戸市）— 就職氷河期世代支援 KPI");
  });
});

describe("事業一覧's state in the URL", () => {
  const prefectures = [
    { code: "28", name: "兵庫県" },
    { code: "34", name: "広島県" },
  ];

  it("reads the search, a prefecture by name or code, a status and a sort, and writes them back the same", () => {
    const { state, ignored } = readListState("?q=%E5%B0%B1%E5%8A%B4&prefecture=28&status=flagged&sort=budget", prefectures);
    expect(ignored).toEqual([]);
    expect(state).toEqual({ q: "就労", prefecture: "兵庫県", status: "flagged", sort: "budget", order: "desc" });
    const search = listStateSearch(state);
    expect(search).toBe(`?q=${encodeURIComponent("就労")}&prefecture=${encodeURIComponent("兵庫県")}&status=flagged&sort=budget&order=desc`);
    expect(readListState(search, prefectures)).toEqual({ state, ignored: [] });
    expect(listStateSearch({ q: " ", prefecture: null, status: null, sort: null, order: null })).toBe("");
    // names sort in order, figures largest first, unless the URL says
    expect(readListState("?sort=program", prefectures).state.order).toBe("asc");
    expect(readListState("?sort=kpis&order=asc", prefectures).state.order).toBe("asc");
  });

  it("names what it cannot apply, in Japanese, and applies the rest", () => {
    const { state, ignored } = readListState("?prefecture=東京都&sort=colour&status=great&order=up&utm=x&q=神戸", prefectures);
    expect(state).toEqual({ q: "神戸", prefecture: null, status: null, sort: null, order: null });
    expect(ignored.map((i: { key: string }) => i.key)).toEqual(["prefecture", "sort", "status", "order", "utm"]);
    const text = ignoredParamsText(ignored) as string;
    expect(text).toContain("都道府県「東京都」（この一覧に事業のない都道府県です）");
    expect(text).toContain("並べ替え「colour」（並べ替えられる列ではありません）");
    expect(text).toContain("評価「great」");
    expect(text).toContain("並び順「up」");
    expect(text).toContain("「utm=x」（この一覧にない指定です）");
    expect(ignoredParamsText([])).toBeNull();
    // an order without a column to sort is not applied either
    expect(readListState("?order=asc", prefectures).ignored).toEqual([{ key: "order", value: "asc", reason: "並べ替える列の指定がありません" }]);
    // empty values are no choice, not a mistake
    expect(readListState("?prefecture=&status=&q=", prefectures)).toEqual({ state: { q: "", prefecture: null, status: null, sort: null, order: null }, ignored: [] });
  });
});

describe("selectPrograms", () => {
  const program = (over: Record<string, unknown>) => ({ prefecture_code: "28", prefecture: "兵庫県", body: "神戸市", program: "A事業", kpis: ["就職者数"], budget_thousand_yen: null, n_assessed: 0, n_met: 0, n_short: 0, n_in_progress: 0, n_flagged: 0, ...over });
  const programs = [
    program({ program: "A事業", budget_thousand_yen: 100, n_flagged: 1, n_assessed: 2, n_met: 1, n_short: 1 }),
    program({ program: "B事業", prefecture_code: "01", prefecture: "北海道", body: "苫小牧市", budget_thousand_yen: 500, n_assessed: 1, n_met: 1 }),
    program({ program: "C事業", kpis: ["相談件数", "就職者数"], n_in_progress: 1 }),
    program({ program: "D事業", body: "明石市", budget_thousand_yen: 300, n_flagged: 2 }),
  ];
  const names = (rows: { program: string }[]) => rows.map((p) => p.program);
  const select = (over: Record<string, unknown>) => names(selectPrograms(programs, { q: "", prefecture: null, status: null, sort: null, order: null, ...over }));

  it("sorts by a column either way, without the figure last, ties in the order before", () => {
    expect(select({ sort: "budget", order: "desc" })).toEqual(["B事業", "D事業", "A事業", "C事業"]);
    expect(select({ sort: "budget", order: "asc" })).toEqual(["A事業", "D事業", "B事業", "C事業"]);
    expect(select({ sort: "flagged", order: "desc" })).toEqual(["D事業", "A事業", "B事業", "C事業"]);
    expect(select({ sort: "prefecture", order: "asc" })).toEqual(["B事業", "A事業", "C事業", "D事業"]);
    expect(select({ sort: "program", order: "desc" })).toEqual(["D事業", "C事業", "B事業", "A事業"]);
    expect(select({ sort: "kpis", order: "desc" })).toEqual(["C事業", "A事業", "B事業", "D事業"]);
    // met, then assessed
    expect(select({ sort: "met", order: "desc" })).toEqual(["A事業", "B事業", "C事業", "D事業"]);
    expect(select({})).toEqual(["A事業", "B事業", "C事業", "D事業"]);
  });

  it("filters by prefecture and by status, and searches", () => {
    expect(select({ prefecture: "北海道" })).toEqual(["B事業"]);
    expect(select({ status: "flagged" })).toEqual(["A事業", "D事業"]);
    expect(select({ status: "met" })).toEqual(["A事業", "B事業"]);
    expect(select({ status: "short" })).toEqual(["A事業"]);
    expect(select({ status: "in_progress" })).toEqual(["C事業"]);
    expect(select({ status: "unassessed" })).toEqual(["C事業", "D事業"]);
    expect(select({ q: "相談" })).toEqual(["C事業"]);
    expect(select({ q: "明石", sort: "budget", order: "asc" })).toEqual(["D事業"]);
    // every column the list sorts by has a header and a known order
    for (const [key, column] of Object.entries(PROGRAM_SORTS as Record<string, { label: string }>)) {
      expect(column.label, key).toMatch(/\S/);
      expect(select({ sort: key, order: "asc" })).toHaveLength(4);
    }
    expect(Object.keys(PROGRAM_STATUS_FILTERS)).toEqual(["flagged", "met", "short", "in_progress", "unassessed"]);
  });
});
