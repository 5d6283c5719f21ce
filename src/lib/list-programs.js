// The list of programs (事業一覧): one row per program of the records with its KPIs, counts of its assessments by
// status, and its budget. Pure JavaScript: the build (loaders/publish/site/program-pages.ts) makes data/programs.json
// with it, and the pages' list (src/components/program-list.js) reads the rows it gives.
import {idOf} from "./program-id.js";
import {ASSESSED, IN_PROGRESS, SHORT_OF_TARGET} from "./status.js";

/** A new program's row, from its first record. */
function programRow(id, r) {
  return {id, prefecture_code: r.prefecture_code, prefecture: r.prefecture, body: r.body, program: r.program, kpis: [], budget_thousand_yen: null, support_target: r.support_target, n_assessments: 0, n_assessed: 0, n_met: 0, n_short: 0, n_in_progress: 0, n_flagged: 0};
}

/**
 * One row per program (prefecture, body, program) of the records, in prefecture-code order: its KPIs (distinct
 * names), assessments, how many were assessed over a complete period, met, short of their target (未達・基準未満),
 * still in their period and flagged, and its stated budget.
 */
export function listPrograms(records, assessments) {
  const programs = new Map();
  for (const r of records) {
    const id = idOf(r);
    let p = programs.get(id);
    if (!p) programs.set(id, (p = programRow(id, r)));
    if (!p.kpis.includes(r.kpi_name)) p.kpis.push(r.kpi_name);
    if (r.budget_thousand_yen != null) p.budget_thousand_yen = Math.max(p.budget_thousand_yen ?? 0, r.budget_thousand_yen);
  }
  for (const a of assessments) {
    const p = programs.get(idOf(a));
    if (!p) continue;
    p.n_assessments++;
    if (ASSESSED.has(a.status)) p.n_assessed++;
    if (a.status === "met") p.n_met++;
    if (SHORT_OF_TARGET.has(a.status)) p.n_short++;
    if (IN_PROGRESS.has(a.status)) p.n_in_progress++;
    if (a.flagged) p.n_flagged++;
  }
  const order = (a, b) => a.prefecture_code.localeCompare(b.prefecture_code) || a.body.localeCompare(b.body, "ja") || a.program.localeCompare(b.program, "ja");
  return [...programs.values()].sort(order);
}
