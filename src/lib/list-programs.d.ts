// Types of list-programs.js for the TypeScript that imports it (loaders/publish/site/program-pages.ts, tests).
/** A program of the list (事業一覧). */
export interface ProgramListRow {
  id: string;
  prefecture_code: string;
  prefecture: string;
  body: string;
  program: string;
  kpis: string[];
  budget_thousand_yen: number | null;
  support_target: string | null;
  n_assessments: number;
  n_assessed: number;
  n_met: number;
  n_short: number;
  n_in_progress: number;
  n_flagged: number;
}
export function listPrograms(records: readonly Record<string, unknown>[], assessments: readonly Record<string, unknown>[]): ProgramListRow[];
