-- Comparisons over kpi_assessments: by prefecture, body and program, output against outcome, cost per outcome, series.
-- Like is compared with like: every summary row is one period (fiscal years) and one kind of document (coverage:
-- a full report lists every program, failures included; a showcase only selected examples), and a figure that is
-- part of another (うち…, parent_record_id) is left out, so that no result is counted twice.

-- The figures of a group of assessments; every share comes with the count it is a share of and its 95% interval.
CREATE OR REPLACE TEMP TABLE group_summary AS
SELECT
  prefecture_code, prefecture,
  CASE WHEN grouping(body) = 0 THEN body END AS body,
  CASE WHEN grouping(body) = 0 THEN body_level END AS body_level,
  period_start_fy, period_end_fy, coverage,
  CASE WHEN grouping(kpi_kind) = 0 THEN kpi_kind ELSE 'all' END AS kpi_kind,
  CASE WHEN grouping(kpi_topic) = 0 THEN kpi_topic ELSE 'all' END AS kpi_topic,
  count(*) AS n_kpis,
  count(*) FILTER (status IN ('met', 'shortfall', 'below_threshold')) AS n_assessed,
  count(*) FILTER (status = 'met') AS n_met,
  count(*) FILTER (met_early) AS n_met_early,
  n_met / nullif(n_assessed, 0) AS share_met,
  wilson_low(n_met, n_assessed) AS share_met_low,
  wilson_high(n_met, n_assessed) AS share_met_high,
  count(*) FILTER (status = 'shortfall') AS n_shortfall,
  count(*) FILTER (status = 'below_threshold') AS n_below_threshold,
  n_below_threshold / nullif(n_assessed, 0) AS share_below_threshold,
  median(achievement) FILTER (status IN ('met', 'shortfall', 'below_threshold')) AS median_achievement,
  sum(actual) FILTER (status IN ('met', 'shortfall', 'below_threshold') AND direction = 'up')
    / nullif(sum(target) FILTER (status IN ('met', 'shortfall', 'below_threshold') AND direction = 'up'), 0) AS pooled_achievement,
  n_assessed >= min_ranked_n() AS rankable,
  count(*) FILTER (status IN ('on_pace', 'behind_pace')) AS n_in_progress,
  count(*) FILTER (status = 'on_pace') AS n_on_pace,
  count(*) FILTER (flagged) AS n_flagged,
  count(*) FILTER (status = 'no_actual') AS n_no_actual,
  count(*) FILTER (status = 'no_target') AS n_no_target,
  count(*) FILTER (status = 'target_zero') AS n_target_zero,
  CAST(getvariable('threshold') AS DOUBLE) AS threshold
FROM kpi_assessments
WHERE parent_record_id IS NULL
GROUP BY GROUPING SETS (
  (prefecture_code, prefecture, period_start_fy, period_end_fy, coverage),
  (prefecture_code, prefecture, period_start_fy, period_end_fy, coverage, kpi_kind),
  (prefecture_code, prefecture, period_start_fy, period_end_fy, coverage, kpi_topic),
  (prefecture_code, prefecture, period_start_fy, period_end_fy, coverage, body, body_level),
  (prefecture_code, prefecture, period_start_fy, period_end_fy, coverage, body, body_level, kpi_kind),
  (prefecture_code, prefecture, period_start_fy, period_end_fy, coverage, body, body_level, kpi_topic)
);

CREATE OR REPLACE TABLE prefecture_summary AS
SELECT * EXCLUDE (body, body_level) FROM group_summary WHERE body IS NULL;

CREATE OR REPLACE TABLE body_summary AS
SELECT * FROM group_summary WHERE body IS NOT NULL;

-- One row per program and period: how its outcome KPIs (top-level ones) did.
CREATE OR REPLACE TABLE program_summary AS
SELECT
  prefecture_code, prefecture, body, program, period_start_fy, period_end_fy, coverage,
  min(document_kind) AS document_kind,
  max(budget_thousand_yen) AS budget_thousand_yen,
  CAST(count(*) FILTER (kpi_kind = 'outcome') AS INTEGER) AS n_outcome_kpis,
  CAST(count(*) FILTER (kpi_kind = 'outcome' AND status IN ('met', 'shortfall', 'below_threshold')) AS INTEGER) AS n_outcome_assessed,
  CAST(count(*) FILTER (kpi_kind = 'outcome' AND status = 'met') AS INTEGER) AS n_outcome_met,
  median(achievement) FILTER (kpi_kind = 'outcome' AND status IN ('met', 'shortfall', 'below_threshold')) AS outcome_median_achievement,
  sum(actual) FILTER (kpi_kind = 'outcome' AND status IN ('met', 'shortfall', 'below_threshold') AND direction = 'up')
    / nullif(sum(target) FILTER (kpi_kind = 'outcome' AND status IN ('met', 'shortfall', 'below_threshold') AND direction = 'up'), 0) AS outcome_pooled_achievement,
  CAST(count(*) FILTER (kpi_kind = 'outcome' AND status IN ('on_pace', 'behind_pace')) AS INTEGER) AS n_outcome_in_progress,
  CAST(count(*) FILTER (kpi_kind = 'output') AS INTEGER) AS n_output_kpis,
  CAST(count(*) FILTER (flagged) AS INTEGER) AS n_flagged,
  string_agg(source_refs, '; ' ORDER BY source_line, record_id) FILTER (kpi_kind = 'outcome') AS outcome_source_refs
FROM kpi_assessments
WHERE parent_record_id IS NULL
GROUP BY prefecture_code, prefecture, body, program, period_start_fy, period_end_fy, coverage;

-- Programs with both kinds assessed in the same period: did activities reach their targets while outcomes did not?
CREATE OR REPLACE TABLE outcome_vs_output AS
WITH complete AS (
  SELECT * FROM kpi_assessments WHERE status IN ('met', 'shortfall', 'below_threshold') AND achievement IS NOT NULL AND parent_record_id IS NULL
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

-- Cost per result, one row per program and fiscal year, only where the result and the cost match: the cost is the
-- program's stated grant-eligible cost and the actual is a whole fiscal year's result of the same program (not a
-- part-year figure, not a part of another figure). Several outcome KPIs of one program are usually nested or
-- overlapping counts of the same people, so they are not added up: the result is the broadest one, people employed
-- before regular employment before social participation, the largest count within the topic.
CREATE OR REPLACE TABLE cost_per_outcome AS
WITH results AS (
  SELECT
    *,
    CAST(count(*) OVER (PARTITION BY prefecture_code, body, program, period_start_fy) AS INTEGER) AS n_outcome_kpis
  FROM kpi_records
  WHERE kpi_kind = 'outcome' AND direction = 'up' AND budget_thousand_yen IS NOT NULL AND actual > 0
    AND period_start_fy = period_end_fy AND actual_as_of IS NULL AND parent_record_id IS NULL
)
SELECT
  r.record_id, r.prefecture_code, r.prefecture, r.body, r.program, r.period_start_fy AS fiscal_year, coalesce(s.coverage, 'unknown') AS coverage,
  r.kpi_name, r.kpi_topic, r.unit, r.budget_thousand_yen, r.actual, r.budget_thousand_yen / r.actual AS cost_per_outcome_thousand_yen,
  r.n_outcome_kpis, r.source_file, r.source_line, r.source_locator
FROM results r
LEFT JOIN sources s USING (source_file)
QUALIFY row_number() OVER (
  PARTITION BY r.prefecture_code, r.body, r.program, r.period_start_fy
  ORDER BY CASE r.kpi_topic WHEN 'employment' THEN 1 WHEN 'regular_employment' THEN 2 WHEN 'social_participation' THEN 3 ELSE 4 END,
           r.actual DESC, r.record_id
) = 1;

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
  -- a year not over when its figure was given: a part of the year, never to be read (or drawn) as the whole year
  actual_as_of IS NOT NULL AND actual_as_of < fy_end(fiscal_year) AS is_partial,
  achievement_ratio(direction, target, actual) AS achievement,
  format_refs(refs) AS source_refs
FROM yearly
QUALIFY n_years >= 2;

DROP TABLE group_summary;
