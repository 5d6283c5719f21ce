import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript modules of the site
import { programId } from "../src/components/program-id.js";
// @ts-expect-error: plain JavaScript modules of the site
import { formatRatio, listPrograms, programHref } from "../src/components/programs.js";

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
    expect(programs.find((p: { program: string }) => p.program === "B事業").budget_thousand_yen).toBeNull();
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
