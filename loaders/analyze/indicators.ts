// How each indicator's annual actuals combine over a multi-year target: data/rules/aggregation.csv, overridden per
// indicator by data/rules/indicator_overrides.csv.
import type { KpiRecord } from "../extract/schema.ts";
import { compileRulePattern, readDataTable } from "../extract/tables.ts";
import { AGGREGATIONS, type Aggregation } from "./tables.ts";

export interface AggregationRule {
  pattern: RegExp | null;
  unit: RegExp | null;
  aggregation: Aggregation;
  why: string;
}

export interface IndicatorOverride {
  prefecture: string;
  body: string;
  program: string;
  kpi_name: string;
  unit: string;
  aggregation: Aggregation;
  reason: string;
}

export interface IndicatorRule {
  prefecture_code: string;
  body: string;
  program: string;
  kpi_name: string;
  unit: string;
  aggregation: Aggregation;
  aggregation_rule: string;
}

function checkAggregation(value: string | undefined, where: string): Aggregation {
  if (!AGGREGATIONS.includes(value as Aggregation)) throw new Error(`${where}: aggregation ${JSON.stringify(value)} is not one of ${AGGREGATIONS.join(", ")}`);
  return value as Aggregation;
}

export function readAggregationRules(file = "rules/aggregation.csv"): AggregationRule[] {
  const table = `data/${file}`;
  return readDataTable(file).map((row, i) => ({
    pattern: row.pattern ? compileRulePattern(row.pattern, table, i) : null,
    unit: row.unit ? compileRulePattern(row.unit, table, i) : null,
    aggregation: checkAggregation(row.aggregation, `${table}:${i + 2}`),
    why: `${file} row ${row.order}: ${row.why}`,
  }));
}

export function readIndicatorOverrides(file = "rules/indicator_overrides.csv"): IndicatorOverride[] {
  const table = `data/${file}`;
  return readDataTable(file).map((row, i) => {
    const where = `${table}:${i + 2}`;
    for (const key of ["prefecture", "body", "program", "kpi_name", "unit", "reason"]) {
      if (!row[key]) throw new Error(`${where}: ${key} is empty`);
    }
    return { prefecture: row.prefecture!, body: row.body!, program: row.program!, kpi_name: row.kpi_name!, unit: row.unit!, aggregation: checkAggregation(row.aggregation, where), reason: row.reason! };
  });
}

/** One rule per indicator of the records: its override if there is one, else the first matching rule. */
/** What names an indicator: the same KPI of the same program over the years. */
export type IndicatorKey = Pick<KpiRecord, "prefecture" | "prefecture_code" | "body" | "program" | "kpi_name" | "unit">;

export function indicatorRules(records: readonly IndicatorKey[], rules: readonly AggregationRule[], overrides: readonly IndicatorOverride[]): IndicatorRule[] {
  const byKey = new Map<string, IndicatorRule>();
  const keyOf = (r: { prefecture: string; body: string; program: string; kpi_name: string; unit: string }) => [r.prefecture, r.body, r.program, r.kpi_name, r.unit].join("\t");
  const overrideByKey = new Map(overrides.map((o) => [keyOf(o), o]));
  for (const record of records) {
    const key = keyOf(record);
    if (byKey.has(key)) continue;
    const override = overrideByKey.get(key);
    let aggregation: Aggregation = "sum";
    let why = "default: no rule matched";
    if (override) [aggregation, why] = [override.aggregation, `indicator_overrides.csv: ${override.reason}`];
    else {
      const rule = rules.find((r) => (!r.pattern || r.pattern.test(record.kpi_name)) && (!r.unit || r.unit.test(record.unit)));
      if (rule) [aggregation, why] = [rule.aggregation, rule.why];
    }
    byKey.set(key, { prefecture_code: record.prefecture_code, body: record.body, program: record.program, kpi_name: record.kpi_name, unit: record.unit, aggregation, aggregation_rule: why });
  }
  return [...byKey.values()];
}
