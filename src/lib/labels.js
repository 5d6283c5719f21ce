// The Japanese labels of the data's coded values: the one home of these words, for the pages (through
// src/components/format.js, which re-exports them) and for the Excel CSVs the extract writer makes
// (loaders/publish/extracts/excel.ts). A plain module with no imports, so that both the browser and Node can load it.

/** Assessment status (kpi_assessments.status). */
export const STATUS_LABELS = {
  met: "達成",
  shortfall: "未達",
  below_threshold: "基準未満",
  on_pace: "順調（期間途中）",
  behind_pace: "遅れ（期間途中）",
  no_actual: "実績なし",
  no_target: "目標なし",
  target_zero: "目標ゼロ",
};

/** KPI kind (kpi_kind); all is the summaries' row of every kind. */
export const KIND_LABELS = {outcome: "成果", output: "活動", all: "全体"};

/** KPI topic (kpi_topic); all is the summaries' row of every topic. */
export const TOPIC_LABELS = {
  employment: "就職",
  regular_employment: "正規雇用",
  social_participation: "社会参加",
  consultation: "相談",
  participation: "参加",
  employer: "企業",
  training: "訓練",
  outreach: "アウトリーチ・周知",
  other: "その他",
  all: "全体",
};

/** Support target group (support_target). */
export const SUPPORT_TARGET_LABELS = {
  unstable_employment: "不安定な就労状態にある方",
  long_term_unemployed: "長期にわたり無業の状態にある方",
  social_participation: "社会参加に向けた支援を必要とする方",
  cross_cutting: "横断的な支援",
  unspecified: "区分なし",
};

/** Kind of implementing body (body_level). */
export const BODY_LEVEL_LABELS = {
  prefecture: "都道府県",
  designated_city: "政令指定都市",
  municipality: "市町村",
  national_agency: "国の機関",
  platform: "プラットフォーム",
  other: "その他",
};

/** What a source document covers (sources.coverage and the tables that carry it). */
export const COVERAGE_LABELS = {
  full_report: "全事業の実施状況",
  showcase: "取組事例（抜粋）",
  plan: "計画（目標のみ）",
  unknown: "不明",
};

/** Layout of a source document (document_kind). */
export const DOCUMENT_KIND_LABELS = {
  grant_status_report: "交付金事業の実施状況",
  grant_case_study: "交付金事業の取組事例",
  grant_kpi_plan: "交付金事業の KPI 計画",
  platform_plan: "プラットフォーム事業実施計画",
  platform_kpi_status: "プラットフォームの KPI 達成状況",
  other: "その他の資料（汎用読取）",
};

/** Which way is better (direction). */
export const DIRECTION_LABELS = {up: "大きいほど良い", down: "小さいほど良い"};

/** How a target's condition (target_op) reads after its figure: 以上 (gte), 超 (gt), nothing for eq. */
export const TARGET_OP_LABELS = {gte: "以上", gt: "超", eq: ""};

/** target_op as a value of its own, where an empty eq would read as a missing value (the Excel CSVs). */
export const TARGET_OP_NAMES = {gte: "以上", gt: "超", eq: "ちょうど（条件なし）"};

/** Where actual_as_of comes from (actual_as_of_basis). */
export const AS_OF_BASIS_LABELS = {stated: "資料に記載", written_on: "資料の作成時点"};

/** How a multi-year period's annual actuals combine (aggregation). */
export const AGGREGATION_LABELS = {sum: "合計", latest: "最新の値", mean: "平均"};

/** outcome_vs_output.pattern. */
export const PATTERN_LABELS = {
  output_met_outcome_short: "活動は達成・成果は未達",
  both_met: "活動・成果とも達成",
  both_short: "活動・成果とも未達",
  outcome_met_output_short: "成果は達成・活動は未達",
};

/** Where a source's written_on comes from (sources.written_on_basis). */
export const WRITTEN_ON_BASIS_LABELS = {registry: "出典一覧（sources.csv）", document: "資料の記載から"};

/** A boolean column's values. */
export const BOOLEAN_LABELS = {true: "はい", false: "いいえ"};

/** The label map of each coded column of the published tables, by column name (every value a column allows). */
export const VALUE_LABELS = {
  status: STATUS_LABELS,
  kpi_kind: KIND_LABELS,
  kpi_topic: TOPIC_LABELS,
  support_target: SUPPORT_TARGET_LABELS,
  body_level: BODY_LEVEL_LABELS,
  coverage: COVERAGE_LABELS,
  document_kind: DOCUMENT_KIND_LABELS,
  direction: DIRECTION_LABELS,
  target_op: TARGET_OP_NAMES,
  actual_as_of_basis: AS_OF_BASIS_LABELS,
  aggregation: AGGREGATION_LABELS,
  pattern: PATTERN_LABELS,
  written_on_basis: WRITTEN_ON_BASIS_LABELS,
};

/**
 * The columns that hold a ratio (1 is 100%): achievement, pace, shares and their intervals, medians and pools of
 * achievement, and the threshold. The Excel CSVs show them as percentages with one decimal (0.142857… → 14.3%),
 * as the pages do (formatPercent).
 */
export const RATIO_COLUMNS = [
  "achievement",
  "pace",
  "threshold",
  "share_met",
  "share_met_low",
  "share_met_high",
  "share_below_threshold",
  "median_achievement",
  "pooled_achievement",
  "outcome_median_achievement",
  "outcome_pooled_achievement",
  "output_median_achievement",
];
