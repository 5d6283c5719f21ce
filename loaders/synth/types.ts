// What a layout writer of the synthetic corpus receives and returns.
import type { BodyInfo } from "../extract/bodies.ts";
import type { Draft } from "../extract/parsers/types.ts";
import type { DocumentKind } from "../extract/schema.ts";
import type { Rng } from "./rng.ts";

export interface LayoutContext {
  rng: Rng;
  /** The prefecture the documents belong to (level prefecture, with its local-government code). */
  prefecture: BodyInfo;
  /** The fiscal year the documents report on (Western year it starts in). */
  fiscalYear: number;
  /** Grant layouts: the bodies whose programs this layout carries this year (may include the prefecture itself). */
  bodies: BodyInfo[];
  /** Grant layouts: programs to write for each of those bodies. */
  programsPerBody: number;
}

/** One synthetic source document and the records a correct extraction finds in it. */
export interface SynthDoc {
  /** The document's lines, as they will be written (no line terminators). */
  lines: string[];
  /** One draft per record, with `line` the 1-based line that states its value(s). */
  drafts: Draft[];
  /** For a figure that is part of another (うち…, …のうち…), its draft → the draft of the whole; none when absent. */
  parents?: Map<Draft, Draft>;
  /** Lines whose figures restate a neighbouring row's under another body: no records, a duplicate in the report. */
  restated?: number[];
  /** Line terminator; "\n" unless the writer wants another (some PDF exports give "\r\n"). */
  eol?: "\n" | "\r\n";
}

export interface LayoutWriter {
  kind: DocumentKind;
  /** Grant layouts get bodies; platform layouts write one prefecture's platform documents. */
  scope: "grant" | "platform";
  /** Documents for one prefecture and year; several when the layout holds one program a document. */
  write(context: LayoutContext): SynthDoc[];
}
