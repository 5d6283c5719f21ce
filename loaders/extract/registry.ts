// The source registry: data/sources/sources.csv, one row per source document — its title, publisher, prefectures,
// address, when it was written, its kind, and how much of the programs it covers. A directory without one (a test's
// fixture directory, a synthetic corpus) has an empty registry.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { DOCUMENT_KINDS, type DocumentKind } from "./schema.ts";

export const REGISTRY_FILE = "sources.csv";

/**
 * How much of the programs a document covers: full_report (every program, failures included), showcase (selected
 * examples), plan (targets only, no actuals).
 */
export const COVERAGES = ["full_report", "showcase", "plan"] as const;
export type Coverage = (typeof COVERAGES)[number];

const COLUMNS = ["file", "title", "publisher", "prefectures", "url", "written_on", "document_kind", "coverage", "note"] as const;

export interface SourceEntry {
  file: string;
  title: string;
  publisher: string;
  prefectures: string[];
  url: string | null;
  /** ISO date an analyst gives for when the document was written; it wins over the date read from the document. */
  written_on: string | null;
  /** The layout the document is parsed as (docs/kpi-record.md); the parser that recognizes it decides, this records it. */
  document_kind: DocumentKind | null;
  coverage: Coverage | null;
  note: string;
}

export class RegistryError extends Error {}

/** The registry's entries by file name; an empty map when the directory has no sources.csv. */
export type SourceRegistry = ReadonlyMap<string, SourceEntry>;

const cache = new Map<string, { stamp: string; registry: SourceRegistry }>();

/**
 * Reads `sources.csv` of a sources directory, once per directory (again when the file changes). Throws a
 * RegistryError naming `sources.csv:LINE` for a row with an unknown coverage or document_kind, a date that is not a
 * real YYYY-MM-DD, a file listed twice, an empty file name or a missing column.
 */
export function readSourceRegistry(sourcesDir: string): SourceRegistry {
  const path = join(sourcesDir, REGISTRY_FILE);
  let stamp: string;
  try {
    const stats = statSync(path);
    stamp = `${stats.mtimeMs}:${stats.size}`;
  } catch {
    return new Map();
  }
  const cached = cache.get(path);
  if (cached?.stamp === stamp) return cached.registry;
  const registry = parseRegistry(readFileSync(path));
  cache.set(path, { stamp, registry });
  return registry;
}

/** Parses the text of a sources.csv (comment lines start with #); errors name `sources.csv:LINE`. */
export function parseRegistry(bytes: Uint8Array | string): SourceRegistry {
  const where = (line: number) => `${REGISTRY_FILE}:${line}`;
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parse(bytes, { columns: true, skip_empty_lines: true, trim: true, bom: true, comment: "#", comment_no_infix: true, info: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new RegistryError(`${where(line ?? 0)}: malformed CSV: ${(error as Error).message}`);
  }
  const registry = new Map<string, SourceEntry>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const fail = (problem: string): never => {
      throw new RegistryError(`${where(line)}: ${problem}`);
    };
    for (const column of COLUMNS) if (!(column in record)) fail(`no column ${column}`);
    const file = record.file!;
    if (!file) fail("file is empty");
    if (registry.has(file)) fail(`${file} is listed twice`);
    const coverage = record.coverage || null;
    if (coverage !== null && !(COVERAGES as readonly string[]).includes(coverage)) fail(`coverage ${JSON.stringify(coverage)} is not one of ${COVERAGES.join(", ")}`);
    const kind = record.document_kind || null;
    if (kind !== null && !(DOCUMENT_KINDS as readonly string[]).includes(kind)) fail(`document_kind ${JSON.stringify(kind)} is not one of ${DOCUMENT_KINDS.join(", ")}`);
    const writtenOn = record.written_on || null;
    if (writtenOn !== null && !isIsoDate(writtenOn)) fail(`written_on ${JSON.stringify(writtenOn)} is not a date YYYY-MM-DD`);
    registry.set(file, {
      file,
      title: record.title!,
      publisher: record.publisher!,
      prefectures: record.prefectures!.split(";").map((p) => p.trim()).filter(Boolean),
      url: record.url || null,
      written_on: writtenOn,
      document_kind: kind as DocumentKind | null,
      coverage: coverage as Coverage | null,
      note: record.note!,
    });
  }
  return registry;
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
