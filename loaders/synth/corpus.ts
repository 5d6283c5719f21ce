// The synthetic national corpus: every layout for each prefecture and fiscal year, with the
// records a correct extraction finds (truth.jsonl). The same options and seed give the same bytes.
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import { join } from "node:path";
import { isAdministered, localGovernmentsOf } from "../extract/bodies.ts";
import { PARSERS } from "../extract/parsers/index.ts";
import { completeRecord, statementDigest } from "../extract/drafts.ts";
import type { KpiRecord } from "../extract/schema.ts";
import { normalizeLine } from "../extract/text.ts";
import { dateByWrittenOn, writtenOn } from "../extract/written-on.ts";
import { WRITERS } from "./layouts/index.ts";
import { Rng } from "./rng.ts";
import type { LayoutWriter, SynthDoc } from "./types.ts";

export interface SynthOptions {
  prefectures: number;
  years: number;
  programsPerBody: number;
  /** Local governments per prefecture taking part (the prefecture itself first); all when null. */
  bodiesPerPrefecture: number | null;
  seed: string;
  /** First fiscal year. */
  firstYear: number;
}

export const SYNTH_DEFAULTS: SynthOptions = { prefectures: 47, years: 5, programsPerBody: 1, bodiesPerPrefecture: null, seed: "1", firstYear: 2020 };

export interface SynthFile {
  file: string;
  text: string;
  records: KpiRecord[];
  /** Lines the extraction reports as duplicates: figures restated under another body (restated.ts). */
  restated: number[];
}

const GRANT_WRITERS = WRITERS.filter((w) => w.scope === "grant");
const PLATFORM_WRITERS = WRITERS.filter((w) => w.scope === "platform");

function prefectureCode(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * The truth of a written document: the drafts completed exactly as the extraction completes them, undated actuals of
 * a year not over when the document was written dated by that day (written-on.ts; a synthetic corpus has no registry),
 * and each figure that is part of another linked to it, as the writer knows it.
 */
function toFile(file: string, writer: LayoutWriter, doc: SynthDoc): SynthFile {
  const parser = PARSERS.find((p) => p.kind === writer.kind)!;
  const source = { file, encoding: "utf-8" as const, format: "text" as const, raw: doc.lines, lines: doc.lines.map(normalizeLine), origins: null, readErrors: [] };
  const written = writtenOn(source)?.date ?? null;
  const records = doc.drafts.map((draft) => dateByWrittenOn(completeRecord(draft, source, parser.kind, parser.name), written));
  const byDraft = new Map(doc.drafts.map((d, i) => [d, records[i]!]));
  for (const [child, parent] of doc.parents ?? []) byDraft.get(child)!.parent_record_id = byDraft.get(parent)!.record_id;
  return { file, text: doc.lines.join(doc.eol ?? "\n") + (doc.eol ?? "\n"), records, restated: doc.restated ?? [] };
}

/** Yields the corpus one document at a time, in file-name order, so that any size fits in memory. */
export function* synthesize(options: SynthOptions): Generator<SynthFile> {
  if (options.prefectures < 1 || options.prefectures > 47) throw new RangeError("--prefectures must be 1–47");
  if (options.years < 1 || options.firstYear + options.years - 1 > 2035) throw new RangeError("--years must keep fiscal years within 2035");
  if (options.programsPerBody < 1) throw new RangeError("--programs-per-body must be at least 1");
  for (let y = 0; y < options.years; y++) {
    const fiscalYear = options.firstYear + y;
    for (let p = 1; p <= options.prefectures; p++) {
      const code = prefectureCode(p);
      // the villages of the Northern Territories have codes but run no programs
      const governments = localGovernmentsOf(code).filter((g) => isAdministered(g.body_code));
      const taking = options.bodiesPerPrefecture === null ? governments : governments.slice(0, options.bodiesPerPrefecture);
      const prefecture = governments[0]!;
      // Each body reports its programs in one grant layout a year; the layout rotates with the year.
      const docs: [LayoutWriter, SynthDoc][] = [];
      GRANT_WRITERS.forEach((writer, w) => {
        const bodies = taking.filter((_, i) => (i + y) % GRANT_WRITERS.length === w);
        if (bodies.length === 0) return;
        const rng = new Rng(options.seed, code, fiscalYear, writer.kind);
        for (const doc of writer.write({ rng, prefecture, fiscalYear, bodies, programsPerBody: options.programsPerBody })) docs.push([writer, doc]);
      });
      for (const writer of PLATFORM_WRITERS) {
        const rng = new Rng(options.seed, code, fiscalYear, writer.kind);
        for (const doc of writer.write({ rng, prefecture, fiscalYear, bodies: [], programsPerBody: options.programsPerBody })) docs.push([writer, doc]);
      }
      const counts = new Map<string, number>();
      for (const [writer, doc] of docs) {
        const n = (counts.get(writer.kind) ?? 0) + 1;
        counts.set(writer.kind, n);
        yield toFile(`fy${fiscalYear}_${code}_${writer.kind}_${String(n).padStart(4, "0")}.txt`, writer, doc);
      }
    }
  }
}

export interface SynthSummary {
  files: number;
  bytes: number;
  records: number;
}

/**
 * Writes DIR/sources/*.txt and DIR/truth.jsonl (one record a line, document by document). A statement a later
 * document repeats word for word (a plan's edition restating a stage target) is in the truth once, as the
 * extraction counts it.
 */
export async function writeCorpus(dir: string, options: SynthOptions, progress?: (summary: SynthSummary) => void): Promise<SynthSummary> {
  const sourcesDir = join(dir, "sources");
  mkdirSync(sourcesDir, { recursive: true });
  const truth = createWriteStream(join(dir, "truth.jsonl"));
  const summary: SynthSummary = { files: 0, bytes: 0, records: 0 };
  const statements = new Set<string>();
  for (const file of synthesize(options)) {
    const bytes = Buffer.from(file.text, "utf8");
    writeFileSync(join(sourcesDir, file.file), bytes);
    summary.files++;
    summary.bytes += bytes.length;
    const records: KpiRecord[] = [];
    for (const r of file.records) {
      const digest = statementDigest(r);
      if (statements.has(digest)) continue;
      statements.add(digest);
      records.push(r);
    }
    summary.records += records.length;
    if (records.length > 0 && !truth.write(records.map((r) => JSON.stringify(r)).join("\n") + "\n")) await once(truth, "drain");
    progress?.(summary);
  }
  truth.end();
  await once(truth, "finish");
  return summary;
}
