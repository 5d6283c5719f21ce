-- Definitions shared by the build and by `kpi flags`, which re-applies a threshold to built assessments.

-- Japanese fiscal years run April to March: FY2023 is 2023-04-01 .. 2024-03-31.
CREATE OR REPLACE MACRO fy_start(fy) AS make_date(fy, 4, 1);
CREATE OR REPLACE MACRO fy_end(fy) AS make_date(fy + 1, 3, 31);

-- Months from start_date to the end of through_date, counting a last part-month as its share of days:
-- 2023-04-01 .. 2024-12-31 is 21 months; .. 2024-12-15 is 20 + 15/31.
CREATE OR REPLACE MACRO elapsed_months(start_date, through_date) AS
  date_diff('month', start_date, through_date + 1)
  + date_diff('day', CAST(start_date + to_months(date_diff('month', start_date, through_date + 1)) AS DATE), through_date + 1)
    / date_diff('day',
                CAST(start_date + to_months(date_diff('month', start_date, through_date + 1)) AS DATE),
                CAST(start_date + to_months(date_diff('month', start_date, through_date + 1) + 1) AS DATE));

-- Achievement respects the indicator's direction (改善の向き): up → actual / target, down → target / actual.
-- Null when it cannot be a number: no target or actual, a zero target, a zero actual of a down indicator.
CREATE OR REPLACE MACRO achievement_ratio(direction, target, actual) AS CASE
  WHEN target IS NULL OR actual IS NULL OR target = 0 THEN NULL
  WHEN direction = 'down' THEN CASE WHEN actual = 0 THEN NULL ELSE target / actual END
  ELSE actual / target
END;

-- Whether the actual reaches the target, in the indicator's direction (defined where the ratio is not).
CREATE OR REPLACE MACRO reaches(direction, target, actual) AS
  CASE WHEN direction = 'down' THEN actual <= target ELSE actual >= target END;

-- Whether an indicator's figures accrue towards its whole-period target, so that reaching it early is final: counts of
-- an upward indicator, summed (flows) or held (stocks such as municipalities with a service). Rates (mean) and
-- downward indicators can still move away from the target before the period ends.
CREATE OR REPLACE MACRO accrues(direction, aggregation) AS direction = 'up' AND aggregation IN ('sum', 'latest');

-- The status of an assessment. A target already reached by figures that accrue is met, however much of the period
-- has passed (met early). Other partial periods are judged on pace, complete ones on achievement against the
-- threshold: exactly the threshold is a shortfall, not below it. A target of 100人超 (target_op gt) is met only
-- above 100.
CREATE OR REPLACE MACRO assessment_status(direction, target_op, aggregation, target, actual, prorated_target, achievement, pace, is_partial, threshold) AS CASE
  WHEN target IS NULL THEN 'no_target'
  WHEN actual IS NULL THEN 'no_actual'
  WHEN target = 0 THEN 'target_zero'
  WHEN (NOT is_partial OR accrues(direction, aggregation))
       AND coalesce(achievement >= 1, reaches(direction, target, actual)) AND NOT (target_op = 'gt' AND actual = target) THEN 'met'
  WHEN is_partial THEN CASE WHEN coalesce(pace >= 1, reaches(direction, prorated_target, actual)) THEN 'on_pace' ELSE 'behind_pace' END
  WHEN under_threshold(achievement, threshold) THEN 'below_threshold'
  ELSE 'shortfall'
END;

-- The flag rule: whether an assessment is flagged for a meeting's review, and at which threshold. Every use of the
-- threshold goes through these macros: the build's status and flag (02_assessments.sql), `kpi flags` at another
-- threshold (loaders/analyze/built.ts) and the review page's flag index (loaders/publish/site/flags.ts).

-- The rule's one comparison with the threshold: a ratio strictly under it (exactly the threshold is not under it).
CREATE OR REPLACE MACRO under_threshold(ratio, threshold) AS ratio < threshold;

-- A built status judged again at another threshold: only a complete period's shortfall depends on it.
CREATE OR REPLACE MACRO status_at(status, achievement, threshold) AS CASE
  WHEN status IN ('shortfall', 'below_threshold') THEN CASE WHEN under_threshold(achievement, threshold) THEN 'below_threshold' ELSE 'shortfall' END
  ELSE status
END;

-- Flagged for a meeting's review: under the threshold, or, mid-period, on a pace under it.
CREATE OR REPLACE MACRO is_flagged(status, pace, threshold) AS
  status = 'below_threshold' OR (status = 'behind_pace' AND under_threshold(pace, threshold));

-- A built assessment flagged at another threshold than the build's: its status judged again there, then flagged.
CREATE OR REPLACE MACRO flagged_at(status, achievement, pace, threshold) AS
  is_flagged(status_at(status, achievement, threshold), pace, threshold);

-- The status a flagged assessment shows, the same at every threshold that flags it: behind pace while its period
-- runs, below the threshold once it is over. Meaningful only for a row that flagged_at flags.
CREATE OR REPLACE MACRO flagged_status(status) AS CASE WHEN status = 'behind_pace' THEN status ELSE 'below_threshold' END;

-- The lowest step k of the review page's threshold slider (threshold k / 100, k = 0..100) that flags a built
-- assessment, null when none does: the page flags the row at step k when flagged_from <= k, comparing no ratio.
CREATE OR REPLACE MACRO flagged_from(status, achievement, pace) AS
  list_position(list_transform(range(101), lambda k: flagged_at(status, achievement, pace, k / 100)), true) - 1;

-- A list of {file, line, locator} as text, in order: `file:line`, with the place inside the file when it has one
-- (`report.pdf:45 (p.3 l.12)`), separated by '; '.
CREATE OR REPLACE MACRO format_refs(refs) AS
  array_to_string(list_transform(list_sort(refs), lambda x: x.file || ':' || x.line || coalesce(' (' || x.locator || ')', '')), '; ');

-- What a page or list shows as the document's reason: its own explanation, or that it gives none.
CREATE OR REPLACE MACRO reason_text(note) AS coalesce(note, '理由の記載なし');

-- Groups smaller than this are shown but never ranked or compared by their shares.
CREATE OR REPLACE MACRO min_ranked_n() AS 5;

-- The Wilson score interval of a share k / n at 95% (z = 1.959964): never outside 0..1, sensible for k = 0 or k = n.
CREATE OR REPLACE MACRO wilson_low(k, n) AS CASE WHEN n > 0 THEN
  ((k / n) + 1.959964 ^ 2 / (2 * n) - 1.959964 * sqrt((k / n) * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n ^ 2))) / (1 + 1.959964 ^ 2 / n)
END;
CREATE OR REPLACE MACRO wilson_high(k, n) AS CASE WHEN n > 0 THEN
  ((k / n) + 1.959964 ^ 2 / (2 * n) + 1.959964 * sqrt((k / n) * (1 - k / n) / n + 1.959964 ^ 2 / (4 * n ^ 2))) / (1 + 1.959964 ^ 2 / n)
END;
