// KPI kind, topic, direction and support target from the rule tables in data/rules/.
import type { Direction, KpiKind, KpiTopic, SupportTarget } from "./schema.ts";
import { compileRulePattern, readDataTable } from "./data-tables.ts";

export interface KpiClass {
  kpi_kind: KpiKind;
  kpi_topic: KpiTopic;
  direction: Direction;
}

const KPI_RULES = readDataTable("rules/kpi_rules.csv").map((row, i) => ({
  pattern: compileRulePattern(row.pattern!, "data/rules/kpi_rules.csv", i),
  exclude: row.exclude ? compileRulePattern(row.exclude, "data/rules/kpi_rules.csv", i) : null,
  kpi_kind: row.kpi_kind as KpiKind,
  kpi_topic: row.kpi_topic as KpiTopic,
  direction: row.direction as Direction,
}));

/** Names classified so far: a corpus states the same indicators over and over. */
const CLASSIFIED = new Map<string, KpiClass>();
/** Names remembered at most, so that a corpus of ever new names does not grow the map without end. */
const MAX_CLASSIFIED = 50_000;

/** Classifies an indicator by the first rule of data/rules/kpi_rules.csv its name matches. */
export function classifyKpi(kpiName: string): KpiClass {
  let kpiClass = CLASSIFIED.get(kpiName);
  if (!kpiClass) {
    kpiClass = classifyByRules(kpiName);
    if (CLASSIFIED.size >= MAX_CLASSIFIED) CLASSIFIED.clear();
    CLASSIFIED.set(kpiName, kpiClass);
  }
  return { ...kpiClass };
}

/** The class the first matching rule gives; output, other and up when none matches. */
function classifyByRules(kpiName: string): KpiClass {
  for (const rule of KPI_RULES) {
    if (rule.pattern.test(kpiName) && !rule.exclude?.test(kpiName)) {
      return { kpi_kind: rule.kpi_kind, kpi_topic: rule.kpi_topic, direction: rule.direction };
    }
  }
  return { kpi_kind: "output", kpi_topic: "other", direction: "up" };
}

const TARGET_RULES = readDataTable("rules/support_targets.csv").map((row, i) => ({
  pattern: compileRulePattern(row.pattern!, "data/rules/support_targets.csv", i),
  support_target: row.support_target as SupportTarget,
}));

/** The support target a program name or platform heading speaks of; `unspecified` when none. */
export function classifySupportTarget(text: string): SupportTarget {
  for (const rule of TARGET_RULES) if (rule.pattern.test(text)) return rule.support_target;
  return "unspecified";
}
