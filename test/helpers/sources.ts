// Loads the real source documents for parser tests.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadSource, type SourceDoc } from "../../loaders/extract/source.ts";
import { completeRecord } from "../../loaders/extract/drafts.ts";
import type { Parser } from "../../loaders/extract/parsers/types.ts";
import type { KpiRecord } from "../../loaders/extract/schema.ts";

export const SOURCES_DIR = fileURLToPath(new URL("../../data/sources/", import.meta.url));

export const FILES = {
  statusReport: "000_784b4eb4b4837a87.txt",
  caseStudy: "001_ce08e7e18cc8b014.txt",
  kpiPlan: "002_b74bdf45c0ce0c4b.txt",
  platformPlan: "003_c503b1df63962203.txt",
  platformStatus: "004_4ad8838386d70738.txt",
} as const;

export function loadRealSource(file: string): SourceDoc {
  return loadSource(file, readFileSync(SOURCES_DIR + file));
}

/** A document made from inline text, for layout variants the real files do not show. */
export function docFromText(text: string, file = "synthetic.txt"): SourceDoc {
  return loadSource(file, new TextEncoder().encode(text));
}

/** Parses a document and completes its records, as the pipeline does. */
export function parseToRecords(parser: Parser, doc: SourceDoc): KpiRecord[] {
  return parser.parse(doc).drafts.map((d) => completeRecord(d, doc, parser.kind, parser.name));
}
