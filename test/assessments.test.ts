// The assessment SQL (loaders/analyze/sql/) run through DuckDB on small hand-built record sets.
import { describe, expect, it } from "vitest";
import { validateRecord, type KpiRecord } from "../loaders/extract/schema.ts";
import { STATUSES } from "../loaders/analyze/published-tables.ts";
import { analyzeTables, assess, makeRecord, makeRecords, type Row } from "./helpers/records.ts";

const HALF_YEAR = "2023-09-30";

/** Only the columns a case is about, so a failure shows the figures side by side. */
function pick(row: Row, ...columns: string[]): Row {
  return Object.fromEntries(
    columns.map((c) => {
      if (!(c in row)) throw new Error(`no column ${c}`);
      return [c, row[c]] as [string, Row[string]];
    }),
  );
}

describe("makeRecord", () => {
  it("builds schema-valid records with ids that follow the key fields", () => {
    const records = [
      makeRecord({ target: 10 }),
      makeRecord({ actual: 3, source_line: 2 }),
      makeRecord({ target: 5, target_op: "gte", period_start_fy: 2023, period_end_fy: 2024, kpi_name: "相談件数", unit: "件" }),
      makeRecord({ actual: 1, actual_as_of: "2023-12-31", period_start_fy: 2024 }),
    ];
    for (const r of records) expect(validateRecord(r as unknown as Record<string, unknown>)).toEqual([]);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(records.length);
    expect(records[0]!.target_op).toBe("eq");
    expect(records[1]!.target_op).toBeNull();
    expect(records[3]!.period_end_fy).toBe(2024);
  });
});

describe("status of a one-year KPI", () => {
  it("is met at 100% and above", async () => {
    const [exact, over] = makeRecords([{ target: 100, actual: 100 }, { target: 100, actual: 120, program: "別事業" }]) as [KpiRecord, KpiRecord];
    const { byId } = await assess([exact, over]);
    expect(pick(byId(exact), "status", "achievement", "flagged")).toEqual({ status: "met", achievement: 1, flagged: false });
    expect(pick(byId(over), "status", "achievement", "actual", "years_reported", "months_in_period", "months_elapsed", "is_partial", "prorated_target", "pace", "actual_through")).toEqual({
      status: "met",
      achievement: 1.2,
      actual: 120,
      years_reported: 1,
      months_in_period: 12,
      months_elapsed: 12,
      is_partial: false,
      prorated_target: 100,
      pace: null,
      actual_through: "2024-03-31",
    });
  });

  it("is a shortfall from the threshold up to 100%, below_threshold under it", async () => {
    const [short, below] = makeRecords([{ target: 100, actual: 80 }, { target: 100, actual: 30, program: "別事業" }]) as [KpiRecord, KpiRecord];
    const { byId } = await assess([short, below]);
    expect(pick(byId(short), "status", "achievement", "flagged")).toEqual({ status: "shortfall", achievement: 0.8, flagged: false });
    expect(pick(byId(below), "status", "achievement", "flagged")).toEqual({ status: "below_threshold", achievement: 0.3, flagged: true });
  });

  it("judges an as-of actual on pace against the target pro-rated to the months covered", async () => {
    const [ahead, behind] = makeRecords([
      { target: 100, actual: 60, actual_as_of: HALF_YEAR },
      { target: 100, actual: 40, actual_as_of: HALF_YEAR, program: "別事業" },
    ]) as [KpiRecord, KpiRecord];
    const { byId } = await assess([ahead, behind]);
    expect(pick(byId(ahead), "status", "is_partial", "months_elapsed", "prorated_target", "pace", "achievement", "actual_through")).toEqual({
      status: "on_pace",
      is_partial: true,
      months_elapsed: 6,
      prorated_target: 50,
      pace: 1.2,
      achievement: 0.6,
      actual_through: HALF_YEAR,
    });
    expect(pick(byId(behind), "status", "prorated_target", "pace", "flagged")).toEqual({ status: "behind_pace", prorated_target: 50, pace: 0.8, flagged: false });
  });

  it("counts a last part-month by its days", async () => {
    const record = makeRecord({ target: 120, actual: 10, actual_as_of: "2023-12-15" });
    const { byId } = await assess([record]);
    const months = 8 + 15 / 31;
    expect(byId(record).months_elapsed).toBeCloseTo(months, 10);
    expect(byId(record).prorated_target).toBeCloseTo((120 * months) / 12, 10);
  });

  it("is no_actual for a target without an actual", async () => {
    const record = makeRecord({ target: 100 });
    const { rows, byId } = await assess([record]);
    expect(rows).toHaveLength(1);
    expect(pick(byId(record), "status", "actual", "achievement", "pace", "years_reported", "months_elapsed", "is_partial", "prorated_target", "actual_through", "actual_record_ids", "actual_breakdown", "flagged")).toEqual({
      status: "no_actual",
      actual: null,
      achievement: null,
      pace: null,
      years_reported: 0,
      months_elapsed: null,
      is_partial: false,
      prorated_target: null,
      actual_through: null,
      actual_record_ids: null,
      actual_breakdown: null,
      flagged: false,
    });
  });

  it("is no_target for an actual that no target covers", async () => {
    const actual = makeRecord({ actual: 50 });
    const otherYear = makeRecord({ target: 60, period_start_fy: 2024, source_line: 2 });
    const { byId } = await assess([actual, otherYear]);
    expect(pick(byId(actual), "status", "target", "target_op", "actual", "achievement", "years_reported", "actual_record_ids", "is_partial", "flagged")).toEqual({
      status: "no_target",
      target: null,
      target_op: null,
      actual: 50,
      achievement: null,
      years_reported: 1,
      actual_record_ids: actual.record_id,
      is_partial: false,
      flagged: false,
    });
    expect(byId(otherYear).status).toBe("no_actual");
  });

  it("is target_zero for a zero target, with no ratio and nothing divided by zero", async () => {
    const [full, partial] = makeRecords([
      { target: 0, actual: 5 },
      { target: 0, actual: 5, actual_as_of: HALF_YEAR, program: "別事業" },
    ]) as [KpiRecord, KpiRecord];
    const { byId } = await assess([full, partial]);
    expect(pick(byId(full), "status", "achievement", "pace", "prorated_target", "flagged")).toEqual({ status: "target_zero", achievement: null, pace: null, prorated_target: 0, flagged: false });
    expect(pick(byId(partial), "status", "achievement", "pace", "prorated_target", "is_partial", "flagged")).toEqual({ status: "target_zero", achievement: null, pace: null, prorated_target: 0, is_partial: true, flagged: false });
  });

  it("reaches every status in one record set", async () => {
    const records = makeRecords([
      { target: 10, actual: 10, program: "a" },
      { target: 10, actual: 7, program: "b" },
      { target: 10, actual: 2, program: "c" },
      { target: 10, actual: 6, actual_as_of: HALF_YEAR, program: "d" },
      { target: 10, actual: 4, actual_as_of: HALF_YEAR, program: "e" },
      { target: 10, program: "f" },
      { actual: 3, program: "g" },
      { target: 0, actual: 3, program: "h" },
    ]);
    const { byId } = await assess(records);
    expect(records.map((r) => byId(r).status)).toEqual(["met", "shortfall", "below_threshold", "on_pace", "behind_pace", "no_actual", "no_target", "target_zero"]);
    expect([...STATUSES].sort()).toEqual(records.map((r) => byId(r).status as string).sort());
  });
});

describe("threshold", () => {
  const all = makeRecords([
    { target: 100, actual: 50, program: "half" },
    { target: 100, actual: 49.9, program: "under" },
    { target: 100, actual: 45, program: "45" },
    { target: 100, actual: 0, program: "zero" },
    { target: 100, actual: 20, actual_as_of: HALF_YEAR, program: "slow" }, // pace 0.4
    { target: 100, actual: 45, actual_as_of: HALF_YEAR, program: "near" }, // pace 0.9
  ]);
  const [exactlyHalf, justUnder, at45, zero, slowPace, nearPace] = all as [KpiRecord, KpiRecord, KpiRecord, KpiRecord, KpiRecord, KpiRecord];

  it("treats exactly the threshold as a shortfall and just under it as below_threshold", async () => {
    const { byId } = await assess(all);
    expect(pick(byId(exactlyHalf), "achievement", "status", "flagged", "threshold")).toEqual({ achievement: 0.5, status: "shortfall", flagged: false, threshold: 0.5 });
    expect(pick(byId(justUnder), "status", "flagged")).toEqual({ status: "below_threshold", flagged: true });
    expect(byId(justUnder).achievement).toBeCloseTo(0.499, 12);
    expect(pick(byId(at45), "status", "flagged")).toEqual({ status: "below_threshold", flagged: true });
    expect(pick(byId(slowPace), "status", "pace", "flagged")).toEqual({ status: "behind_pace", pace: 0.4, flagged: true });
    expect(pick(byId(nearPace), "status", "pace", "flagged")).toEqual({ status: "behind_pace", pace: 0.9, flagged: false });
  });

  it("meets a target of 100人超 only above 100, and 100人以上 at 100", async () => {
    const [over, atLeast, beyond] = makeRecords([
      { target: 100, target_op: "gt", actual: 100, program: "gt-equal" },
      { target: 100, target_op: "gte", actual: 100, program: "gte-equal" },
      { target: 100, target_op: "gt", actual: 101, program: "gt-above" },
    ]) as [KpiRecord, KpiRecord, KpiRecord];
    const { byId } = await assess([over, atLeast, beyond]);
    expect(pick(byId(over), "achievement", "status")).toEqual({ achievement: 1, status: "shortfall" });
    expect(pick(byId(atLeast), "status")).toEqual({ status: "met" });
    expect(pick(byId(beyond), "status")).toEqual({ status: "met" });
  });

  it("moves with the threshold given", async () => {
    const { byId } = await assess(all, { threshold: 0.3 });
    expect(pick(byId(at45), "status", "flagged", "threshold")).toEqual({ status: "shortfall", flagged: false, threshold: 0.3 });
    expect(pick(byId(justUnder), "status", "flagged")).toEqual({ status: "shortfall", flagged: false });
    expect(pick(byId(zero), "status", "flagged")).toEqual({ status: "below_threshold", flagged: true });
    expect(pick(byId(slowPace), "status", "flagged")).toEqual({ status: "behind_pace", flagged: false });
  });

  it("flags nothing at threshold 0, not even a zero actual", async () => {
    const { rows, byId } = await assess(all, { threshold: 0 });
    expect(rows.filter((r) => r.status === "below_threshold" || r.flagged)).toEqual([]);
    expect(pick(byId(zero), "achievement", "status", "threshold")).toEqual({ achievement: 0, status: "shortfall", threshold: 0 });
  });

  it("flags below_threshold, and behind_pace with pace under the threshold, at every threshold; flags holds exactly those rows", async () => {
    for (const threshold of [0, 0.3, 0.5, 0.95, 1]) {
      const tables = await analyzeTables(all, { threshold });
      const rows = tables.kpi_assessments!;
      for (const row of rows) {
        const expected = row.status === "below_threshold" || (row.status === "behind_pace" && (row.pace as number) < threshold);
        expect({ threshold, id: row.record_id, flagged: row.flagged }).toEqual({ threshold, id: row.record_id, flagged: expected });
        expect(row.threshold).toBe(threshold);
      }
      expect(tables.flags!.map((r) => r.record_id)).toEqual(rows.filter((r) => r.flagged).map((r) => r.record_id));
    }
  });

  it("at threshold 1 everything short of the target is below it", async () => {
    const { byId } = await assess(all, { threshold: 1 });
    expect([exactlyHalf, justUnder, at45, zero].map((r) => byId(r).status)).toEqual(["below_threshold", "below_threshold", "below_threshold", "below_threshold"]);
    expect(pick(byId(nearPace), "status", "flagged")).toEqual({ status: "behind_pace", flagged: true });
  });
});

describe("multi-year targets", () => {
  it("sums the annual actuals of a flow over the target's period", async () => {
    const [target, fy23, fy24] = makeRecords([
      { kpi_name: "就職者数", period_start_fy: 2023, period_end_fy: 2024, target: 3200, target_op: "gte" },
      { kpi_name: "就職者数", period_start_fy: 2023, actual: 3121 },
      { kpi_name: "就職者数", period_start_fy: 2024, actual: 2000 },
    ]) as [KpiRecord, KpiRecord, KpiRecord];
    const { rows, byId } = await assess([target, fy23, fy24]);
    expect(rows).toHaveLength(1);
    const row = byId(target);
    expect(pick(row, "aggregation", "target", "target_op", "actual", "years_reported", "status", "months_in_period", "months_elapsed", "is_partial", "actual_through", "pace", "flagged")).toEqual({
      aggregation: "sum",
      target: 3200,
      target_op: "gte",
      actual: 5121,
      years_reported: 2,
      status: "met",
      months_in_period: 24,
      months_elapsed: 24,
      is_partial: false,
      actual_through: "2025-03-31",
      pace: null,
      flagged: false,
    });
    expect(row.achievement).toBeCloseTo(5121 / 3200, 12);
    expect(row.actual_breakdown).toBe("FY2023: 3121; FY2024: 2000");
    expect(row.actual_record_ids).toBe(`${fy23.record_id};${fy24.record_id}`);
    expect(row.source_refs).toBe("t.txt:1; t.txt:2; t.txt:3");
    expect(row.aggregation_rule).toMatch(/aggregation\.csv row 6/);
  });

  it("writes every figure of the breakdown in full", async () => {
    const [target, fy23, fy24] = makeRecords([
      { kpi_name: "閲覧数", unit: "件", kpi_kind: "output", kpi_topic: "outreach", period_start_fy: 2023, period_end_fy: 2024, target: 2_000_000 },
      { kpi_name: "閲覧数", unit: "件", kpi_kind: "output", kpi_topic: "outreach", period_start_fy: 2023, actual: 1_234_567 },
      { kpi_name: "閲覧数", unit: "件", kpi_kind: "output", kpi_topic: "outreach", period_start_fy: 2024, actual: 12.5 },
    ]) as [KpiRecord, KpiRecord, KpiRecord];
    const { byId } = await assess([target, fy23, fy24]);
    expect(byId(target).actual).toBe(1_234_579.5);
    expect(byId(target).actual_breakdown).toBe("FY2023: 1234567; FY2024: 12.5");
  });

  const stockCases: [string, Partial<KpiRecord>][] = [
    ["a name counting municipalities (市町数)", { kpi_name: "就労支援窓口を設置した市町数", unit: "市町", kpi_kind: "output", kpi_topic: "other" }],
    ["a unit of places (市町)", { kpi_name: "支援を実施する自治体", unit: "市町", kpi_kind: "output", kpi_topic: "other" }],
    ["a value at a point in time (時点)", { kpi_name: "支援対象者の登録者数（年度末時点）", unit: "人", kpi_kind: "output", kpi_topic: "participation" }],
  ];
  for (const [label, indicator] of stockCases) {
    it(`takes the latest actual of a stock, never the sum: ${label}`, async () => {
      const [target, fy24, fy23] = makeRecords([
        { ...indicator, period_start_fy: 2023, period_end_fy: 2024, target: 20 },
        { ...indicator, period_start_fy: 2024, actual: 14 },
        { ...indicator, period_start_fy: 2023, actual: 12 },
      ]) as [KpiRecord, KpiRecord, KpiRecord];
      const { byId } = await assess([target, fy24, fy23]);
      expect(pick(byId(target), "aggregation", "actual", "achievement", "status", "years_reported", "months_elapsed", "is_partial", "actual_breakdown")).toEqual({
        aggregation: "latest",
        actual: 14,
        achievement: 0.7,
        status: "shortfall",
        years_reported: 2,
        months_elapsed: 24,
        is_partial: false,
        actual_breakdown: "FY2023: 12; FY2024: 14",
      });
    });
  }

  it("takes the latest actual of a stock even when it fell", async () => {
    const indicator = { kpi_name: "設置済の市町数", unit: "市町" };
    const records = makeRecords([
      { ...indicator, period_start_fy: 2023, period_end_fy: 2024, target: 10 },
      { ...indicator, period_start_fy: 2023, actual: 14 },
      { ...indicator, period_start_fy: 2024, actual: 12 },
    ]);
    const { byId } = await assess(records);
    expect(pick(byId(records[0]!), "aggregation", "actual", "status")).toEqual({ aggregation: "latest", actual: 12, status: "met" });
  });

  it("follows an indicator override against the rule table, both ways", async () => {
    const stock = { kpi_name: "協定締結企業数", unit: "社", kpi_kind: "output", kpi_topic: "employer" } as const;
    const flow = { kpi_name: "就職者数（累計）", unit: "人" } as const;
    const records = makeRecords([
      { ...stock, period_start_fy: 2023, period_end_fy: 2024, target: 20 },
      { ...stock, period_start_fy: 2023, actual: 12 },
      { ...stock, period_start_fy: 2024, actual: 14 },
      { ...flow, period_start_fy: 2023, period_end_fy: 2024, target: 20 },
      { ...flow, period_start_fy: 2023, actual: 12 },
      { ...flow, period_start_fy: 2024, actual: 14 },
    ]);
    const [stockTarget, , , flowTarget] = records as [KpiRecord, KpiRecord, KpiRecord, KpiRecord];
    const byRules = await assess(records);
    expect(pick(byRules.byId(stockTarget), "aggregation", "actual")).toEqual({ aggregation: "sum", actual: 26 });
    expect(pick(byRules.byId(flowTarget), "aggregation", "actual")).toEqual({ aggregation: "latest", actual: 14 });

    const where = { prefecture: "兵庫県", body: "神戸市", program: stockTarget.program };
    const overridden = await assess(records, {
      overrides: [
        { ...where, kpi_name: stock.kpi_name, unit: stock.unit, aggregation: "latest", reason: "協定は累計の社数" },
        { ...where, kpi_name: flow.kpi_name, unit: flow.unit, aggregation: "sum", reason: "年度ごとの就職者数" },
      ],
    });
    expect(pick(overridden.byId(stockTarget), "aggregation", "aggregation_rule", "actual", "status")).toEqual({ aggregation: "latest", aggregation_rule: "indicator_overrides.csv: 協定は累計の社数", actual: 14, status: "shortfall" });
    expect(pick(overridden.byId(flowTarget), "aggregation", "aggregation_rule", "actual", "status")).toEqual({ aggregation: "sum", aggregation_rule: "indicator_overrides.csv: 年度ごとの就職者数", actual: 26, status: "met" });
  });

  it("paces a period still running: 21 of 24 months, target pro-rated", async () => {
    const records = makeRecords([
      { period_start_fy: 2023, period_end_fy: 2024, target: 2400 },
      { period_start_fy: 2023, actual: 1000 },
      { period_start_fy: 2024, actual: 900, actual_as_of: "2024-12-31" },
    ]);
    const target = records[0]!;
    const { byId } = await assess(records);
    const row = byId(target);
    expect(pick(row, "actual", "years_reported", "is_partial", "months_in_period", "months_elapsed", "prorated_target", "status", "flagged", "actual_through", "actual_breakdown")).toEqual({
      actual: 1900,
      years_reported: 2,
      is_partial: true,
      months_in_period: 24,
      months_elapsed: 21,
      prorated_target: 2100,
      status: "behind_pace",
      flagged: false,
      actual_through: "2024-12-31",
      actual_breakdown: "FY2023: 1000; FY2024: 900 (as of 2024-12-31)",
    });
    expect(row.pace).toBeCloseTo(1900 / 2100, 12);
    expect(row.achievement).toBeCloseTo(1900 / 2400, 12);

    const strict = await assess(records, { threshold: 0.95 });
    expect(pick(strict.byId(target), "status", "flagged")).toEqual({ status: "behind_pace", flagged: true });
  });

  it("counts only the reported years of a flow with a missing middle year", async () => {
    const records = makeRecords([
      { period_start_fy: 2020, period_end_fy: 2022, target: 300 },
      { period_start_fy: 2020, actual: 100 },
      { period_start_fy: 2022, actual: 100 },
    ]);
    const { byId } = await assess(records);
    const row = byId(records[0]!);
    expect(pick(row, "actual", "years_reported", "months_in_period", "months_elapsed", "is_partial", "prorated_target", "pace", "status", "actual_through")).toEqual({
      actual: 200,
      years_reported: 2,
      months_in_period: 36,
      months_elapsed: 24,
      is_partial: true,
      prorated_target: 200,
      pace: 1,
      status: "on_pace",
      actual_through: "2023-03-31",
    });
  });

  it("prefers an actual for exactly the target's period over the annual actuals inside it", async () => {
    const records = makeRecords([
      { period_start_fy: 2023, period_end_fy: 2024, target: 3200 },
      { period_start_fy: 2023, actual: 3121 },
      { period_start_fy: 2024, actual: 2000 },
      { period_start_fy: 2023, period_end_fy: 2024, actual: 3000 },
    ]);
    const { rows, byId } = await assess(records);
    expect(rows).toHaveLength(1);
    expect(pick(byId(records[0]!), "actual", "years_reported", "actual_record_ids", "actual_breakdown", "status", "is_partial", "months_elapsed")).toEqual({
      actual: 3000,
      years_reported: 1,
      actual_record_ids: records[3]!.record_id,
      actual_breakdown: "FY2023–2024: 3000",
      status: "shortfall",
      is_partial: false,
      months_elapsed: 24,
    });
  });
});

describe("met early", () => {
  const flow = { kpi_name: "就職者数", period_start_fy: 2020, period_end_fy: 2024 } as const;
  it("judges a flow met when 40% of a five-year period already reaches the whole target, and says when", async () => {
    const [target, fy20, fy21] = makeRecords([
      { ...flow, target: 100, target_op: "gte" },
      { kpi_name: "就職者数", period_start_fy: 2020, actual: 60 },
      { kpi_name: "就職者数", period_start_fy: 2021, actual: 45 },
    ]) as [KpiRecord, KpiRecord, KpiRecord];
    const { byId } = await assess([target, fy20, fy21]);
    expect(pick(byId(target), "actual", "months_elapsed", "months_in_period", "is_partial", "status", "met_early", "met_on", "flagged")).toEqual({
      actual: 105, months_elapsed: 24, months_in_period: 60, is_partial: true, status: "met", met_early: true, met_on: "2022-03-31", flagged: false,
    });
  });

  it("leaves a flow short of its whole target on pace, and a met target at the period's end not early", async () => {
    const [short, a, done, b, c] = makeRecords([
      { ...flow, target: 200 },
      { kpi_name: "就職者数", period_start_fy: 2020, actual: 60 },
      { kpi_name: "相談件数", kpi_kind: "output", kpi_topic: "consultation", period_start_fy: 2020, period_end_fy: 2021, target: 100 },
      { kpi_name: "相談件数", kpi_kind: "output", kpi_topic: "consultation", period_start_fy: 2020, actual: 50 },
      { kpi_name: "相談件数", kpi_kind: "output", kpi_topic: "consultation", period_start_fy: 2021, actual: 70 },
    ]) as KpiRecord[];
    const { byId } = await assess([short!, a!, done!, b!, c!]);
    expect(pick(byId(short!), "status", "met_early", "met_on")).toEqual({ status: "on_pace", met_early: false, met_on: null });
    expect(pick(byId(done!), "status", "met_early", "met_on")).toEqual({ status: "met", met_early: false, met_on: "2022-03-31" });
  });

  it("judges a held stock met early, but not a rate, a downward indicator, or a 超 target only reached", async () => {
    const [stock, stockActual, rate, rateActual, down, downActual, over, overActual] = makeRecords([
      { kpi_name: "実施市町数", unit: "市町", kpi_kind: "output", kpi_topic: "other", period_start_fy: 2023, period_end_fy: 2024, target: 23 },
      { kpi_name: "実施市町数", unit: "市町", kpi_kind: "output", kpi_topic: "other", period_start_fy: 2023, actual: 23 },
      { kpi_name: "定着率", unit: "%", period_start_fy: 2023, period_end_fy: 2024, target: 80 },
      { kpi_name: "定着率", unit: "%", period_start_fy: 2023, actual: 90 },
      { kpi_name: "離職率", unit: "%", direction: "down", period_start_fy: 2023, period_end_fy: 2024, target: 10 },
      { kpi_name: "離職率", unit: "%", direction: "down", period_start_fy: 2023, actual: 5 },
      { kpi_name: "参加者数", kpi_kind: "output", kpi_topic: "participation", period_start_fy: 2023, period_end_fy: 2024, target: 50, target_op: "gt" },
      { kpi_name: "参加者数", kpi_kind: "output", kpi_topic: "participation", period_start_fy: 2023, actual: 50 },
    ]) as KpiRecord[];
    const { byId } = await assess([stock!, stockActual!, rate!, rateActual!, down!, downActual!, over!, overActual!]);
    expect(pick(byId(stock!), "aggregation", "status", "met_early")).toEqual({ aggregation: "latest", status: "met", met_early: true });
    expect(pick(byId(rate!), "aggregation", "status", "met_early")).toEqual({ aggregation: "mean", status: "on_pace", met_early: false });
    expect(pick(byId(down!), "status", "met_early")).toEqual({ status: "on_pace", met_early: false });
    expect(pick(byId(over!), "status", "met_early")).toEqual({ status: "on_pace", met_early: false });
  });
});

describe("Wilson 95% interval", () => {
  it("gives the textbook values, inside 0..1 at k = 0 and k = n, and nothing for n = 0", async () => {
    const { withDatabase, queryRows } = await import("../loaders/analyze/db.ts");
    const { defineMacros } = await import("../loaders/analyze/analyze.ts");
    const rows = await withDatabase(async (c) => {
      await defineMacros(c);
      return (await queryRows(c, "SELECT k, n, wilson_low(k, n) AS low, wilson_high(k, n) AS high FROM (VALUES (0, 10), (5, 10), (10, 10), (1, 1), (2, 4), (0, 0)) t(k, n) ORDER BY n, k")).rows;
    });
    const at = (k: number, n: number) => rows.find((r) => r.k === k && r.n === n)!;
    const close = (k: number, n: number, low: number, high: number) => {
      expect(at(k, n).low as number).toBeCloseTo(low, 4);
      expect(at(k, n).high as number).toBeCloseTo(high, 4);
    };
    close(0, 10, 0, 0.27753);
    close(5, 10, 0.23659, 0.76341);
    close(10, 10, 0.72247, 1);
    close(1, 1, 0.20654, 1);
    close(2, 4, 0.15004, 0.84996);
    expect(pick(at(0, 0), "low", "high")).toEqual({ low: null, high: null });
  });
});

describe("direction down", () => {
  const turnover = { kpi_name: "離職率", unit: "%", direction: "down", kpi_topic: "other" } as const;
  const cases: [number, Row][] = [
    [8, { status: "met", achievement: 1.25, flagged: false }],
    [20, { status: "shortfall", achievement: 0.5, flagged: false }],
    [25, { status: "below_threshold", achievement: 0.4, flagged: true }],
    [0, { status: "met", achievement: null, flagged: false }],
    [10, { status: "met", achievement: 1, flagged: false }],
  ];

  it("divides the target by the actual, and meets the target with a zero actual", async () => {
    const records = cases.map(([actual], i) => makeRecord({ ...turnover, target: 10, actual, program: `事業${i}`, source_line: i + 1 }));
    const { byId } = await assess(records);
    records.forEach((record, i) => expect({ actual: record.actual, ...pick(byId(record), "status", "achievement", "flagged") }).toEqual({ actual: cases[i]![0], ...cases[i]![1] }));
  });

  it("averages a rate over a multi-year period and never pro-rates its target", async () => {
    const multi = makeRecords([
      { ...turnover, period_start_fy: 2023, period_end_fy: 2024, target: 10 },
      { ...turnover, period_start_fy: 2023, actual: 8 },
      { ...turnover, period_start_fy: 2024, actual: 12 },
    ]);
    const partial = makeRecord({ ...turnover, program: "別事業", target: 10, actual: 8, actual_as_of: HALF_YEAR, source_line: 10 });
    const { byId } = await assess([...multi, partial]);
    expect(pick(byId(multi[0]!), "aggregation", "actual", "achievement", "status")).toEqual({ aggregation: "mean", actual: 10, achievement: 1, status: "met" });
    expect(pick(byId(partial), "is_partial", "prorated_target", "pace", "status")).toEqual({ is_partial: true, prorated_target: 10, pace: 1.25, status: "on_pace" });
  });
});

describe("pairing", () => {
  it("uses one of duplicate actuals for a year: the full-year one over an as-of one", async () => {
    const records = makeRecords([
      { target: 100 },
      { actual: 80, actual_as_of: "2023-12-31" },
      { actual: 120 },
    ]);
    const { rows, byId } = await assess(records);
    expect(rows).toHaveLength(1);
    expect(pick(byId(records[0]!), "actual", "years_reported", "actual_record_ids", "is_partial", "status", "actual_breakdown")).toEqual({
      actual: 120,
      years_reported: 1,
      actual_record_ids: records[2]!.record_id,
      is_partial: false,
      status: "met",
      actual_breakdown: "FY2023: 120",
    });
  });

  it("assesses duplicate actuals that no target covers once", async () => {
    const records = makeRecords([{ actual: 120 }, { actual: 80, actual_as_of: "2023-12-31" }]);
    const { rows } = await assess(records);
    expect(rows.map((r) => [r.record_id, r.actual, r.status])).toEqual([[records[0]!.record_id, 120, "no_target"]]);
  });

  it("judges a target on a multi-year actual inside its period, over the single years it spans", async () => {
    const records = makeRecords([
      { target: 300, period_start_fy: 2023, period_end_fy: 2025 },
      { actual: 150, period_start_fy: 2023, period_end_fy: 2024 },
      { actual: 60, period_start_fy: 2023 },
    ]);
    const { rows, byId } = await assess(records);
    expect(rows).toHaveLength(1);
    expect(pick(byId(records[0]!), "actual", "actual_record_ids", "months_elapsed", "is_partial", "prorated_target", "status")).toEqual({
      actual: 150,
      actual_record_ids: records[1]!.record_id,
      months_elapsed: 24,
      is_partial: true,
      prorated_target: 200,
      status: "behind_pace",
    });
  });

  it("uses the later of two as-of actuals, even when the target's own record carries the earlier", async () => {
    const records = makeRecords([
      { target: 100, actual: 70, actual_as_of: "2023-12-31" },
      { actual: 50, actual_as_of: HALF_YEAR },
      { actual: 90, actual_as_of: "2024-01-31" },
    ]);
    const { rows, byId } = await assess(records);
    expect(rows).toHaveLength(1);
    expect(pick(byId(records[0]!), "actual", "years_reported", "actual_record_ids", "months_elapsed", "prorated_target", "pace", "status")).toEqual({
      actual: 90,
      years_reported: 1,
      actual_record_ids: records[2]!.record_id,
      months_elapsed: 10,
      prorated_target: 1000 / 12,
      pace: 90 / (1000 / 12),
      status: "on_pace",
    });
  });

  it("does not pair across indicators: another body, program or unit", async () => {
    const records = makeRecords([
      { target: 100 },
      { actual: 120, body: "姫路市", body_code: "282014", body_level: "municipality" },
      { actual: 120, program: "別の事業" },
      { actual: 120, unit: "件" },
      { actual: 120, prefecture: "大阪府", prefecture_code: "27", body: "神戸市", body_code: null, body_level: "other" },
    ]);
    const { rows, byId } = await assess(records);
    expect(rows).toHaveLength(5);
    expect(pick(byId(records[0]!), "status", "actual", "actual_record_ids")).toEqual({ status: "no_actual", actual: null, actual_record_ids: null });
    for (const r of records.slice(1)) expect(pick(byId(r), "status", "actual", "actual_record_ids")).toEqual({ status: "no_target", actual: 120, actual_record_ids: r.record_id });
  });

  it("carries the target's note, or the actuals' notes when the target has none", async () => {
    const withNote = makeRecords([
      { target: 100, period_start_fy: 2023, period_end_fy: 2024, note: "目標の説明" },
      { period_start_fy: 2023, actual: 60, note: "B: 初年度" },
      { period_start_fy: 2024, actual: 60 },
    ]);
    const withoutNote = makeRecords(
      [
        { program: "別事業", target: 100, period_start_fy: 2023, period_end_fy: 2024 },
        { program: "別事業", period_start_fy: 2024, actual: 60, note: "B: 次年度" },
        { program: "別事業", period_start_fy: 2023, actual: 60, note: "A: 初年度" },
      ],
      10,
    );
    const untargeted = makeRecord({ program: "第三の事業", actual: 5, note: "単独の実績", source_line: 20 });
    const { byId } = await assess([...withNote, ...withoutNote, untargeted]);
    expect(byId(withNote[0]!).note).toBe("目標の説明");
    expect(byId(withoutNote[0]!).note).toBe("A: 初年度 / B: 次年度");
    expect(byId(untargeted).note).toBe("単独の実績");
  });
});

describe("sources inside a file, approximate figures, records to review", () => {
  it("writes a record's place inside its file after its line in source_refs, and carries it as source_locator", async () => {
    const [target, fy23, fy24] = makeRecords([
      { source_file: "report.pdf", source_locator: "p.3 l.12", target: 100, period_start_fy: 2023, period_end_fy: 2024 },
      { source_file: "report.pdf", source_locator: "p.3 l.13", period_start_fy: 2023, actual: 30 },
      { source_file: "b.txt", period_start_fy: 2024, actual: 10 },
    ], 45) as [KpiRecord, KpiRecord, KpiRecord];
    const sheet = makeRecord({ source_file: "status.xlsx", source_locator: "実施状況!C12", program: "別事業", actual: 7, source_line: 12 });
    const tables = await analyzeTables([target, fy23, fy24, sheet]);
    const row = tables.kpi_assessments!.find((r) => r.record_id === target.record_id)!;
    expect(pick(row, "source_file", "source_line", "source_locator", "source_refs")).toEqual({
      source_file: "report.pdf",
      source_line: 45,
      source_locator: "p.3 l.12",
      source_refs: "b.txt:47; report.pdf:45 (p.3 l.12); report.pdf:46 (p.3 l.13)",
    });
    const untargeted = tables.kpi_assessments!.find((r) => r.record_id === sheet.record_id)!;
    expect(pick(untargeted, "source_locator", "source_refs")).toEqual({ source_locator: "実施状況!C12", source_refs: "status.xlsx:12 (実施状況!C12)" });
  });

  it("writes the locator in kpi_series and cost_per_outcome too", async () => {
    const records = makeRecords([
      { source_file: "page.html", source_locator: "表2 行3", period_start_fy: 2022, target: 100, actual: 90, budget_thousand_yen: 900 },
      { source_file: "page.html", source_locator: "表2 行4", period_start_fy: 2023, target: 100, actual: 120 },
    ]);
    const { kpi_series: series, cost_per_outcome: costs } = await analyzeTables(records);
    expect(series!.map((r) => r.source_refs)).toEqual(["page.html:1 (表2 行3)", "page.html:2 (表2 行4)"]);
    expect(costs!.map((r) => pick(r, "source_file", "source_line", "source_locator"))).toEqual([{ source_file: "page.html", source_line: 1, source_locator: "表2 行3" }]);
  });

  it("needs review when the target's record or any actual used needs it, and only then", async () => {
    const [reviewedTarget, plainActual] = makeRecords([
      { program: "A", target: 100, needs_review: true, extraction: "readers/table" },
      { program: "A", actual: 30 },
    ]) as [KpiRecord, KpiRecord];
    const [target, fy23, fy24] = makeRecords([
      { program: "B", target: 100, period_start_fy: 2023, period_end_fy: 2024 },
      { program: "B", period_start_fy: 2023, actual: 30 },
      { program: "B", period_start_fy: 2024, actual: 10, needs_review: true, extraction: "readers/prose" },
    ], 10) as [KpiRecord, KpiRecord, KpiRecord];
    const [clean, cleanActual] = makeRecords([{ program: "C", target: 100 }, { program: "C", actual: 30 }], 20) as [KpiRecord, KpiRecord];
    const alone = makeRecord({ program: "D", actual: 5, needs_review: true, extraction: "readers/prose", source_line: 30 });
    const tables = await analyzeTables([reviewedTarget, plainActual, target, fy23, fy24, clean, cleanActual, alone]);
    const byId = (r: KpiRecord) => tables.kpi_assessments!.find((a) => a.record_id === r.record_id)!;
    expect(byId(reviewedTarget).needs_review).toBe(true);
    expect(byId(target).needs_review).toBe(true);
    expect(byId(clean).needs_review).toBe(false);
    expect(byId(alone).needs_review).toBe(true);
    // the flags table carries it with the rest of the assessment's columns
    const flagged = tables.flags!.map((f) => pick(f, "program", "needs_review"));
    expect(flagged).toEqual([
      { program: "A", needs_review: true },
      { program: "B", needs_review: true },
      { program: "C", needs_review: false },
    ]);
  });

  it("marks the target or the actuals approximate after the records they come from", async () => {
    const [target, fy23, fy24] = makeRecords([
      { target: 100, period_start_fy: 2023, period_end_fy: 2024 },
      { period_start_fy: 2023, actual: 30, actual_approximate: true },
      { period_start_fy: 2024, actual: 10 },
    ]) as [KpiRecord, KpiRecord, KpiRecord];
    const [approxTarget, exactActual] = makeRecords([{ program: "B", target: 100, target_approximate: true }, { program: "B", actual: 30 }], 10) as [KpiRecord, KpiRecord];
    const alone = makeRecord({ program: "C", actual: 5, actual_approximate: true, source_line: 20 });
    const { byId } = await assess([target, fy23, fy24, approxTarget, exactActual, alone]);
    expect(pick(byId(target), "target_approximate", "actual_approximate")).toEqual({ target_approximate: false, actual_approximate: true });
    expect(pick(byId(approxTarget), "target_approximate", "actual_approximate")).toEqual({ target_approximate: true, actual_approximate: false });
    expect(pick(byId(alone), "target_approximate", "actual_approximate")).toEqual({ target_approximate: false, actual_approximate: true });
  });
});

describe("comparisons", () => {
  const kobe = { body: "神戸市", body_code: "281000", body_level: "designated_city" } as const;
  const hyogo = { body: "兵庫県", body_code: "280003", body_level: "prefecture" } as const;
  const consultation = { kpi_name: "相談件数", unit: "件", kpi_kind: "output", kpi_topic: "consultation" } as const;
  const participation = { kpi_name: "セミナー参加者数", kpi_kind: "output", kpi_topic: "participation" } as const;
  const regular = { kpi_name: "正社員就職者数", kpi_topic: "regular_employment" } as const;
  const records = makeRecords([
    { ...kobe, program: "P1", budget_thousand_yen: 12000, target: 100, actual: 60 }, // outcome employment 0.6 shortfall
    { ...kobe, program: "P1", budget_thousand_yen: 12000, ...consultation, target: 200, actual: 300 }, // output 1.5 met
    { ...kobe, program: "P2", target: 50, actual: 20 }, // outcome employment 0.4 below_threshold
    { ...kobe, program: "P2", ...participation, target: 10 }, // no_actual
    { ...hyogo, program: "P3", budget_thousand_yen: 8800, ...regular, target: 40, actual: 44 }, // outcome 1.1 met
    { ...hyogo, program: "P3", ...consultation, actual: 500 }, // no_target
    { ...hyogo, program: "P3", budget_thousand_yen: 8800, target: 0, actual: 3, period_start_fy: 2024 }, // target_zero
    { ...hyogo, program: "P3", ...participation, target: 100, actual: 30, actual_as_of: HALF_YEAR }, // behind_pace, pace 0.6
  ]);

  it("summarizes a prefecture by period and coverage, overall, by kind and by topic", async () => {
    const { prefecture_summary: all } = await analyzeTables(records);
    const key = (r: Row) => `${r.period_start_fy}-${r.period_end_fy}/${r.coverage}/${r.kpi_kind}/${r.kpi_topic}`;
    expect(all!.map(key).sort()).toEqual([
      "2023-2023/unknown/all/all", "2023-2023/unknown/all/consultation", "2023-2023/unknown/all/employment", "2023-2023/unknown/all/participation",
      "2023-2023/unknown/all/regular_employment", "2023-2023/unknown/outcome/all", "2023-2023/unknown/output/all",
      "2024-2024/unknown/all/all", "2024-2024/unknown/all/employment", "2024-2024/unknown/outcome/all",
    ]);
    const summary = all!.filter((r) => r.period_start_fy === 2023);
    const row = (k: string) => summary.find((r) => `${r.kpi_kind}/${r.kpi_topic}` === k)!;
    const figures = ["n_kpis", "n_assessed", "n_met", "n_met_early", "share_met", "n_shortfall", "n_below_threshold", "share_below_threshold", "rankable", "n_in_progress", "n_on_pace", "n_flagged", "n_no_actual", "n_no_target", "n_target_zero", "threshold"];
    expect(pick(row("all/all"), "prefecture", "prefecture_code", ...figures)).toEqual({
      prefecture: "兵庫県",
      prefecture_code: "28",
      n_kpis: 7,
      n_assessed: 4,
      n_met: 2,
      n_met_early: 0,
      share_met: 0.5,
      n_shortfall: 1,
      n_below_threshold: 1,
      share_below_threshold: 0.25,
      rankable: false,
      n_in_progress: 1,
      n_on_pace: 0,
      n_flagged: 1,
      n_no_actual: 1,
      n_no_target: 1,
      n_target_zero: 0,
      threshold: 0.5,
    });
    // Wilson 95% interval of 2 of 4: 0.150 .. 0.850
    expect(row("all/all").share_met_low).toBeCloseTo(0.15004, 4);
    expect(row("all/all").share_met_high).toBeCloseTo(0.84996, 4);
    // pooled: (60 + 300 + 20 + 44) / (100 + 200 + 50 + 40)
    expect(row("all/all").pooled_achievement).toBeCloseTo(424 / 390, 12);
    expect(pick(row("outcome/all"), "n_kpis", "n_assessed", "n_met", "n_below_threshold", "median_achievement", "n_target_zero")).toEqual({ n_kpis: 3, n_assessed: 3, n_met: 1, n_below_threshold: 1, median_achievement: 0.6, n_target_zero: 0 });
    expect(row("all/all").median_achievement).toBeCloseTo(0.85, 12);
    expect(row("outcome/all").share_met).toBeCloseTo(1 / 3, 12);
    expect(pick(row("output/all"), "n_kpis", "n_assessed", "n_met", "share_met", "median_achievement", "n_in_progress", "n_no_actual", "n_no_target")).toEqual({ n_kpis: 4, n_assessed: 1, n_met: 1, share_met: 1, median_achievement: 1.5, n_in_progress: 1, n_no_actual: 1, n_no_target: 1 });
    expect(pick(row("all/employment"), "n_kpis", "n_assessed", "n_met", "share_met", "median_achievement")).toEqual({ n_kpis: 2, n_assessed: 2, n_met: 0, share_met: 0, median_achievement: 0.5 });
    expect(pick(row("all/participation"), "n_kpis", "n_assessed", "share_met", "share_met_low", "share_below_threshold", "median_achievement", "n_in_progress")).toEqual({ n_kpis: 2, n_assessed: 0, share_met: null, share_met_low: null, share_below_threshold: null, median_achievement: null, n_in_progress: 1 });
    const fy2024 = all!.find((r) => r.period_start_fy === 2024 && r.kpi_kind === "all" && r.kpi_topic === "all")!;
    expect(pick(fy2024, "n_kpis", "n_assessed", "n_target_zero")).toEqual({ n_kpis: 1, n_assessed: 0, n_target_zero: 1 });
  });

  it("compares like with like: documents of different coverage, and parts of another figure, are not pooled", async () => {
    const full = { source_file: "full.txt" };
    const show = { source_file: "show.txt" };
    const [parent, ...rest] = makeRecords([
      { ...full, program: "F1", target: 10, actual: 12 },
      { ...full, program: "F1", kpi_name: "就職者数（うち正規雇用）", kpi_topic: "regular_employment", target: 5, actual: 1 },
      { ...full, program: "F2", target: 10, actual: 2 },
      { ...show, program: "S1", target: 10, actual: 30 },
    ]);
    rest[0]!.parent_record_id = parent!.record_id;
    const sources = [
      { source_file: "full.txt", title: "実施状況", publisher: null, prefectures: "兵庫県", url: null, written_on: "2024-07-16", written_on_basis: "registry" as const, coverage: "full_report" },
      { source_file: "show.txt", title: "取組事例", publisher: null, prefectures: "兵庫県", url: null, written_on: null, written_on_basis: null, coverage: "showcase" },
    ];
    const { prefecture_summary: summary, kpi_assessments: assessments, sources: listed } = await analyzeTables([parent!, ...rest], { sources });
    const overall = summary!.filter((r) => r.kpi_kind === "all" && r.kpi_topic === "all");
    expect(overall.map((r) => pick(r, "coverage", "n_kpis", "n_assessed", "n_met", "share_met"))).toEqual([
      { coverage: "full_report", n_kpis: 2, n_assessed: 2, n_met: 1, share_met: 0.5 },
      { coverage: "showcase", n_kpis: 1, n_assessed: 1, n_met: 1, share_met: 1 },
    ]);
    // the nested figure is still assessed (and flagged) on its own, with its parent named
    const nested = assessments!.find((a) => a.kpi_name === "就職者数（うち正規雇用）")!;
    expect(pick(nested, "status", "flagged", "parent_record_id", "coverage")).toEqual({ status: "below_threshold", flagged: true, parent_record_id: parent!.record_id, coverage: "full_report" });
    expect(listed!.map((r) => pick(r, "source_file", "title", "written_on", "coverage", "n_records"))).toEqual([
      { source_file: "full.txt", title: "実施状況", written_on: "2024-07-16", coverage: "full_report", n_records: 3 },
      { source_file: "show.txt", title: "取組事例", written_on: null, coverage: "showcase", n_records: 1 },
    ]);
  });

  it("ranks nothing with fewer than five assessed: rankable from n = 5", async () => {
    const five = makeRecords(Array.from({ length: 5 }, (_, i) => ({ program: `R${i}`, target: 10, actual: i < 4 ? 10 : 1 })), 300);
    const { prefecture_summary: summary } = await analyzeTables(five.slice(0, 4));
    const overall = (rows: Row[]) => rows.find((r) => r.kpi_kind === "all" && r.kpi_topic === "all")!;
    expect(pick(overall(summary!), "n_assessed", "rankable")).toEqual({ n_assessed: 4, rankable: false });
    const { prefecture_summary: more } = await analyzeTables(five);
    expect(pick(overall(more!), "n_assessed", "n_met", "rankable")).toEqual({ n_assessed: 5, n_met: 4, rankable: true });
  });

  it("summarizes each body by period", async () => {
    const { body_summary: all } = await analyzeTables(records);
    const summary = all!.filter((r) => r.period_start_fy === 2023);
    const row = (body: string, kind: string, topic: string) => summary.find((r) => r.body === body && r.kpi_kind === kind && r.kpi_topic === topic)!;
    expect(summary.filter((r) => r.body === "神戸市").map((r) => `${r.kpi_kind}/${r.kpi_topic}`).sort()).toEqual(["all/all", "all/consultation", "all/employment", "all/participation", "outcome/all", "output/all"]);
    expect(pick(row("神戸市", "all", "all"), "body_level", "n_kpis", "n_assessed", "n_met", "median_achievement", "n_flagged", "n_no_actual", "n_below_threshold")).toEqual({
      body_level: "designated_city",
      n_kpis: 4,
      n_assessed: 3,
      n_met: 1,
      median_achievement: 0.6,
      n_flagged: 1,
      n_no_actual: 1,
      n_below_threshold: 1,
    });
    expect(pick(row("兵庫県", "all", "all"), "body_level", "n_kpis", "n_assessed", "n_met", "share_met", "median_achievement", "n_in_progress", "n_no_target", "n_target_zero", "n_flagged")).toEqual({
      body_level: "prefecture",
      n_kpis: 3,
      n_assessed: 1,
      n_met: 1,
      share_met: 1,
      median_achievement: 1.1,
      n_in_progress: 1,
      n_no_target: 1,
      n_target_zero: 0,
      n_flagged: 0,
    });
    expect(pick(row("神戸市", "outcome", "all"), "n_kpis", "n_assessed", "n_met", "median_achievement")).toEqual({ n_kpis: 2, n_assessed: 2, n_met: 0, median_achievement: 0.5 });
  });

  it("summarizes each program and period by its outcome KPIs: median and pooled achievement", async () => {
    const { program_summary: rows } = await analyzeTables(records);
    expect(rows!.map((r) => pick(r, "body", "program", "period_start_fy", "n_outcome_kpis", "n_outcome_assessed", "n_outcome_met", "outcome_median_achievement", "outcome_pooled_achievement", "n_output_kpis", "n_flagged"))).toEqual([
      { body: "兵庫県", program: "P3", period_start_fy: 2023, n_outcome_kpis: 1, n_outcome_assessed: 1, n_outcome_met: 1, outcome_median_achievement: 1.1, outcome_pooled_achievement: 1.1, n_output_kpis: 2, n_flagged: 0 },
      { body: "兵庫県", program: "P3", period_start_fy: 2024, n_outcome_kpis: 1, n_outcome_assessed: 0, n_outcome_met: 0, outcome_median_achievement: null, outcome_pooled_achievement: null, n_output_kpis: 0, n_flagged: 0 },
      { body: "神戸市", program: "P1", period_start_fy: 2023, n_outcome_kpis: 1, n_outcome_assessed: 1, n_outcome_met: 0, outcome_median_achievement: 0.6, outcome_pooled_achievement: 0.6, n_output_kpis: 1, n_flagged: 0 },
      { body: "神戸市", program: "P2", period_start_fy: 2023, n_outcome_kpis: 1, n_outcome_assessed: 1, n_outcome_met: 0, outcome_median_achievement: 0.4, outcome_pooled_achievement: 0.4, n_output_kpis: 1, n_flagged: 1 },
    ]);
  });

  it("compares output with outcome per program", async () => {
    const patterns = makeRecords(
      [
        { program: "Q1", ...consultation, target: 10, actual: 10 },
        { program: "Q1", target: 10, actual: 12 },
        { program: "Q2", ...consultation, target: 10, actual: 5 },
        { program: "Q2", target: 10, actual: 10 },
        { program: "Q3", ...consultation, target: 10, actual: 5 },
        { program: "Q3", target: 10, actual: 5 },
      ],
      100,
    );
    const { outcome_vs_output: rows } = await analyzeTables([...records, ...patterns]);
    expect(rows!.map((r) => pick(r, "body", "program", "period_start_fy", "period_end_fy", "budget_thousand_yen", "output_n", "output_met", "output_median_achievement", "outcome_n", "outcome_met", "outcome_median_achievement", "pattern"))).toEqual([
      { body: "神戸市", program: "P1", period_start_fy: 2023, period_end_fy: 2023, budget_thousand_yen: 12000, output_n: 1, output_met: 1, output_median_achievement: 1.5, outcome_n: 1, outcome_met: 0, outcome_median_achievement: 0.6, pattern: "output_met_outcome_short" },
      { body: "神戸市", program: "Q1", period_start_fy: 2023, period_end_fy: 2023, budget_thousand_yen: null, output_n: 1, output_met: 1, output_median_achievement: 1, outcome_n: 1, outcome_met: 1, outcome_median_achievement: 1.2, pattern: "both_met" },
      { body: "神戸市", program: "Q2", period_start_fy: 2023, period_end_fy: 2023, budget_thousand_yen: null, output_n: 1, output_met: 0, output_median_achievement: 0.5, outcome_n: 1, outcome_met: 1, outcome_median_achievement: 1, pattern: "outcome_met_output_short" },
      { body: "神戸市", program: "Q3", period_start_fy: 2023, period_end_fy: 2023, budget_thousand_yen: null, output_n: 1, output_met: 0, output_median_achievement: 0.5, outcome_n: 1, outcome_met: 0, outcome_median_achievement: 0.5, pattern: "both_short" },
    ]);
  });

  it("divides a program's stated cost by one whole-year outcome: the broadest, never a sum or a part-year figure", async () => {
    const extra = makeRecords(
      [
        { program: "C1", budget_thousand_yen: 5000, target: 10 }, // no actual
        { program: "C2", budget_thousand_yen: 5000, target: 10, actual: 0 }, // zero actual
        { program: "C3", target: 10, actual: 4 }, // no budget
        { program: "C4", budget_thousand_yen: 6000, actual: 15, actual_as_of: HALF_YEAR }, // partial year
        { program: "C5", budget_thousand_yen: 6000, ...regular, actual: 40 }, // regular employment: narrower than 就職者数
        { program: "C5", budget_thousand_yen: 6000, actual: 50 }, // people employed: the result used
        { program: "C5", budget_thousand_yen: 6000, kpi_name: "社会参加者数", kpi_topic: "social_participation", actual: 90 },
        { program: "C6", budget_thousand_yen: 6000, target: 10, actual: 12, period_end_fy: 2024 }, // two years: no single year's cost
      ],
      200,
    );
    const { cost_per_outcome: rows } = await analyzeTables([...records, ...extra]);
    expect(rows!.map((r) => pick(r, "program", "kpi_name", "fiscal_year", "budget_thousand_yen", "actual", "cost_per_outcome_thousand_yen", "n_outcome_kpis", "source_line"))).toEqual([
      { program: "P3", kpi_name: "正社員就職者数", fiscal_year: 2023, budget_thousand_yen: 8800, actual: 44, cost_per_outcome_thousand_yen: 200, n_outcome_kpis: 1, source_line: 5 },
      { program: "P3", kpi_name: "就職者数", fiscal_year: 2024, budget_thousand_yen: 8800, actual: 3, cost_per_outcome_thousand_yen: 8800 / 3, n_outcome_kpis: 1, source_line: 7 },
      { program: "C5", kpi_name: "就職者数", fiscal_year: 2023, budget_thousand_yen: 6000, actual: 50, cost_per_outcome_thousand_yen: 120, n_outcome_kpis: 3, source_line: 205 },
      { program: "P1", kpi_name: "就職者数", fiscal_year: 2023, budget_thousand_yen: 12000, actual: 60, cost_per_outcome_thousand_yen: 200, n_outcome_kpis: 1, source_line: 1 },
    ]);
  });

  it("lists series only for indicators with two or more single fiscal years", async () => {
    const series = makeRecords([
      { program: "S1", period_start_fy: 2022, target: 100, actual: 90 },
      { program: "S1", period_start_fy: 2023, target: 100 },
      { program: "S1", period_start_fy: 2023, actual: 80, actual_as_of: "2023-12-31" },
      { program: "S1", period_start_fy: 2023, actual: 120 },
      { program: "S2", period_start_fy: 2023, target: 10, actual: 10 }, // one year only
      { program: "S3", period_start_fy: 2023, period_end_fy: 2024, target: 10 }, // a multi-year period is not a year
      { program: "S3", period_start_fy: 2023, actual: 4 },
    ]);
    const { kpi_series: rows } = await analyzeTables(series);
    expect(rows!.map((r) => pick(r, "program", "fiscal_year", "n_years", "target", "actual", "actual_as_of", "achievement", "source_refs"))).toEqual([
      { program: "S1", fiscal_year: 2022, n_years: 2, target: 100, actual: 90, actual_as_of: null, achievement: 0.9, source_refs: "t.txt:1" },
      { program: "S1", fiscal_year: 2023, n_years: 2, target: 100, actual: 120, actual_as_of: null, achievement: 1.2, source_refs: "t.txt:2; t.txt:3; t.txt:4" },
    ]);
  });
});

describe("no NaN or Infinity", () => {
  it("in any numeric value of any table for a mixed record set", async () => {
    const records = makeRecords([
      { target: 0, actual: 0, program: "a" },
      { target: 0, actual: 0, actual_as_of: HALF_YEAR, program: "b" },
      { target: 0, program: "c" },
      { actual: 0, program: "d", budget_thousand_yen: 1000 },
      { kpi_name: "離職率", unit: "%", direction: "down", target: 0, actual: 0, program: "e" },
      { kpi_name: "離職率", unit: "%", direction: "down", target: 10, actual: 0, actual_as_of: HALF_YEAR, program: "f" },
      { kpi_name: "離職率", unit: "%", direction: "down", target: 0, actual: 5, program: "g" },
      { target: 100, actual: 0, program: "h", budget_thousand_yen: 1000 },
      { target: 100, actual: 0, actual_as_of: "2023-04-01", program: "i" },
      { period_start_fy: 2023, period_end_fy: 2024, target: 50, program: "j" },
      { period_start_fy: 2023, actual: 0, program: "j" },
      { period_start_fy: 2024, actual: 0, actual_as_of: "2024-04-30", program: "j" },
      { kpi_name: "設置済の市町数", unit: "市町", period_start_fy: 2022, period_end_fy: 2024, target: 0, program: "k" },
      { kpi_name: "設置済の市町数", unit: "市町", period_start_fy: 2022, actual: 0, program: "k" },
      { kpi_name: "相談件数", unit: "件", kpi_kind: "output", kpi_topic: "consultation", target: 10, actual: 30, program: "h" },
      { period_start_fy: 2022, target: 0, actual: 0, program: "l" },
      { period_start_fy: 2023, target: 0, actual: 2, program: "l" },
    ]);
    const tables = await analyzeTables(records, { threshold: 0 });
    expect(tables.kpi_assessments!.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const [name, rows] of Object.entries(tables)) {
      rows.forEach((row, i) => {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === "number" && !Number.isFinite(value)) problems.push(`${name}[${i}].${column} = ${value}`);
          if (typeof value === "string" && /\b(nan|-?inf(inity)?)\b/i.test(value)) problems.push(`${name}[${i}].${column} = ${value}`);
        }
      });
    }
    expect(problems).toEqual([]);
    expect(tables.kpi_series!.map((r) => `${r.program} ${r.fiscal_year}`)).toEqual(["j 2023", "j 2024", "l 2022", "l 2023"]);
    expect(tables.cost_per_outcome).toEqual([]);
  });
});
