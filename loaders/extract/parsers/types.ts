// What every layout parser returns, and the factory of its drafts.
import type { BodyInfo } from "../bodies.ts";
import type { Period } from "../fiscal.ts";
import type { DocumentKind, SupportTarget, TargetOp } from "../schema.ts";
import type { SourceDoc } from "../source.ts";

/** One KPI statement found by a parser, before classification and validation. */
export interface Draft {
  /** 1-based line that states the value(s). */
  line: number;
  body: BodyInfo;
  program: string;
  budget_thousand_yen: number | null;
  support_target: SupportTarget;
  kpi_name: string;
  /** Unit read from the value; the name decides when null. */
  unit: string | null;
  period: Period;
  target: number | null;
  target_op: TargetOp | null;
  actual: number | null;
  actual_as_of: string | null;
  note: string | null;
  /** A cell's locator when the figures stand in one cell of a table row (実施状況!C12); else the line's. */
  locator?: string | null;
  /** The document gives the target, or the actual, as approximate (約, 概ね, 程度). */
  target_approximate?: boolean;
  actual_approximate?: boolean;
}

/** What places a draft: the line, the body and program, the indicator and the period; every other field has a default. */
export type DraftFields = Pick<Draft, "line" | "body" | "program" | "kpi_name" | "period"> & Partial<Draft>;

/**
 * A draft from the fields that vary: no budget, an unspecified support target, no unit (the name decides), no
 * target, actual, as-of date or note, unless given.
 */
export function draft(fields: DraftFields): Draft {
  return {
    budget_thousand_yen: null,
    support_target: "unspecified",
    unit: null,
    target: null,
    target_op: null,
    actual: null,
    actual_as_of: null,
    note: null,
    ...fields,
  };
}

export interface LineIssue {
  line: number;
  reason: string;
}

export interface ParseResult {
  drafts: Draft[];
  /** Lines the parser read as part of a KPI statement or its context (notes, headings): not reported. */
  accounted: Map<number, string>;
  /** KPI-like lines the parser deliberately left without a record, with the reason. */
  skipped: LineIssue[];
  /** Statements the parser recognized but could not read. */
  errors: LineIssue[];
}

export interface Parser {
  kind: DocumentKind;
  /** Recorded in each record's `extraction` column. */
  name: string;
  /** How strongly a document looks like this layout (0 = not at all). */
  score(doc: SourceDoc): number;
  parse(doc: SourceDoc): ParseResult;
}

/** A result with nothing read yet. */
export function emptyResult(): ParseResult {
  return { drafts: [], accounted: new Map(), skipped: [], errors: [] };
}
