// Property-based fuzzing of every layout: real and synthetic documents, cut, repeated, sprinkled with control
// characters, width-swapped, with odd eras, units and numbers. The extraction must never throw, and whatever it emits
// must be schema-valid, finite, and the same for the same bytes. FUZZ_RUNS sets the documents tried per layout
// (default 200 for npm test; FUZZ_RUNS=10000 for a long run), FUZZ_SEED the seed (default fixed, so that npm test
// tries the same documents every run).
import { readFileSync } from "node:fs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { recordId, validateRecord, type DocumentKind, type KpiRecord } from "../loaders/extract/schema.ts";
import { loadSource } from "../loaders/extract/source.ts";
import { SYNTH_DEFAULTS, synthesize } from "../loaders/synth/corpus.ts";
import { FILES, loadRealSource } from "./helpers/sources.ts";

const RUNS = Number(process.env.FUZZ_RUNS || 200);

const REAL: Record<Exclude<DocumentKind, "other">, string> = {
  grant_status_report: FILES.statusReport,
  grant_case_study: FILES.caseStudy,
  grant_kpi_plan: FILES.kpiPlan,
  platform_plan: FILES.platformPlan,
  platform_kpi_status: FILES.platformStatus,
};

/** Documents in no known layout, for the general readers: prose, a multi-year table, kanji numerals. */
const GENERAL = ["prose_evaluation.txt", "multi_year_table.txt", "kanji_numerals.txt"].map((f) =>
  readFileSync(new URL(`./fixtures/general/sources/${f}`, import.meta.url), "utf8").split(/\r?\n/),
);

/** The seed documents of each layout: the real one and two small synthetic ones; for `other`, the general fixtures. */
function seeds(kind: DocumentKind): string[][] {
  if (kind === "other") return GENERAL;
  const synthetic = [...synthesize({ ...SYNTH_DEFAULTS, prefectures: 2, years: 2, bodiesPerPrefecture: 3, seed: `fuzz-${kind}` })]
    .filter((f) => f.file.includes(`_${kind}_`))
    .slice(0, 2)
    .map((f) => f.text.split(/\r?\n/));
  return [loadRealSource(REAL[kind]).raw, ...synthetic];
}

const CONTROL = ["\u0001", "\u0007", "\u000b", "\u000c", "\u001b", "\u007f", "\u200b", "\ufeff", "\t", "\r"];
const ERAS = ["令和元年度", "R99", "平成31年度", "H0", "令和０年度", "Ｒ５", "R 5年度", "昭和60年度", "2023年度"];
const UNITS = ["人", "件", "社", "回", "名", "か所", "千円", "%", "％", "市町村", "団体", "人以上"];
const NUMBERS = ["0", "-5", "−12", "9".repeat(30), "1e309", "3.14159", "1,2,3", "１，０００，０００", "NaN", "Infinity", "０", "12,345,678,901"];

type Edit = (lines: string[]) => string[];

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // cut off mid-document, mid-line (a PDF export that stopped)
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Edit => (lines) => {
    const at = a % (lines.length + 1);
    const kept = lines.slice(0, at);
    const last = lines[at];
    return last === undefined ? kept : [...kept, last.slice(0, b % (last.length + 1))];
  }),
  // a block pasted twice
  fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([a, n, b]): Edit => (lines) => {
    const from = a % (lines.length + 1);
    const block = lines.slice(from, from + 1 + (n % 40));
    const at = b % (lines.length + 1);
    return [...lines.slice(0, at), ...block, ...lines.slice(at)];
  }),
  // control characters inside a line
  fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...CONTROL)).map(([a, b, c]): Edit => (lines) => replaceLine(lines, a, (l) => l.slice(0, b % (l.length + 1)) + c + l.slice(b % (l.length + 1)))),
  // digits to full width, or full width to half
  fc.tuple(fc.nat(), fc.boolean()).map(([a, wide]): Edit => (lines) =>
    replaceLine(lines, a, (l) => (wide ? l.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : l.normalize("NFKC"))),
  ),
  // another era or year marker
  fc.tuple(fc.nat(), fc.constantFrom(...ERAS)).map(([a, era]): Edit => (lines) => replaceLine(lines, a, (l) => l.replace(/(令和|平成|R|Ｒ)\s*(元|\d{1,2}|[０-９]{1,2})\s*(年度)?/, era))),
  // another unit after a number
  fc.tuple(fc.nat(), fc.constantFrom(...UNITS)).map(([a, unit]): Edit => (lines) => replaceLine(lines, a, (l) => l.replace(/(\d)\s*(人|件|社|回|名|か所)/, `$1${unit}`))),
  // huge, negative, decimal or malformed numbers
  fc.tuple(fc.nat(), fc.constantFrom(...NUMBERS)).map(([a, n]): Edit => (lines) => replaceLine(lines, a, (l) => l.replace(/\d[\d,]*/, n))),
  // a line lost, or two swapped
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Edit => (lines) => {
    if (lines.length < 2) return lines;
    const out = [...lines];
    const i = a % out.length;
    const j = b % out.length;
    if (i === j) out.splice(i, 1);
    else [out[i], out[j]] = [out[j]!, out[i]!];
    return out;
  }),
);

/** Edits the line a picks among those that hold a digit (most edits are about figures), else any line. */
function replaceLine(lines: string[], a: number, f: (line: string) => string): string[] {
  if (lines.length === 0) return lines;
  const withDigits = lines.map((l, i) => (/\d|[０-９]/.test(l) ? i : -1)).filter((i) => i >= 0);
  const pool = withDigits.length > 0 ? withDigits : lines.map((_, i) => i);
  const i = pool[a % pool.length]!;
  const out = [...lines];
  out[i] = f(out[i]!);
  return out;
}

/** How the text is stored: UTF-8, UTF-8 with BOM, Shift_JIS, CRLF. */
const encoding = fc.constantFrom("utf-8", "utf-8-bom", "shift_jis", "crlf");

function encode(lines: string[], how: string): Uint8Array {
  const text = lines.join(how === "crlf" ? "\r\n" : "\n");
  if (how === "shift_jis") return iconv.encode(text, "cp932");
  const bytes = Buffer.from(text, "utf8");
  return how === "utf-8-bom" ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

function problemsOf(records: KpiRecord[]): string[] {
  const problems: string[] = [];
  for (const r of records) {
    for (const p of validateRecord(r as unknown as Record<string, unknown>)) problems.push(`${r.source_line}: ${p}`);
    for (const [k, v] of Object.entries(r)) if (typeof v === "number" && !Number.isFinite(v)) problems.push(`${r.source_line}: ${k} is ${v}`);
    if (r.record_id !== recordId(r)) problems.push(`${r.source_line}: record_id does not match`);
  }
  return problems;
}

describe.each([...Object.keys(REAL), "other"] as DocumentKind[])("fuzzing %s", (kind) => {
  const documents = seeds(kind);

  it(`extracts ${RUNS} mutated documents without throwing; every record valid, finite and stable`, () => {
    fc.assert(
      fc.property(fc.nat(documents.length - 1), fc.array(edit, { minLength: 1, maxLength: 6 }), encoding, (which, edits, how) => {
        const lines = edits.reduce((acc, f) => f(acc), documents[which]!);
        const bytes = encode(lines, how);
        const first = extractDocument(loadSource("fuzz.txt", bytes));
        expect(problemsOf(first.records)).toEqual([]);
        // extractDocument reports a parser that throws instead of passing the exception on: that is a crash here.
        expect(first.entries.filter((e) => /^parser .* failed/.test(e.reason))).toEqual([]);
        for (const e of first.entries) expect(e.line).toBeGreaterThanOrEqual(1);
        // The same bytes give the same records; a blank line added at the end changes none of them.
        const again = extractDocument(loadSource("fuzz.txt", bytes));
        expect(again.records).toEqual(first.records);
        const padded = extractDocument(loadSource("fuzz.txt", encode([...lines, ""], how)));
        expect(padded.records.map((r) => r.record_id)).toEqual(first.records.map((r) => r.record_id));
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED || 20261121) },
    );
  }, 600_000);
});
