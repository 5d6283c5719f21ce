// The source documents' pages (/sources/<slug>.html) and their index (/sources/), written at build time as static
// HTML by the page loaders src/sources/[slug].md.ts and src/sources/index.md.ts: a citation's link
// on the pages (…/sources/<slug>.html#L<line>) lands on its line with no script run.
//
// A page shows the document as the extraction read it (loaders/extract/source.ts readSource): a text file's lines,
// or the lines a PDF, sheet or web page was read into with the place each stands (p.3 l.12, 実施状況!A12:F12).
// Each line is numbered with the line number records cite (source_line) and carries id="L<n>"; a line a record
// cites is marked and links to the page of each program citing it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceRegistryRow } from "../../analyze/analyze.ts";
import { queryRows, withDatabase, type Plain } from "../../analyze/db.ts";
import { DATA_DIR } from "../../extract/data-tables.ts";
import { readSource, readSourceBytes, type SourceDoc, type SourceFormat } from "../../extract/source.ts";
import { displayText } from "../../../src/lib/display-text.js";
import { COVERAGE_LABELS, DOCUMENT_KIND_LABELS, WRITTEN_ON_BASIS_LABELS } from "../../../src/lib/labels.js";
import { formatNumber } from "../../../src/lib/number-format.js";
import { idOf, programHref } from "../../../src/lib/program-id.js";
import { sourceSlug } from "../../../src/lib/source-slug.js";
import { builtParquet, siteOutDir } from "./arrow.ts";
import { programPaths } from "./program-pages.ts";

/**
 * The directory of the source documents the site shows: KPI_SOURCES_DIR when set (a build from other sources, such
 * as the benchmark's), else data/sources/, where `kpi build` reads by default. Each file is checked against the
 * sha256 the build recorded (datapackage.json), so a page never numbers the lines of another version of the document.
 */
export function siteSourcesDir(): string {
  return process.env.KPI_SOURCES_DIR || join(DATA_DIR, "sources");
}

/** A row of the built sources table (out/sources.parquet): the source registry's row, and what the build adds to it. */
export type SourceRow = SourceRegistryRow & { document_kind: string | null; n_records: number };

/** The documents of the build, in file order, each with the slug of its page. */
export async function sourceRows(outDir = siteOutDir()): Promise<(SourceRow & { slug: string })[]> {
  if (!existsSync(join(outDir, "sources.parquet"))) return [];
  const { rows } = await withDatabase((c) => queryRows(c, `SELECT * FROM ${builtParquet("sources", outDir)} ORDER BY source_file`));
  const bySlug = new Map<string, string>();
  return rows.map((r) => {
    const slug = sourceSlug(r.source_file);
    const other = bySlug.get(slug);
    if (other !== undefined) throw new Error(`source pages: ${other} and ${r.source_file} would both be /sources/${slug}.html; rename one of them`);
    bySlug.set(slug, r.source_file as string);
    return { ...(r as unknown as SourceRow), n_records: Number(r.n_records), slug };
  });
}

/**
 * The page path of every source document (/sources/<slug>), in file order. KPI_SOURCE_PAGES caps how many are built,
 * as KPI_PROGRAM_PAGES caps the program pages (the benchmark's corpus has over a thousand documents).
 */
export async function sourcePaths(outDir = siteOutDir(), limit = sourcePageLimit()): Promise<string[]> {
  return (await sourceRows(outDir)).slice(0, limit).map((s) => `/sources/${s.slug}`);
}

function sourcePageLimit(): number {
  const text = process.env.KPI_SOURCE_PAGES;
  if (text === undefined || text === "") return Infinity;
  if (!/^\d+$/.test(text)) throw new Error(`KPI_SOURCE_PAGES must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text);
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", $: "&#36;", "`": "&#96;", "{": "&#123;", "}": "&#125;" };

/**
 * Text as HTML text or attribute value. `$`, backticks and braces are written as references too: the page loaders'
 * output is Markdown, where Framework would read ${…} as code to run.
 */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"'$`{}]/g, (c) => ESCAPES[c]!);
}

/** A value, or a dash where there is none. */
function orDash(text: string | null | undefined): string {
  return text == null || text === "" ? "—" : escapeHtml(text);
}

/** 作成時点: the date and what it rests on, or that the document gives none. */
export function writtenOnHtml(s: Pick<SourceRow, "written_on" | "written_on_basis">): string {
  if (!s.written_on) return "不明（資料に日付の記載がなく、出典一覧にもありません）";
  const basis = s.written_on_basis ? WRITTEN_ON_BASIS_LABELS[s.written_on_basis] ?? s.written_on_basis : null;
  return `${escapeHtml(s.written_on)}${basis ? `<span class="source-basis">（根拠: ${escapeHtml(basis)}）</span>` : ""}`;
}

const FORMAT_LABELS: Record<SourceFormat, string> = { text: "テキスト", pdf: "PDF", html: "ウェブページ（HTML）", xlsx: "Excel（.xlsx）", csv: "CSV", tsv: "TSV" };

/** The page's explanation of what it shows, written once for every document. */
const READING_NOTE =
  "行番号は、データの出典（<code>source_line</code>）が示す番号です。色の付いた行はレコードが引いている行で、その事業のページへのリンクを添えています。タブで区切られた表の列は縦線で示します。" +
  "ウェブページなどから写したときに残った書式の記号（<code>&lt;p&gt;</code> など）は表示から除いています（ダウンロードできるデータには元のまま残ります）。";

// ---------------------------------------------------------------------------------------------------------------
// A document's page

/** A record as a source page lists it under the line it cites. */
interface CitingRecord {
  source_line: number;
  source_locator: string | null;
  prefecture_code: string;
  body: string;
  program: string;
  kpi_name: string;
}

/** One program citing a line: its page (null when the build has no page for it) and the KPIs of its records there. */
interface LineCitation {
  href: string | null;
  body: string;
  program: string;
  kpis: string[];
  records: number;
}

/** A line of the page: its number (what records cite), where it stands in the file, its text, who cites it. */
export interface PageLine {
  /** The line number records cite: the file's line, or a PDF's running line, a sheet's row. */
  number: number;
  /** Whether this line carries id="L<number>" (the first line of that number, or the first one cited). */
  anchored: boolean;
  locator: string | null;
  text: string;
  citations: LineCitation[];
}

/** The sha256 of each file as the build recorded it (datapackage.json), by file name. */
function recordedHashes(outDir: string): Map<string, string> {
  const path = join(outDir, "datapackage.json");
  if (!existsSync(path)) return new Map();
  const { sources = [] } = JSON.parse(readFileSync(path, "utf8")) as { sources?: { path: string; hash?: string }[] };
  return new Map(sources.filter((s) => s.hash).map((s) => [s.path.replace(/^.*\//, ""), s.hash!.replace(/^sha256:/, "")]));
}

/** A document as the extraction read it, from the sources directory, checked against the build's record of it. */
async function readBuiltSource(file: string, outDir: string, sourcesDir: string): Promise<SourceDoc> {
  const read = readSourceBytes(join(sourcesDir, file));
  if (!("bytes" in read)) throw new Error(`source page of ${file}: ${join(sourcesDir, file)}: ${read.reason} (set KPI_SOURCES_DIR to the directory the build read)`);
  const recorded = recordedHashes(outDir).get(file);
  const actual = createHash("sha256").update(read.bytes).digest("hex");
  if (recorded && recorded !== actual) throw new Error(`source page of ${file}: the file in ${sourcesDir} is not the one ${outDir} was built from (sha256 differs); run \`npm run -s kpi -- build\` again`);
  return readSource(file, read.bytes);
}

/**
 * The lines of a document's page: each document line with the number records cite and its citations. A number
 * anchors one line: the first line cited at it, else the first line with it (a workbook's row numbers repeat
 * from sheet to sheet, and a web page's file line can hold several).
 */
export function pageLines(doc: SourceDoc, records: readonly CitingRecord[], pageHref: (r: CitingRecord) => string | null): PageLine[] {
  const lines: PageLine[] = doc.raw.map((raw, i) => ({
    number: doc.origins ? doc.origins[i]!.line : i + 1,
    anchored: false,
    locator: doc.origins ? doc.origins[i]!.locator : null,
    text: displayText(raw),
    citations: [],
  }));
  for (const r of records) {
    const i = documentLine(doc, r.source_line, r.source_locator);
    if (i === null) throw new Error(`source page of ${doc.file}: a record cites line ${r.source_line}${r.source_locator ? ` (${r.source_locator})` : ""}, which the document does not have`);
    const line = lines[i]!;
    const href = pageHref(r);
    let citation = line.citations.find((c) => c.body === r.body && c.program === r.program);
    if (!citation) line.citations.push((citation = { href, body: r.body, program: r.program, kpis: [], records: 0 }));
    citation.records++;
    if (!citation.kpis.includes(r.kpi_name)) citation.kpis.push(r.kpi_name);
  }
  const anchored = new Set<number>();
  for (const line of lines) if (line.citations.length > 0 && !anchored.has(line.number)) (line.anchored = true), anchored.add(line.number);
  for (const line of lines) if (!anchored.has(line.number)) (line.anchored = true), anchored.add(line.number);
  return lines;
}

/** The index (0-based) of the document line a record's line and locator stand for; null when there is none. */
function documentLine(doc: SourceDoc, line: number, locator: string | null): number | null {
  if (!doc.origins) return Number.isInteger(line) && line >= 1 && line <= doc.raw.length ? line - 1 : null;
  const i = doc.origins.findIndex((o) => o.line === line && (!locator || o.locator === locator || (o.cells?.includes(locator) ?? false)));
  return i < 0 ? null : i;
}

/** A line's text as HTML: escaped, each tab a column rule (the tab itself kept, for copying). */
function lineTextHtml(text: string): string {
  return escapeHtml(text).replace(/\t/g, '<span class="source-tab">\t</span>');
}

function citationHtml(c: LineCitation): string {
  const name = escapeHtml(c.program);
  const program = c.href ? `<a href="${escapeHtml(c.href)}">${name}</a>` : name;
  return `<li>${program}<span class="source-cite-detail">（${escapeHtml(c.body)}・KPI: ${c.kpis.map(escapeHtml).join("、")}・${c.records}件）</span></li>`;
}

function lineHtml(line: PageLine): string {
  const id = line.anchored ? ` id="L${line.number}"` : "";
  const cited = line.citations.length > 0;
  const parts = [
    `<li${id} class="source-line${cited ? " source-line-cited" : ""}">`,
    `<a class="source-line-no" href="#L${line.number}" aria-label="${line.number}行">${line.number}</a>`,
    `<div class="source-line-body">`,
    line.locator ? `<span class="source-line-locator">${escapeHtml(line.locator)}</span>` : "",
    `<span class="source-line-text">${lineTextHtml(line.text)}</span>`,
    cited ? `<div class="source-line-cites"><span class="source-cite-label">この行を出典とする事業:</span><ul>${line.citations.map(citationHtml).join("")}</ul></div>` : "",
    `</div></li>`,
  ];
  return parts.join("");
}

/** The front matter of a page loader's Markdown: the page's title (JSON is YAML), and no table of contents. */
function frontMatter(title: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\ntoc: false\n---\n`;
}

/** The facts of a document, as a definition list (its rows shared by the document's page). */
function factsHtml(s: SourceRow, extra: [string, string][] = []): string {
  const rows: [string, string][] = [
    ["発行者", orDash(s.publisher)],
    ["対象の都道府県", s.prefectures ? escapeHtml(s.prefectures.split("; ").join("、")) : "—"],
    ["作成時点", writtenOnHtml(s)],
    ["資料の種類", s.document_kind ? escapeHtml(DOCUMENT_KIND_LABELS[s.document_kind] ?? s.document_kind) : "—"],
    ["資料の網羅性", `${escapeHtml(COVERAGE_LABELS[s.coverage ?? "unknown"] ?? s.coverage)}（<a href="../methodology.html#coverage">方法</a>）`],
    ["原本", s.url ? `<a href="${escapeHtml(s.url)}" rel="noopener noreferrer">${escapeHtml(s.url)}</a>` : "原本のURLは登録されていません"],
    ["レコード数", formatNumber(s.n_records, "件")],
    ...extra,
  ];
  return `<dl class="source-facts">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join("")}</dl>`;
}

/** The Markdown of one document's page (a page loader's output). */
export async function sourcePage(slug: string, outDir = siteOutDir(), sourcesDir = siteSourcesDir()): Promise<string> {
  const source = (await sourceRows(outDir)).find((s) => s.slug === slug);
  if (!source) throw new Error(`source page ${slug}: no document of the build has this page`);
  const doc = await readBuiltSource(source.source_file, outDir, sourcesDir);
  const { rows } = await withDatabase((c) =>
    queryRows(
      c,
      `SELECT source_line, source_locator, prefecture_code, body, program, kpi_name FROM ${builtParquet("kpi_records", outDir)}
       WHERE source_file = $1 ORDER BY source_line, source_locator NULLS FIRST, prefecture_code, body, program, kpi_name`,
      [source.source_file],
    ),
  );
  const records = rows.map((r: Record<string, Plain>) => r as unknown as CitingRecord);
  const pages = new Set(await programPaths(outDir));
  const pageHref = (r: CitingRecord) => (pages.has(`/programs/${idOf(r)}`) ? programHref(r, "../programs/") : null);
  const lines = pageLines(doc, records, pageHref);
  const citedLines = lines.filter((l) => l.citations.length > 0).length;
  const title = source.title ?? source.source_file;
  const file: [string, string] = ["ファイル", `<code>${escapeHtml(source.source_file)}</code>（${FORMAT_LABELS[doc.format]}・${formatNumber(lines.length, "行")}、うちレコードが引く行 ${formatNumber(citedLines, "行")}）`];
  return [
    frontMatter(title),
    `<div class="source-page">`,
    `<p class="source-back"><a href="./">出典資料の一覧</a></p>`,
    `<h1 id="source-title">${escapeHtml(title)}</h1>`,
    factsHtml(source, [file]),
    `<p class="source-note">${READING_NOTE}</p>`,
    `<h2 id="source-text">資料の本文</h2>`,
    `<ol class="source-lines" aria-labelledby="source-text">${lines.map(lineHtml).join("\n")}</ol>`,
    `</div>`,
    "",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------------------------
// The index

/** The Markdown of the index of source documents (a page loader's output). */
export async function sourceIndexPage(outDir = siteOutDir(), limit = sourcePageLimit()): Promise<string> {
  const sources = await sourceRows(outDir);
  const total = sources.reduce((n, s) => n + s.n_records, 0);
  const header = ["資料名", "発行者", "作成時点", "資料の網羅性", "レコード数"];
  const row = (s: SourceRow & { slug: string }, i: number) => {
    const title = escapeHtml(s.title ?? s.source_file);
    const cells = [
      `${i < limit ? `<a href="./${escapeHtml(s.slug)}.html">${title}</a>` : title}<br><span class="source-file"><code>${escapeHtml(s.source_file)}</code></span>`,
      orDash(s.publisher),
      writtenOnHtml(s),
      escapeHtml(COVERAGE_LABELS[s.coverage ?? "unknown"] ?? s.coverage),
      formatNumber(s.n_records, "件"),
    ];
    return `<tr>${cells.map((c, j) => `<td data-label="${header[j]}"${j === 4 ? ' class="data-number"' : ""}>${c}</td>`).join("")}</tr>`;
  };
  return [
    frontMatter("出典資料"),
    `<div class="source-index">`,
    `<h1 id="sources-title">出典資料</h1>`,
    `<p>このサイトの数値は、次の ${formatNumber(sources.length, "件")}の公表資料から取り出したものです（レコード ${formatNumber(total, "件")}）。資料名から、その本文を行番号付きで読めます。各ページの「出典」のリンクは、ここにある本文の該当する行を開きます。資料の網羅性の違い（全事業の実施状況・取組事例・計画）は<a href="../methodology.html#coverage">方法</a>で説明しています。</p>`,
    `<table class="source-index-table data-cards"><caption>出典資料の一覧（${formatNumber(sources.length, "件")}）</caption>`,
    `<thead><tr>${header.map((h, j) => `<th scope="col"${j === 4 ? ' class="data-number"' : ""}>${h}</th>`).join("")}</tr></thead>`,
    `<tbody>${sources.map(row).join("\n")}</tbody></table>`,
    `</div>`,
    "",
  ].join("\n");
}
