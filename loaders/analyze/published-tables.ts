// The published tables: names, column order, types and descriptions in English and Japanese.
// The SQL in sql/ creates them; analyze() checks each created table against its definition here, and the writers
// use these definitions for Parquet, CSV and datapackage.json.
import { COVERAGES } from "../extract/registry.ts";
import { COLUMNS, KPI_KINDS, KPI_TOPICS } from "../extract/schema.ts";

export type ColumnType = "string" | "integer" | "number" | "boolean" | "date";

export interface TableColumn {
  name: string;
  type: ColumnType;
  nullable: boolean;
  values?: readonly string[];
  description: string;
  description_ja: string;
}

export interface TableDef {
  name: string;
  title: string;
  title_ja: string;
  description: string;
  /** The description in Japanese, for the data dictionary of the site. */
  description_ja: string;
  primaryKey: readonly string[];
  /** Row order of every written file, for stable diffs; it ends with the primary key. */
  orderBy: readonly string[];
  columns: readonly TableColumn[];
}

export const STATUSES = ["met", "shortfall", "below_threshold", "on_pace", "behind_pace", "no_actual", "no_target", "target_zero"] as const;
export type Status = (typeof STATUSES)[number];
export const AGGREGATIONS = ["sum", "latest", "mean"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
/** The registry's coverages, and unknown for a source the registry (data/sources/sources.csv) does not list. */
const COVERAGE_VALUES = [...COVERAGES, "unknown"];
export const PATTERNS = ["output_met_outcome_short", "both_met", "both_short", "outcome_met_output_short"] as const;

export const DEFAULT_THRESHOLD = 0.5;

type Col = [name: string, type: ColumnType, nullable: boolean, description: string, description_ja: string, values?: readonly string[]];

function columns(list: Col[]): TableColumn[] {
  return list.map(([name, type, nullable, description, description_ja, values]) => ({ name, type, nullable, description, description_ja, ...(values ? { values } : {}) }));
}

/** A column of kpi_records, reused by the tables that carry it. */
function recordColumn(name: string): Col {
  const c = COLUMNS.find((column) => column.name === name);
  if (!c) throw new Error(`no record column ${name}`);
  return [c.name, c.type, c.nullable, c.description, c.description_ja, c.values];
}

const ALL = "all";
const KIND_OR_ALL = [ALL, ...KPI_KINDS];
const TOPIC_OR_ALL = [ALL, ...KPI_TOPICS];

const COVERAGE_COLUMN: Col = ["coverage", "string", false, "What the source document covers: full_report (every program, failures included), showcase (selected examples), plan (targets only); unknown when data/sources/sources.csv does not list it", "資料の網羅性", COVERAGE_VALUES];

const SUMMARY_COLUMNS: Col[] = [
  recordColumn("period_start_fy"),
  recordColumn("period_end_fy"),
  COVERAGE_COLUMN,
  ["kpi_kind", "string", false, "outcome or output, or all for every kind", "KPIの種類（all は全体）", KIND_OR_ALL],
  ["kpi_topic", "string", false, "Topic of the indicators, or all for every topic", "KPIの分野（all は全体）", TOPIC_OR_ALL],
  ["n_kpis", "integer", false, "Assessments in the group, whatever their status", "評価件数（全状態）"],
  ["n_assessed", "integer", false, "Assessments of a completed period with an achievement: met, shortfall or below_threshold", "達成率のある評価件数（期間終了分）"],
  ["n_met", "integer", false, "Of n_assessed, status met", "達成件数"],
  ["n_met_early", "integer", false, "Of n_met, met before the period ended", "期間途中で達成済みの件数"],
  ["share_met", "number", true, "n_met / n_assessed; null when n_assessed is 0", "達成割合"],
  ["share_met_low", "number", true, "Lower end of the Wilson 95% interval of share_met", "達成割合の95%信頼区間（下限）"],
  ["share_met_high", "number", true, "Upper end of the Wilson 95% interval of share_met", "達成割合の95%信頼区間（上限）"],
  ["n_shortfall", "integer", false, "Of n_assessed, status shortfall", "未達（基準以上）件数"],
  ["n_below_threshold", "integer", false, "Of n_assessed, status below_threshold", "基準未満件数"],
  ["share_below_threshold", "number", true, "n_below_threshold / n_assessed; null when n_assessed is 0", "基準未満の割合"],
  ["median_achievement", "number", true, "Median achievement over n_assessed", "達成率の中央値"],
  ["pooled_achievement", "number", true, "Σ actual / Σ target over n_assessed of upward indicators", "達成率（合算：実績の合計÷目標の合計）"],
  ["rankable", "boolean", false, "n_assessed is at least 5: fewer are shown but not ranked or compared by share", "順位付けの対象（評価5件以上）"],
  ["n_in_progress", "integer", false, "Assessments of a period still running: on_pace or behind_pace", "期間途中の評価件数"],
  ["n_on_pace", "integer", false, "Of n_in_progress, status on_pace", "順調件数"],
  ["n_flagged", "integer", false, "Assessments flagged for review", "要確認件数"],
  ["n_no_actual", "integer", false, "Targets with no actual reported", "実績なし件数"],
  ["n_no_target", "integer", false, "Actuals with no target", "目標なし件数"],
  ["n_target_zero", "integer", false, "Targets of zero", "目標ゼロ件数"],
  ["threshold", "number", false, "Achievement below which an assessment is flagged", "要確認とする達成率の基準"],
];

const ASSESSMENT_COLUMNS = columns([
  ["record_id", "string", false, "The record the assessment is anchored on: the target's record, or the actual's when there is no target", "評価の基となるレコードID"],
  recordColumn("prefecture"),
  recordColumn("prefecture_code"),
  recordColumn("body"),
  recordColumn("body_code"),
  recordColumn("body_level"),
  recordColumn("program"),
  recordColumn("support_target"),
  recordColumn("budget_thousand_yen"),
  recordColumn("document_kind"),
  COVERAGE_COLUMN,
  recordColumn("kpi_name"),
  recordColumn("kpi_kind"),
  recordColumn("kpi_topic"),
  recordColumn("direction"),
  recordColumn("unit"),
  ["aggregation", "string", false, "How annual actuals combine over a multi-year period: sum (flow), latest (stock) or mean (rate)", "複数年度の実績の集計方法", AGGREGATIONS],
  ["aggregation_rule", "string", false, "Which rule chose the aggregation: data/rules/aggregation.csv row, or the override's reason", "集計方法の根拠"],
  recordColumn("period_start_fy"),
  recordColumn("period_end_fy"),
  recordColumn("target"),
  recordColumn("target_op"),
  ["target_approximate", "boolean", false, "The document gives the target as approximate (約, 概ね, 程度)", "目標が概数"],
  ["actual", "number", true, "The actual for the period: one figure, or the annual figures combined by aggregation", "実績値（複数年度は集計後）"],
  ["actual_approximate", "boolean", false, "An actual used is given as approximate (約, 概ね, 程度)", "実績が概数"],
  ["actual_breakdown", "string", true, "The figures behind actual, by fiscal year, with as-of dates", "実績の内訳"],
  ["years_reported", "integer", false, "Number of actual figures used", "使用した実績の数"],
  ["actual_through", "date", true, "Date up to which the actuals are known (end of the last fiscal year reported, or its as-of date)", "実績の対象期間の終わり"],
  ["months_in_period", "integer", false, "Months in the target's period", "目標期間の月数"],
  ["months_elapsed", "number", true, "Months of the period the actuals cover", "実績が対象とする月数"],
  ["is_partial", "boolean", false, "True when the actuals cover only part of the period (a period still running, or an as-of figure)", "期間途中の実績か"],
  ["prorated_target", "number", true, "Target pro-rated to the months covered (flows and stocks of an upward indicator); the full target otherwise", "経過月数で按分した目標値"],
  ["achievement", "number", true, "actual / target (up) or target / actual (down); null without both, with a zero target, or a zero actual of a down indicator", "達成率"],
  ["pace", "number", true, "For a partial period: actual / prorated_target (up) or target / actual (down)", "進捗率（期間途中）"],
  ["status", "string", false, "met (also before the period ends, when counts that accrue already reach the whole-period target), shortfall, below_threshold (complete periods); on_pace, behind_pace (partial periods); no_actual, no_target, target_zero", "評価", STATUSES],
  ["met_early", "boolean", false, "met before the period ended: the actuals up to actual_through already reach the whole-period target", "期間途中で達成済み"],
  ["met_on", "date", true, "For a met target, the date by which the actuals show it met (actual_through)", "達成が確認された時点"],
  ["threshold", "number", false, "Achievement below which an assessment is flagged", "要確認とする達成率の基準"],
  ["flagged", "boolean", false, "below_threshold, or behind_pace with pace under the threshold", "要確認"],
  ["note", "string", true, "The document's own explanation of the result", "資料の説明"],
  ["reason", "string", false, "note, or 理由の記載なし when the document gives no explanation", "理由（資料の説明）"],
  ["source_file", "string", false, "Source file of the anchoring record", "出典ファイル"],
  ["source_line", "integer", false, "Line of the anchoring record", "出典行"],
  ["source_locator", "string", true, "Where the anchoring record's line stands inside its file (p.3 l.12, 実施状況!C12, 表2 行3); null for a text file", "出典の位置"],
  ["source_refs", "string", false, "Every file:line behind the assessment (target and actuals), with its place inside the file in parentheses when it has one (report.pdf:45 (p.3 l.12)), separated by '; '", "出典（全て）"],
  ["actual_record_ids", "string", true, "record_id of each actual used, separated by ';'", "使用した実績のレコードID"],
  ["needs_review", "boolean", false, "True when any record behind the assessment (its target or an actual used) needs review: read by a general reader and not yet confirmed by an analyst", "要確認（自動読取の値を含む）"],
  recordColumn("parent_record_id"),
]);

export const TABLES: readonly TableDef[] = [
  {
    name: "kpi_records",
    title: "KPI records",
    title_ja: "KPIレコード",
    description: "One row per indicator per period, as the source documents state it (the record contract).",
    description_ja: "指標・期間ごとに1行。資料に書かれたとおりの目標と実績で、出典のファイルと行を持ちます。",
    primaryKey: ["record_id"],
    orderBy: ["source_file", "source_line", "source_locator", "kpi_name", "period_start_fy", "period_end_fy", "record_id"],
    columns: columns(COLUMNS.map((c) => recordColumn(c.name))),
  },
  {
    name: "sources",
    title: "Source documents",
    title_ja: "出典資料",
    description: "One row per source document that gave records: its title, publisher, date and coverage from data/sources/sources.csv, and its record count.",
    description_ja: "レコードを得た出典資料ごとに1行。資料名・発行者・作成時点・資料の種類（出典一覧 data/sources/sources.csv から）と、レコード数。",
    primaryKey: ["source_file"],
    orderBy: ["source_file"],
    columns: columns([
      recordColumn("source_file"),
      ["title", "string", true, "Title of the document", "資料名"],
      ["publisher", "string", true, "Publishing body", "発行者"],
      ["prefectures", "string", true, "Prefectures the document covers, separated by '; '", "対象の都道府県"],
      ["url", "string", true, "Where the original is published, when known", "原本のURL"],
      ["written_on", "date", true, "When the document was written: the registry's date, else the latest date the document states as past", "資料の作成時点"],
      ["written_on_basis", "string", true, "registry (data/sources/sources.csv) or document (read from the text)", "作成時点の根拠", ["registry", "document"]],
      recordColumn("document_kind"),
      COVERAGE_COLUMN,
      ["n_records", "integer", false, "Records read from the document", "レコード数"],
    ]),
  },
  {
    name: "kpi_assessments",
    title: "KPI assessments",
    title_ja: "KPI評価",
    description:
      "One row per target, paired with the actuals of its indicator and period (summed, latest or averaged by the indicator's aggregation rule), and one row per actual that no target covers. Periods still running are compared with the pro-rated target (pace).",
    description_ja: "目標ごとに1行。同じ指標・同じ期間の実績と突き合わせ（複数年度は指標の集計方法により合計・最新の値・平均）、達成率と評価を求めたもの。目標のない実績も1行ずつ。期間途中の実績は、経過月数で按分した目標と比べます（進捗率）。",
    primaryKey: ["record_id"],
    orderBy: ["prefecture_code", "body", "program", "kpi_name", "period_start_fy", "period_end_fy", "record_id"],
    columns: ASSESSMENT_COLUMNS,
  },
  {
    name: "flags",
    title: "Flagged assessments",
    title_ja: "要確認のKPI",
    description: "The assessments flagged for review at the build's threshold: the columns of kpi_assessments, flagged rows only.",
    description_ja: "このビルドの基準で要確認となった評価。KPI評価（kpi_assessments）と同じ列で、要確認の行だけ。",
    primaryKey: ["record_id"],
    orderBy: ["prefecture_code", "body", "program", "kpi_name", "period_start_fy", "period_end_fy", "record_id"],
    columns: ASSESSMENT_COLUMNS,
  },
  {
    name: "prefecture_summary",
    title: "Summary by prefecture",
    title_ja: "都道府県別の集計",
    description:
      "Per prefecture, period and source coverage, overall and split by kpi_kind and by kpi_topic: assessments, share met with its Wilson 95% interval, share below threshold, median and pooled achievement, each with its count. Figures that are part of another (parent_record_id) are left out.",
    description_ja: "都道府県・期間・資料の種類ごとの集計。全体のほか、KPIの種類別・分野別の行もあります。評価件数、達成割合とその95%信頼区間（ウィルソン法）、基準未満の割合、達成率の中央値と合算を、それぞれの件数とともに。他の数値の内訳（parent_record_id のあるもの）は含めません。",
    primaryKey: ["prefecture_code", "period_start_fy", "period_end_fy", "coverage", "kpi_kind", "kpi_topic"],
    orderBy: ["prefecture_code", "period_start_fy", "period_end_fy", "coverage", "kpi_kind", "kpi_topic"],
    columns: columns([recordColumn("prefecture_code"), recordColumn("prefecture"), ...SUMMARY_COLUMNS]),
  },
  {
    name: "body_summary",
    title: "Summary by implementing body",
    title_ja: "実施主体別の集計",
    description:
      "Per implementing body, period and source coverage, overall and split by kpi_kind and by kpi_topic: the columns of prefecture_summary.",
    description_ja: "実施主体・期間・資料の種類ごとの集計。全体のほか、KPIの種類別・分野別の行もあります。列は都道府県別の集計と同じです。",
    primaryKey: ["prefecture_code", "body", "period_start_fy", "period_end_fy", "coverage", "kpi_kind", "kpi_topic"],
    orderBy: ["prefecture_code", "body", "period_start_fy", "period_end_fy", "coverage", "kpi_kind", "kpi_topic"],
    columns: columns([recordColumn("prefecture_code"), recordColumn("prefecture"), recordColumn("body"), recordColumn("body_level"), ...SUMMARY_COLUMNS]),
  },
  {
    name: "program_summary",
    title: "Summary by program",
    title_ja: "事業別の集計",
    description:
      "One row per program and period: its outcome KPIs (top-level ones, not parts of another figure) assessed, met, median achievement and pooled achievement (Σ actual / Σ target), with its output KPIs and flags counted.",
    description_ja: "事業・期間・資料の種類ごとに1行。成果KPI（内訳でないもの）の評価件数・達成件数・達成率の中央値と合算（実績の合計÷目標の合計）、活動KPIと要確認の件数。",
    primaryKey: ["prefecture_code", "body", "program", "period_start_fy", "period_end_fy", "coverage"],
    orderBy: ["prefecture_code", "body", "program", "period_start_fy", "period_end_fy", "coverage"],
    columns: columns([
      recordColumn("prefecture_code"),
      recordColumn("prefecture"),
      recordColumn("body"),
      recordColumn("program"),
      recordColumn("period_start_fy"),
      recordColumn("period_end_fy"),
      COVERAGE_COLUMN,
      recordColumn("document_kind"),
      recordColumn("budget_thousand_yen"),
      ["n_outcome_kpis", "integer", false, "Outcome KPIs of the program and period (top-level), whatever their status", "成果KPIの件数"],
      ["n_outcome_assessed", "integer", false, "Of those, with a final result: met, shortfall or below_threshold", "成果KPIのうち評価済みの件数"],
      ["n_outcome_met", "integer", false, "Of those, met", "成果KPIの達成件数"],
      ["outcome_median_achievement", "number", true, "Median achievement of the assessed outcome KPIs", "成果KPIの達成率の中央値"],
      ["outcome_pooled_achievement", "number", true, "Σ actual / Σ target of the assessed outcome KPIs of upward indicators", "成果KPIの達成率（合算）"],
      ["n_outcome_in_progress", "integer", false, "Outcome KPIs of a period still running (on_pace, behind_pace)", "成果KPIのうち期間途中の件数"],
      ["n_output_kpis", "integer", false, "Output (activity) KPIs of the program and period (top-level)", "活動KPIの件数"],
      ["n_flagged", "integer", false, "Assessments of the program and period flagged for review", "要確認件数"],
      ["outcome_source_refs", "string", true, "file:line of the outcome KPIs, separated by '; '", "成果KPIの出典"],
    ]),
  },
  {
    name: "outcome_vs_output",
    title: "Outcome against output by program",
    title_ja: "事業別の成果と活動",
    description: "Programs with assessed output and outcome KPIs in the same period: median achievement of each kind side by side, and the pattern they form.",
    description_ja: "同じ期間に活動KPIと成果KPIの両方が評価できる事業ごとに1行。それぞれの達成率の中央値を並べ、傾向（活動は達成・成果は未達など）に分けたもの。",
    primaryKey: ["prefecture_code", "body", "program", "period_start_fy", "period_end_fy"],
    orderBy: ["prefecture_code", "body", "program", "period_start_fy", "period_end_fy"],
    columns: columns([
      recordColumn("prefecture_code"),
      recordColumn("prefecture"),
      recordColumn("body"),
      recordColumn("program"),
      recordColumn("period_start_fy"),
      recordColumn("period_end_fy"),
      recordColumn("budget_thousand_yen"),
      ["output_n", "integer", false, "Assessed output (activity) KPIs", "活動KPIの件数"],
      ["output_met", "integer", false, "Of those, met", "活動KPIの達成件数"],
      ["output_median_achievement", "number", false, "Median achievement of the output KPIs", "活動KPIの達成率の中央値"],
      ["outcome_n", "integer", false, "Assessed outcome KPIs", "成果KPIの件数"],
      ["outcome_met", "integer", false, "Of those, met", "成果KPIの達成件数"],
      ["outcome_median_achievement", "number", false, "Median achievement of the outcome KPIs", "成果KPIの達成率の中央値"],
      ["pattern", "string", false, "output_met_outcome_short: activities reached their targets, outcomes did not; both_met; both_short; outcome_met_output_short", "傾向", PATTERNS],
    ]),
  },
  {
    name: "cost_per_outcome",
    title: "Cost per outcome",
    title_ja: "成果あたりの事業費",
    description:
      "One row per program and fiscal year whose grant-eligible cost (千円) is stated with a whole year's outcome of the same program: the cost per person or case. The outcome is one result, not a sum of overlapping ones: the program's broadest outcome KPI (people employed, then regular employment, then social participation; the largest count within the topic), top-level and not a part-year figure.",
    description_ja: "交付金対象事業費（千円）と同じ事業・同じ年度の成果（年度全体の実績）がある事業・年度ごとに1行。成果1人（1件）あたりの事業費。成果は重なり合う値を足さず、最も広い成果KPI一つ（就職者数、次に正規雇用、次に社会参加。同じ分野では最も大きい数。内訳や年度途中の値は使わない）を使います。",
    primaryKey: ["prefecture_code", "body", "program", "fiscal_year"],
    orderBy: ["prefecture_code", "body", "program", "fiscal_year"],
    columns: columns([
      ["record_id", "string", false, "The outcome actual's record", "レコードID"],
      recordColumn("prefecture_code"),
      recordColumn("prefecture"),
      recordColumn("body"),
      recordColumn("program"),
      ["fiscal_year", "integer", false, "Fiscal year of the outcome (Western year it starts in)", "年度"],
      COVERAGE_COLUMN,
      recordColumn("kpi_name"),
      recordColumn("kpi_topic"),
      recordColumn("unit"),
      ["budget_thousand_yen", "number", false, "Grant-eligible program cost in thousand yen", "交付金対象事業費（千円）"],
      ["actual", "number", false, "Outcome actual (greater than zero)", "成果の実績値"],
      ["cost_per_outcome_thousand_yen", "number", false, "budget_thousand_yen / actual", "成果1単位あたりの事業費（千円）"],
      ["n_outcome_kpis", "integer", false, "Whole-year outcome KPIs the program states for the year; the broadest is used", "その年度の成果KPIの件数"],
      recordColumn("source_file"),
      recordColumn("source_line"),
      recordColumn("source_locator"),
    ]),
  },
  {
    name: "kpi_series",
    title: "KPI series across fiscal years",
    title_ja: "KPIの年度推移",
    description: "Indicators that the sources report for two or more single fiscal years: one row per indicator and year, with that year's target and actual.",
    description_ja: "2つ以上の単年度について報告された指標の、年度ごとの目標と実績。指標・年度ごとに1行。",
    primaryKey: ["prefecture_code", "body", "program", "kpi_name", "unit", "fiscal_year"],
    orderBy: ["prefecture_code", "body", "program", "kpi_name", "unit", "fiscal_year"],
    columns: columns([
      recordColumn("prefecture_code"),
      recordColumn("prefecture"),
      recordColumn("body"),
      recordColumn("program"),
      recordColumn("kpi_name"),
      recordColumn("kpi_kind"),
      recordColumn("kpi_topic"),
      recordColumn("direction"),
      recordColumn("unit"),
      ["fiscal_year", "integer", false, "Fiscal year (Western year it starts in)", "年度"],
      ["n_years", "integer", false, "Fiscal years in the indicator's series", "系列の年度数"],
      recordColumn("target"),
      ["actual", "number", true, "Actual for the year", "実績値"],
      ["actual_as_of", "date", true, "As-of date when the actual covers part of the year", "実績の時点"],
      ["is_partial", "boolean", false, "The actual covers part of the year only (as of actual_as_of): not comparable with a whole year", "年度途中の実績か"],
      ["achievement", "number", true, "actual / target (up) or target / actual (down) for the year", "達成率"],
      ["source_refs", "string", false, "file:line of the year's target and actual, with the place inside the file in parentheses when it has one, separated by '; '", "出典"],
    ]),
  },
];

export function tableDef(name: string): TableDef {
  const def = TABLES.find((t) => t.name === name);
  if (!def) throw new Error(`unknown table ${name}`);
  return def;
}
