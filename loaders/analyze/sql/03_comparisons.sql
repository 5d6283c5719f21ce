-- Comparisons over kpi_assessments: by prefecture and body, output against outcome, cost per outcome, series.

-- The figures of a group of assessments; every share comes with the count it is a share of.
CREATE OR REPLACE TEMP TABLE group_summary AS
SELECT
  prefecture_code, prefecture,
  CASE WHEN grouping(body) = 0 THEN body END AS body,
  CASE WHEN grouping(body) = 0 THEN body_level END AS body_level,
  CASE WHEN grouping(kpi_kind) = 0 THEN kpi_kind ELSE 'all' END AS kpi_kind,
  CASE WHEN grouping(kpi_topic) = 0 THEN kpi_topic ELSE 'all' END AS kpi_topic,
  count(*) AS n_kpis,
  count(*) FILTER (status IN ('met', 'shortfall', 'below_threshold')) AS n_assessed,
  count(*) FILTER (status = 'met') AS n_met,
  n_met / nullif(n_assessed, 0) AS share_met,
  count(*) FILTER (status = 'shortfall') AS n_shortfall,
  count(*) FILTER (status = 'below_threshold') AS n_below_threshold,
  n_below_threshold / nullif(n_assessed, 0) AS share_below_threshold,
  median(achievement) FILTER (status IN ('met', 'shortfall', 'below_threshold')) AS median_achievement,
  count(*) FILTER (status IN ('on_pace', 'behind_pace')) AS n_in_progress,
  count(*) FILTER (status = 'on_pace') AS n_on_pace,
  count(*) FILTER (flagged) AS n_flagged,
  count(*) FILTER (status = 'no_actual') AS n_no_actual,
  count(*) FILTER (status = 'no_target') AS n_no_target,
  count(*) FILTER (status = 'target_zero') AS n_target_zero,
  CAST(getvariable('threshold') AS DOUBLE) AS threshold
FROM kpi_assessments
GROUP BY GROUPING SETS (
  (prefecture_code, prefecture),
  (prefecture_code, prefecture, kpi_kind),
  (prefecture_code, prefecture, kpi_topic),
  (prefecture_code, prefecture, body, body_level),
  (prefecture_code, prefecture, body, body_level, kpi_kind),
  (prefecture_code, prefecture, body, body_level, kpi_topic)
);

CREATE OR REPLACE TABLE prefecture_summary AS
SELECT * EXCLUDE (body, body_level) FROM group_summary WHERE body IS NULL;

CREATE OR REPLACE TABLE body_summary AS
SELECT * FROM group_summary WHERE body IS NOT NULL;

-- Programs with both kinds assessed in the same period: did activities reach their targets while outcomes did not?
CREATE OR REPLACE TABLE outcome_vs_output AS
WITH complete AS (
  SELECT * FROM kpi_assessments WHERE status IN ('met', 'shortfall', 'below_threshold') AND achievement IS NOT NULL
), by_program AS (
  SELECT
    prefecture_code, prefecture, body, program, period_start_fy, period_end_fy,
    max(budget_thousand_yen) AS budget_thousand_yen,
    CAST(count(*) FILTER (kpi_kind = 'output') AS INTEGER) AS output_n,
    CAST(count(*) FILTER (kpi_kind = 'output' AND status = 'met') AS INTEGER) AS output_met,
    median(achievement) FILTER (kpi_kind = 'output') AS output_median_achievement,
    CAST(count(*) FILTER (kpi_kind = 'outcome') AS INTEGER) AS outcome_n,
    CAST(count(*) FILTER (kpi_kind = 'outcome' AND status = 'met') AS INTEGER) AS outcome_met,
    median(achievement) FILTER (kpi_kind = 'outcome') AS outcome_median_achievement
  FROM complete
  GROUP BY ALL
)
SELECT
  *,
  CASE
    WHEN output_median_achievement >= 1 AND outcome_median_achievement < 1 THEN 'output_met_outcome_short'
    WHEN output_median_achievement >= 1 THEN 'both_met'
    WHEN outcome_median_achievement >= 1 THEN 'outcome_met_output_short'
    ELSE 'both_short'
  END AS pattern
FROM by_program
WHERE output_n > 0 AND outcome_n > 0;

-- Cost per person or case reached, where a program states its cost.
CREATE OR REPLACE TABLE cost_per_outcome AS
SELECT
  record_id, prefecture_code, prefecture, body, program, kpi_name, kpi_topic, unit, period_start_fy, period_end_fy,
  budget_thousand_yen, actual, budget_thousand_yen / actual AS cost_per_outcome_thousand_yen,
  actual_as_of IS NOT NULL AS is_partial,
  source_file, source_line, source_locator
FROM kpi_records
WHERE kpi_kind = 'outcome' AND budget_thousand_yen IS NOT NULL AND actual > 0;

-- The same indicator across single fiscal years, where the sources give two or more.
CREATE OR REPLACE TABLE kpi_series AS
WITH yearly AS (
  SELECT
    prefecture_code, body, program, kpi_name, unit, period_start_fy AS fiscal_year,
    any_value(prefecture) AS prefecture, any_value(kpi_kind) AS kpi_kind, any_value(kpi_topic) AS kpi_topic,
    any_value(direction) AS direction,
    arg_min(target, record_id) FILTER (target IS NOT NULL) AS target,
    -- the actual reported furthest into the year, as for assessments
    arg_max(actual, coalesce(actual_as_of, fy_end(period_end_fy))) FILTER (actual IS NOT NULL) AS actual,
    -- arg_max_null: a full-year actual has no as-of date, and arg_max would skip it for an earlier as-of one
    arg_max_null(actual_as_of, coalesce(actual_as_of, fy_end(period_end_fy))) FILTER (actual IS NOT NULL) AS actual_as_of,
    list(DISTINCT {'file': source_file, 'line': source_line, 'locator': source_locator}) AS refs
  FROM kpi_records
  WHERE period_start_fy = period_end_fy
  GROUP BY prefecture_code, body, program, kpi_name, unit, period_start_fy
)
SELECT
  prefecture_code, prefecture, body, program, kpi_name, kpi_kind, kpi_topic, direction, unit, fiscal_year,
  CAST(count(*) OVER (PARTITION BY prefecture_code, body, program, kpi_name, unit) AS INTEGER) AS n_years,
  target, actual, actual_as_of,
  achievement_ratio(direction, target, actual) AS achievement,
  format_refs(refs) AS source_refs
FROM yearly
QUALIFY n_years >= 2;

DROP TABLE group_summary;
