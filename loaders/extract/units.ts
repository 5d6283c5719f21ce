// Units of KPI values, from data/rules/units.csv and data/rules/unit_from_name.csv.
import { compileRulePattern, readDataTable } from "./data-tables.ts";

const unitRows = readDataTable("rules/units.csv");
const CANONICAL = new Map(unitRows.map((row) => [row.unit!, row.canonical!]));

/** Regex alternation of every known unit, longest first so 市町 wins over 市. */
export const UNIT_PATTERN = [...CANONICAL.keys()]
  .sort((a, b) => b.length - a.length)
  .map((unit) => unit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
  .join("|");

export function canonicalUnit(unit: string): string {
  return CANONICAL.get(unit) ?? unit;
}

const NAME_RULES = readDataTable("rules/unit_from_name.csv").map((row, i) => ({
  pattern: compileRulePattern(row.pattern!, "data/rules/unit_from_name.csv", i),
  unit: row.unit!,
}));

/** The unit a KPI name implies (`…人数` → 人, `…（件）` → 件), or null. */
export function unitFromName(kpiName: string): string | null {
  for (const rule of NAME_RULES) if (rule.pattern.test(kpiName)) return rule.unit;
  return null;
}
