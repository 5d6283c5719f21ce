// The layout writers of the synthetic corpus, one per document_kind.
import { caseStudyWriter } from "./case-study.ts";
import { kpiPlanWriter } from "./kpi-plan.ts";
import { platformPlanWriter } from "./platform-plan.ts";
import { platformStatusWriter } from "./platform-status.ts";
import { statusReportWriter } from "./status-report.ts";
import type { LayoutWriter } from "../types.ts";

export const WRITERS: readonly LayoutWriter[] = [statusReportWriter, caseStudyWriter, kpiPlanWriter, platformPlanWriter, platformStatusWriter];
