// The kind of every KPI of the five documents: outcomes count people employed or reaching social participation;
// subsidy applications, plans and registrations are outputs (data/rules/kpi_rules.csv).
import { describe, expect, it } from "vitest";
import { classifyKpi } from "../loaders/extract/classify.ts";
import { extractAll } from "../loaders/extract/extract.ts";
import { SOURCES_DIR } from "./helpers/sources.ts";

const { records } = await extractAll({ sourcesDir: SOURCES_DIR, curationDir: null });
const names = (kind: string) => [...new Set(records.filter((r) => r.kpi_kind === kind).map((r) => r.kpi_name))].sort();

/** A result: people employed, kept in work, in regular work, or reaching social participation (not a subsidy's 正社員化コース). */
const RESULT = /就職者|就職件数|就職決定|就職した|就業者|就業の増加|就労した|就労に至|進路決定|内定|起業者|新規雇用者|雇用者数|正社員(?:就職|転換|採用|及び常勤)|正規雇用(?:者|化数|での|就職|及び)|[（(]正規雇用[）)]|うち(?:の)?正規|常勤職員|社会参加|離職|中断率|中退率|脱落率|退職率/;
const PAPERWORK = /助成金|申請|計画|登録/;

describe("the classification of the five documents' KPIs", () => {
  it("makes every subsidy, application, plan and registration without a result in its name an output", () => {
    const paperwork = records.filter((r) => PAPERWORK.test(r.kpi_name) && !RESULT.test(r.kpi_name));
    expect(paperwork.length).toBeGreaterThanOrEqual(10);
    for (const r of paperwork) expect(r.kpi_kind, `${r.source_file}:${r.source_line} ${r.kpi_name}`).toBe("output");
    // 004 line 23: the キャリアアップ助成金（正社員化コース） applications and plans, outcomes by their 正社員 before.
    expect(records.filter((r) => r.kpi_name.startsWith("キャリアアップ助成金")).map((r) => [r.source_line, r.kpi_name, r.kpi_kind, r.kpi_topic])).toEqual([
      [23, "キャリアアップ助成金（正社員化コース）申請", "output", "employer"],
      [23, "キャリアアップ助成金（正社員化コース）計画", "output", "employer"],
    ]);
  });

  it("makes an outcome only of a name that states a result", () => {
    const outcomes = names("outcome");
    expect(outcomes.length).toBeGreaterThanOrEqual(40);
    for (const name of outcomes) expect(name).toMatch(RESULT);
  });

  it("still sends a name that counts people employed past the paperwork rules", () => {
    expect(classifyKpi("登録者のうち就職者数")).toMatchObject({ kpi_kind: "outcome", kpi_topic: "employment" });
    expect(classifyKpi("助成金を活用した正社員転換者数")).toMatchObject({ kpi_kind: "outcome", kpi_topic: "regular_employment" });
    expect(classifyKpi("トライアル雇用助成金")).toMatchObject({ kpi_kind: "output", kpi_topic: "employer" });
    expect(classifyKpi("求職登録者数")).toMatchObject({ kpi_kind: "output", kpi_topic: "participation" });
    expect(classifyKpi("支援計画の作成件数")).toMatchObject({ kpi_kind: "output", kpi_topic: "participation" });
    expect(classifyKpi("登録者の就職後1年以内の離職率")).toMatchObject({ kpi_kind: "outcome", direction: "down" });
  });
});
