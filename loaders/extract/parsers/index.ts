// The layout parsers, one per document_kind.
import { caseStudyParser } from "./case-study.ts";
import { kpiPlanParser } from "./kpi-plan.ts";
import { platformPlanParser } from "./platform-plan.ts";
import { platformStatusParser } from "./platform-status.ts";
import { statusReportParser } from "./status-report.ts";
import type { Parser } from "./types.ts";
import type { SourceDoc } from "../source.ts";

export const PARSERS: readonly Parser[] = [statusReportParser, caseStudyParser, kpiPlanParser, platformPlanParser, platformStatusParser];

/** The parser whose layout the document matches best, or null when none recognizes it. */
export function chooseParser(doc: SourceDoc): Parser | null {
  let best: Parser | null = null;
  let bestScore = 0;
  for (const parser of PARSERS) {
    const score = parser.score(doc);
    if (score > bestScore) {
      best = parser;
      bestScore = score;
    }
  }
  return best;
}
