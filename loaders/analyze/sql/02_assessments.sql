-- kpi_assessments: each target paired with the actuals of its indicator and period; each uncovered actual on its own.
-- Inputs: kpi_records, indicator_rules (aggregation per indicator), source_registry (data/sources/sources.csv with
-- each document's date), variable threshold.
-- An indicator is (prefecture_code, body, program, kpi_name, unit): targets and actuals pair only within one.

-- Each source document that gave records, named and dated as the registry has it; coverage unknown when it is not
-- listed there.
CREATE OR REPLACE TABLE sources AS
SELECT
  k.source_file, r.title, r.publisher, r.prefectures, r.url, r.written_on, r.written_on_basis, k.document_kind,
  coalesce(r.coverage, 'unknown') AS coverage, k.n_records
FROM (
  SELECT source_file, min(document_kind) AS document_kind, CAST(count(*) AS INTEGER) AS n_records
  FROM kpi_records GROUP BY source_file
) k
LEFT JOIN source_registry r USING (source_file);

-- Every reported actual, with the date up to which it counts and the months it covers.
CREATE OR REPLACE TEMP TABLE observations AS
SELECT
  record_id, source_file, source_line, source_locator, prefecture_code, body, program, kpi_name, unit,
  period_start_fy, period_end_fy, actual, actual_as_of, note, actual_approximate, needs_review,
  coalesce(actual_as_of, fy_end(period_end_fy)) AS through_date,
  elapsed_months(fy_start(period_start_fy), coalesce(actual_as_of, fy_end(period_end_fy))) AS months_covered
FROM kpi_records
WHERE actual IS NOT NULL;

-- One actual per indicator and period when several documents report it: the one reported furthest, then by id.
CREATE OR REPLACE TEMP TABLE best_observations AS
SELECT * FROM observations
QUALIFY row_number() OVER (
  PARTITION BY prefecture_code, body, program, kpi_name, unit, period_start_fy, period_end_fy
  ORDER BY through_date DESC, record_id
) = 1;

-- The actuals each target is judged on: those inside its period that no other actual inside it contains. An actual
-- for exactly the target's period wins over everything; a two-year actual wins over the single years it spans.
CREATE OR REPLACE TEMP TABLE target_observations AS
WITH candidates AS (
  SELECT t.record_id AS target_id, o.*
  FROM kpi_records t
  JOIN best_observations o
    ON o.prefecture_code = t.prefecture_code AND o.body = t.body AND o.program = t.program
   AND o.kpi_name = t.kpi_name AND o.unit = t.unit
   AND o.period_start_fy >= t.period_start_fy AND o.period_end_fy <= t.period_end_fy
  WHERE t.target IS NOT NULL
)
SELECT * FROM candidates c
WHERE NOT EXISTS (
  SELECT 1 FROM candidates wider
  WHERE wider.target_id = c.target_id
    AND wider.period_start_fy <= c.period_start_fy AND wider.period_end_fy >= c.period_end_fy
    AND (wider.period_start_fy, wider.period_end_fy) <> (c.period_start_fy, c.period_end_fy)
);

-- The actuals of each target combined by its indicator's aggregation. Most targets have one actual, which stands
-- as it is; only targets with several go through the ordered aggregates, the costly part at national scale.
CREATE OR REPLACE TEMP TABLE target_actuals AS
WITH joined AS (
  SELECT
    o.*, r.aggregation,
    CASE WHEN o.period_start_fy = o.period_end_fy THEN 'FY' || o.period_start_fy ELSE 'FY' || o.period_start_fy || '–' || o.period_end_fy END
      || ': ' || format('{:.15g}', o.actual)
      || coalesce(' (as of ' || strftime(o.actual_as_of, '%Y-%m-%d') || ')', '') AS breakdown,
    count(*) OVER (PARTITION BY o.target_id) AS n_actuals
  FROM target_observations o
  JOIN indicator_rules r
    ON r.prefecture_code = o.prefecture_code AND r.body = o.body AND r.program = o.program
   AND r.kpi_name = o.kpi_name AND r.unit = o.unit
)
SELECT
  target_id, aggregation, actual, breakdown AS actual_breakdown, n_actuals AS years_reported,
  through_date AS actual_through, months_covered AS months_summed, record_id AS actual_record_ids,
  note AS actual_notes, actual_approximate, needs_review AS actuals_need_review,
  [{'file': source_file, 'line': source_line, 'locator': source_locator}] AS refs
FROM joined
WHERE n_actuals = 1
UNION ALL
SELECT
  target_id,
  aggregation,
  CASE aggregation
    WHEN 'sum' THEN sum(actual)
    WHEN 'latest' THEN arg_max(actual, through_date)
    ELSE avg(actual)
  END AS actual,
  string_agg(breakdown, '; ' ORDER BY period_start_fy, period_end_fy) AS actual_breakdown,
  count(*) AS years_reported,
  max(through_date) AS actual_through,
  sum(months_covered) AS months_summed,
  string_agg(record_id, ';' ORDER BY period_start_fy, period_end_fy) AS actual_record_ids,
  string_agg(DISTINCT note, ' / ' ORDER BY note) AS actual_notes,
  bool_or(actual_approximate) AS actual_approximate,
  bool_or(needs_review) AS actuals_need_review,
  list(DISTINCT {'file': source_file, 'line': source_line, 'locator': source_locator}) AS refs
FROM joined
WHERE n_actuals > 1
GROUP BY target_id, aggregation;

-- Targets: how much of the period the actuals cover, and the target pro-rated to it.
CREATE OR REPLACE TEMP TABLE target_assessments AS
WITH covered AS (
  SELECT
    t.* EXCLUDE (actual_approximate),
    r.aggregation, r.aggregation_rule,
    a.actual AS combined_actual, a.actual_breakdown, coalesce(a.years_reported, 0) AS years_reported,
    a.actual_through, a.actual_record_ids, a.actual_notes, a.refs,
    coalesce(a.actual_approximate, false) AS actual_approximate,
    t.needs_review OR coalesce(a.actuals_need_review, false) AS any_needs_review,
    12 * (t.period_end_fy - t.period_start_fy + 1) AS months_in_period,
    CASE
      WHEN a.target_id IS NULL THEN NULL
      -- a flow counts only the months its figures cover, so a missing year is not read as a zero
      WHEN r.aggregation = 'sum' THEN least(a.months_summed, 12 * (t.period_end_fy - t.period_start_fy + 1))
      ELSE elapsed_months(fy_start(t.period_start_fy), a.actual_through)
    END AS months_elapsed
  FROM kpi_records t
  JOIN indicator_rules r USING (prefecture_code, body, program, kpi_name, unit)
  LEFT JOIN target_actuals a ON a.target_id = t.record_id
  WHERE t.target IS NOT NULL
), paced AS (
  SELECT
    *,
    coalesce(months_elapsed < months_in_period, false) AS is_partial,
    CASE
      WHEN combined_actual IS NULL THEN NULL
      -- counts of an upward indicator accrue over the period; a rate or a downward level does not
      WHEN months_elapsed < months_in_period AND direction = 'up' AND aggregation IN ('sum', 'latest')
        THEN target * months_elapsed / months_in_period
      ELSE target
    END AS prorated_target
  FROM covered
)
SELECT
  *,
  achievement_ratio(direction, target, combined_actual) AS achievement,
  CASE WHEN is_partial THEN achievement_ratio(direction, prorated_target, combined_actual) END AS pace
FROM paced;

-- Actuals that no target of their indicator covers, once per indicator and period.
CREATE OR REPLACE TEMP TABLE untargeted AS
SELECT r.*, ir.aggregation, ir.aggregation_rule
FROM best_observations o
JOIN kpi_records r USING (record_id)
JOIN indicator_rules ir
  ON ir.prefecture_code = r.prefecture_code AND ir.body = r.body AND ir.program = r.program
 AND ir.kpi_name = r.kpi_name AND ir.unit = r.unit
WHERE r.target IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM kpi_records t
    WHERE t.target IS NOT NULL
      AND t.prefecture_code = r.prefecture_code AND t.body = r.body AND t.program = r.program
      AND t.kpi_name = r.kpi_name AND t.unit = r.unit
      AND r.period_start_fy >= t.period_start_fy AND r.period_end_fy <= t.period_end_fy
  );

CREATE OR REPLACE TABLE kpi_assessments AS
WITH combined AS (
  SELECT
    record_id, prefecture, prefecture_code, body, body_code, body_level, program, support_target,
    budget_thousand_yen, document_kind, kpi_name, kpi_kind, kpi_topic, direction, unit,
    aggregation, aggregation_rule, period_start_fy, period_end_fy, target, target_op,
    target_approximate,
    combined_actual AS actual, actual_approximate, actual_breakdown, years_reported, actual_through,
    months_in_period, months_elapsed, is_partial, prorated_target, achievement, pace,
    coalesce(note, actual_notes) AS note, source_file, source_line, source_locator,
    list_distinct(list_append(coalesce(refs, []), {'file': source_file, 'line': source_line, 'locator': source_locator})) AS refs,
    actual_record_ids, any_needs_review AS needs_review, parent_record_id
  FROM target_assessments
  UNION ALL
  SELECT
    record_id, prefecture, prefecture_code, body, body_code, body_level, program, support_target,
    budget_thousand_yen, document_kind, kpi_name, kpi_kind, kpi_topic, direction, unit,
    aggregation, aggregation_rule, period_start_fy, period_end_fy, NULL, NULL, false,
    actual, actual_approximate, NULL, 1, coalesce(actual_as_of, fy_end(period_end_fy)),
    12 * (period_end_fy - period_start_fy + 1),
    elapsed_months(fy_start(period_start_fy), coalesce(actual_as_of, fy_end(period_end_fy))),
    actual_as_of IS NOT NULL, NULL, NULL, NULL,
    note, source_file, source_line, source_locator,
    [{'file': source_file, 'line': source_line, 'locator': source_locator}], record_id, needs_review, parent_record_id
  FROM untargeted
), judged AS (
  SELECT
    *,
    assessment_status(direction, target_op, aggregation, target, actual, prorated_target, achievement, pace, is_partial, getvariable('threshold')) AS status
  FROM combined
)
SELECT
  j.record_id, j.prefecture, j.prefecture_code, j.body, j.body_code, j.body_level, j.program, j.support_target,
  j.budget_thousand_yen, j.document_kind, coalesce(s.coverage, 'unknown') AS coverage, j.kpi_name, j.kpi_kind, j.kpi_topic,
  j.direction, j.unit, j.aggregation, j.aggregation_rule, j.period_start_fy, j.period_end_fy, j.target, j.target_op,
  j.target_approximate, j.actual, j.actual_approximate, j.actual_breakdown, CAST(j.years_reported AS INTEGER) AS years_reported,
  j.actual_through, CAST(j.months_in_period AS INTEGER) AS months_in_period, j.months_elapsed, j.is_partial,
  j.prorated_target, j.achievement, j.pace, j.status,
  j.status = 'met' AND j.is_partial AS met_early,
  CASE WHEN j.status = 'met' THEN j.actual_through END AS met_on,
  CAST(getvariable('threshold') AS DOUBLE) AS threshold,
  is_flagged(j.status, j.pace, getvariable('threshold')) AS flagged,
  j.note, reason_text(j.note) AS reason, j.source_file, j.source_line, j.source_locator,
  format_refs(j.refs) AS source_refs,
  j.actual_record_ids, j.needs_review, j.parent_record_id
FROM judged j
LEFT JOIN sources s ON s.source_file = j.source_file;

-- The steps above are done with: their memory goes back before the next tables are built.
DROP TABLE observations;
DROP TABLE best_observations;
DROP TABLE target_observations;
DROP TABLE target_actuals;
DROP TABLE target_assessments;
DROP TABLE untargeted;

CREATE OR REPLACE TABLE flags AS
SELECT * FROM kpi_assessments WHERE flagged;
