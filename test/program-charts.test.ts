// The program pages' charts, as far as they can be checked without a browser: their colours' contrast, their text
// alternatives, and the width estimate that keeps labels inside a chart. Layout is checked in Chromium
// (test/browser/programs.test.ts).
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the site
import { bulletChartLabel, RUNNING_COLOR, SERIES_COLOR, seriesChartLabel, STATUS_COLORS, TARGET_FILL, textWidth } from "../src/components/program-charts.js";

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
// the page, and the cards the charts sit on (Framework's --theme-background-alt: 4% of #1b1e23 on white)
const BACKGROUNDS = ["#ffffff", "#f6f6f7"];

describe("chart colours", () => {
  it("draw every mark at 3:1 or more against the page and the cards", () => {
    const marks = { ...(STATUS_COLORS as Record<string, string>), target: TARGET_FILL as string, running: RUNNING_COLOR as string };
    for (const [name, colour] of Object.entries(marks)) for (const bg of BACKGROUNDS) expect(contrast(colour, bg), `${name} ${colour} on ${bg}`).toBeGreaterThanOrEqual(3);
  });

  it("write the series' labels at 4.5:1, as text", () => {
    for (const colour of [SERIES_COLOR, RUNNING_COLOR] as string[]) for (const bg of BACKGROUNDS) expect(contrast(colour, bg), `${colour} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });
});

describe("text alternatives", () => {
  const a = { kpi_name: "就職者数（非正規を含む）", unit: "人", period_start_fy: 2023, period_end_fy: 2023, target: 200, target_op: "eq", actual: 91, status: "below_threshold", flagged: true, achievement: 0.455, pace: null, is_partial: false };

  it("say what a bullet chart shows: the KPI, its years, target, actual, ratio and status", () => {
    expect(bulletChartLabel(a)).toBe("就職者数（非正規を含む）（令和5年度（FY2023））の目標と実績の棒グラフ: 目標 200人、実績 91人、達成率 45.5%、評価 基準未満（要確認）");
    expect(bulletChartLabel({ ...a, target: null, status: "no_target", flagged: false, achievement: null })).toContain("目標 記載なし、実績 91人、達成率 —、評価 目標なし");
    expect(bulletChartLabel({ ...a, is_partial: true, prorated_target: 150, status: "behind_pace", flagged: false, pace: 0.6 })).toContain("経過月数で按分した目標 150人、達成率 60.0%（進捗率）");
  });

  it("say what a series chart shows: each year's actual, a partial year as such, and the period's target", () => {
    const series = [
      { kpi_name: "正社員就職件数", fiscal_year: 2023, actual: 3121, target: null, is_partial: false },
      { kpi_name: "正社員就職件数", fiscal_year: 2024, actual: 2163, target: null, is_partial: true, actual_as_of: "2024-12-31" },
    ];
    const targets = [{ target: 3200, period_start_fy: 2023, period_end_fy: 2024, aggregation: "sum" }];
    expect(seriesChartLabel(series, targets, "件")).toBe("正社員就職件数の年度ごとの実績（件）の折れ線グラフ: 令和5年度 3,121件、令和6年度 2,163件（年度途中、2024-12-31時点）。目標 3,200件（令和5〜6年度の合計）");
  });
});

describe("textWidth", () => {
  it("counts a full-width character as 1 em and others as 0.6 em, the longest line of several", () => {
    expect(textWidth("令和5年度")).toBeCloseTo(46);
    expect(textWidth("200人", 10)).toBeCloseTo(28);
    expect(textWidth("目標 3,200件\n（令和5〜6年度の合計）")).toBeCloseTo(112);
  });
});
