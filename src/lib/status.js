// The groups of assessment statuses (kpi_assessments.status, decided by loaders/analyze/sql/01_macros.sql) that the
// pages and the build count and show alike: complete-period results, those short of their target, those still in
// their period, and those that owe an explanation. Their Japanese labels are in labels.js. Pure JavaScript, so that
// the build (loaders/publish/site/program-pages.ts through list-programs.js) and the pages read statuses alike.

/** A period over and judged on achievement: met, a shortfall, or below the threshold. */
export const ASSESSED = new Set(["met", "shortfall", "below_threshold"]);

/** A period over and its target not met (未達・基準未満). */
export const SHORT_OF_TARGET = new Set(["shortfall", "below_threshold"]);

/** A period still running, judged on pace. */
export const IN_PROGRESS = new Set(["on_pace", "behind_pace"]);

/** A result short of its target, or no result: where a document owes an explanation. */
export const OWES_EXPLANATION = new Set(["shortfall", "below_threshold", "behind_pace", "no_actual"]);

/** Whether an assessment is judged on pace (its period still running) rather than on achievement. */
export function isInProgress(status) {
  return IN_PROGRESS.has(status);
}

/** The ratio an assessment is judged on: pace for a period still running, else achievement. */
export function judgedRatio(a) {
  return isInProgress(a.status) ? a.pace : a.achievement;
}
