// How each indicator's annual actuals combine over a multi-year target: data/rules/aggregation.csv, overridden per
// indicator by data/rules/indicator_overrides.csv.
import { compileRulePattern, readDataTable } from "../extract/data-tables.ts";
import { AGGREGATIONS, type Aggregation } from "./published-tables.ts";

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

/** The aggregation of one KPI name and unit, and the rule that gave it. */
export interface NameRule {
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

/**
 * The first matching rule of each KPI name and unit. The rules read only these two, so they run once a distinct
 * pair, not once a record; an indicator's override (indicator_overrides.csv) is applied over them in SQL.
 */
export function nameRules(names: readonly { kpi_name: string; unit: string }[], rules: readonly AggregationRule[]): NameRule[] {
  return names.map(({ kpi_name, unit }) => {
    const rule = rules.find((r) => (!r.pattern || r.pattern.test(kpi_name)) && (!r.unit || r.unit.test(unit)));
    return { kpi_name, unit, aggregation: rule?.aggregation ?? "sum", aggregation_rule: rule?.why ?? "default: no rule matched" };
  });
}
