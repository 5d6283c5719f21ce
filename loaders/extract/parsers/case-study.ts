// grant_case_study: case sheets of grant programs, one page per program, text extracted from a PDF.
//   就職氷河期世代就職応援事業【北海道苫小牧市】   ← title: program【body】
//   交付金対象事業費 8,500千円                     ← budget, after its title
//   就職支援数（人）                               ← KPI names, wrapped over lines
//   令和３年度KPI / 【 】は実績値                  ← marker (the fiscal year) and legend
//   20 【20】 10 【15】 5 【7】                    ← target 【actual】 pairs, in the order of the names
//   ～ tagline ～ / ・explanation…                 ← the note, until 本事業の成果…
// PDF order varies: a title may stand before or after its KPI block, so blocks and
// titles are paired by line distance. The names may also stand above the title
// while the marker and figures stay below it:
//   就職支援数（人） / 就職者数（人）             ← KPI names, before the title
//   就職氷河期世代就職応援事業【北海道苫小牧市】   ← title
//   交付金対象事業費 8,500千円                     ← budget
//   令和３年度KPI 【 】は実績値 20 【20】 10 【15】 ← marker and figures
// Such a block spans its title, which it is then paired with.
import { BodyError, resolveLocalGov, type BodyInfo } from "../bodies.ts";
import { classifySupportTarget } from "../classify.ts";
import { findFiscalYear } from "../fiscal.ts";
import { NUMBER_SOURCE } from "../numbers.ts";
import { readBudget, readProgramTitle, resolveTitleBodies } from "../program-headings.ts";
import { isKpiLike } from "../report.ts";
import type { SourceDoc } from "../source.ts";
import { joinWrapped, removeSpaces } from "../text.ts";
import { UNIT_PATTERN } from "../units.ts";
import { draft, emptyResult, type ParseResult, type Parser } from "./types.ts";
import { isProblem, readValue, targetOp, type Value } from "./values.ts";

const MARKER = /(?:令和|R)\s*(?:元|\d{1,2})\s*年度\s*K\s?P\s?I/;
/** The 令和N年度KPI marker of a line, sought only where a K stands. */
function markerIn(line: string): RegExpExecArray | null {
  return line.includes("K") ? MARKER.exec(line) : null;
}
const LEGEND = /【\s*】\s*は\s*実績値?/g;
const VALUE = String.raw`${NUMBER_SOURCE}\s*(?:${UNIT_PATTERN})?\s*(?:以上)?`;
const PAIR = new RegExp(String.raw`(?<target>${VALUE})\s*【\s*(?<actual>${VALUE})?\s*】`, "g");
const TAGLINE = /[～〜][^～〜]+[～〜]/;
const NOTE_END = /本事業の成果|取組事例として着目/;
/** A KPI name ends with its unit in brackets: 就職者数（人）, リスト数（企業数）. */
const UNIT_BRACKET = String.raw`[（(](?:人|件|社|企業数|回|名|か所|団体)[）)]`;
const UNIT_BRACKET_END = new RegExp(`${UNIT_BRACKET}$`);
const UNIT_BRACKET_SPLIT = new RegExp(String.raw`(?<=${UNIT_BRACKET})\s+`);
const INDICATOR = new RegExp(`数|${UNIT_BRACKET}`);
const OPENS_BRACKET = /^[（(]/;
/** How far above its marker (or the title its names stand above) a block of KPI names may start. */
const MAX_NAME_LINES = 16;
/**
 * Lines that are no text of a sheet: a section label (事業概要), a page number (- 2 -, 2/10) or the running
 * page header (（令和３年度交付決定事業における取組事例）). Names and notes read through them as through a blank line.
 */
const FURNITURE = [/^事業の?概要$/, /^[-－―‐—–]?\d{1,3}[-－―‐—–]?$/, /^\d{1,3}[/／]\d{1,3}$/, /^[（(][^（()）]*取組事例[^（()）]*[）)]$/];

function isFurniture(line: string): boolean {
  const text = removeSpaces(line);
  return FURNITURE.some((pattern) => pattern.test(text));
}

interface Title {
  line: number;
  program: string;
  bodies: BodyInfo[];
  budget: number | null;
  note: string | null;
}

interface KpiName {
  text: string;
  lines: number[];
}

interface KpiBlock {
  marker: number;
  first: number;
  last: number;
  fiscalYear: number;
  /** The body named before the marker (a joint program's block), resolved against the paired title. */
  bodyName: string | null;
  names: KpiName[];
  values: { line: number; target: Value; actual: Value | null }[];
}

export const caseStudyParser: Parser = {
  kind: "grant_case_study",
  name: "parsers/case-study",
  score(doc) {
    // The legend first: a document without one is no case study, whatever its markers.
    if (!doc.lines.some((l) => l.includes("実績値") && /【\s*】\s*は\s*実績値/.test(l))) return 0;
    const markers = doc.lines.filter((l) => markerIn(l)).length;
    return markers > 0 ? 10 + markers : 0;
  },
  parse: parseCaseStudy,
};

export function parseCaseStudy(doc: SourceDoc): ParseResult {
  const result = emptyResult();
  const lines = doc.lines;
  const titles = findTitles(lines, result);
  const blocks = findKpiBlocks(lines, titles, result);
  readNotes(lines, titles, blocks, result);
  for (const [block, title] of pairByDistance(blocks, titles)) {
    if (!title) {
      result.errors.push({ line: block.marker, reason: "KPI block with no program title (事業名【実施主体】) left to pair it with" });
      continue;
    }
    let body: BodyInfo;
    try {
      body = block.bodyName === null ? title.bodies[0]! : markerBody(block.bodyName, title);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      result.errors.push({ line: block.marker, reason: error.message });
      continue;
    }
    block.names.forEach((name, i) => {
      const value = block.values[i]!;
      result.drafts.push(draft({
        line: value.line,
        body,
        program: title.program,
        budget_thousand_yen: title.budget,
        support_target: classifySupportTarget(title.program),
        kpi_name: name.text,
        unit: value.target.unit ?? value.actual?.unit ?? null,
        period: { start: block.fiscalYear, end: block.fiscalYear },
        target: value.target.value,
        target_op: targetOp(value.target.op),
        actual: value.actual?.value ?? null,
        note: title.note,
      }));
    });
  }
  skipOtherFigures(lines, titles, blocks, result);
  return result;
}

/** Titles with their budget (the 交付金対象事業費 line after the title); readNotes adds the note. */
function findTitles(lines: readonly string[], result: ParseResult): Title[] {
  const titles: Title[] = [];
  lines.forEach((line, i) => {
    const heading = readProgramTitle(line);
    if (!heading) return;
    try {
      titles.push({ line: i + 1, program: heading.program, bodies: resolveTitleBodies(heading.bodyNames), budget: null, note: null });
      result.accounted.set(i + 1, "program title");
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      result.errors.push({ line: i + 1, reason: error.message });
    }
  });
  const titleAt = titleAtOrAbove(lines, titles);
  lines.forEach((line, i) => {
    const budget = readBudget(line);
    const title = titleAt(i);
    if (budget === null || !title) return;
    if (title.budget !== null) {
      result.errors.push({ line: i + 1, reason: `second 交付金対象事業費 after the title on line ${title.line}` });
      return;
    }
    title.budget = budget;
    result.accounted.set(i + 1, `budget of the program on line ${title.line}`);
  });
  return titles;
}

/** The title at or above each line (0-based index), in one pass (titles are found in line order). */
function titleAtOrAbove(lines: readonly string[], titles: readonly Title[]): (i: number) => Title | null {
  const above: (Title | null)[] = [];
  for (let i = 0, t = 0, current: Title | null = null; i < lines.length; i++) {
    while (t < titles.length && titles[t]!.line <= i + 1) current = titles[t++]!;
    above.push(current);
  }
  return (i) => above[i] ?? null;
}

/**
 * The note of each title: the bullets after the ～ tagline ～ below it, up to 本事業の成果…, a marker, a title,
 * a budget or the first line of a KPI block (the names of the next sheet may stand right after a note).
 */
function readNotes(lines: readonly string[], titles: readonly Title[], blocks: readonly KpiBlock[], result: ParseResult): void {
  const titleAt = titleAtOrAbove(lines, titles);
  const inBlock = new Set(blocks.flatMap((b) => Array.from({ length: b.last - b.first + 1 }, (_, k) => b.first + k)));
  lines.forEach((line, i) => {
    const title = titleAt(i);
    if (!TAGLINE.test(line) || !title || title.note !== null) return;
    result.accounted.set(i + 1, `tagline of the program on line ${title.line}`);
    const noteLines: number[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      if (NOTE_END.test(next) || markerIn(next) || readProgramTitle(next) || readBudget(next) !== null || inBlock.has(j + 1)) break;
      if (next.trim() !== "" && !isFurniture(next)) noteLines.push(j);
    }
    const bullets: string[][] = [];
    for (const j of noteLines) {
      const text = lines[j]!.trim();
      if (/^[・･〇○●◯-]/.test(text) || bullets.length === 0) bullets.push([text.replace(/^[・･〇○●◯-]\s*/, "")]);
      else bullets.at(-1)!.push(text);
      result.accounted.set(j + 1, `note of the program on line ${title.line}`);
    }
    title.note = bullets.map((b) => joinWrapped(b)).join("") || null;
  });
}

/** Every 令和N年度KPI marker with its target 【actual】 values and the names above it. */
function findKpiBlocks(lines: readonly string[], titles: readonly Title[], result: ParseResult): KpiBlock[] {
  const blocks: KpiBlock[] = [];
  const titleBodies = new Set(titles.flatMap((t) => t.bodies.map((b) => b.body)));
  let floor = 0;
  for (let i = 0; i < lines.length; i++) {
    const marker = markerIn(lines[i]!);
    if (!marker) continue;
    const lineNo = i + 1;
    const fiscalYear = findFiscalYear(marker[0]);
    if (fiscalYear === null) {
      result.errors.push({ line: lineNo, reason: `cannot read the fiscal year of ${JSON.stringify(marker[0])}` });
      continue;
    }
    const prefix = lines[i]!.slice(0, marker.index).trim();
    let bodyName: string | null = null;
    const nameTail: { text: string; line: number }[] = [];
    if (prefix) {
      if (namesBody(prefix, titleBodies)) bodyName = removeSpaces(prefix);
      else nameTail.push({ text: prefix, line: lineNo });
    }
    const values = readValues(lines, i, marker.index! + marker[0].length);
    if (typeof values === "string") {
      result.errors.push({ line: lineNo, reason: values });
      continue;
    }
    const last = Math.max(lineNo, ...values.map((v) => v.line));
    const names = readNames(lines, i, floor, nameTail, values.length);
    floor = last;
    if (typeof names === "string") {
      result.errors.push({ line: lineNo, reason: names });
      continue;
    }
    const first = Math.min(lineNo, ...names.flatMap((n) => n.lines));
    // The title and budget a block of names above its title spans keep their own account.
    for (let l = first; l <= last; l++) if (lines[l - 1]!.trim() !== "" && !result.accounted.has(l)) result.accounted.set(l, `KPI block of the marker on line ${lineNo}`);
    blocks.push({ marker: lineNo, first, last, fiscalYear, bodyName, names, values });
    i = last - 1;
  }
  return blocks;
}

/**
 * Whether the text before a marker names a body rather than ending a KPI name: a local government
 * known by that name alone, or one that a title of the document names (府中市 of 【広島県・府中市】).
 */
function namesBody(text: string, titleBodies: ReadonlySet<string>): boolean {
  try {
    resolveLocalGov(text);
    return true;
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    return titleBodies.has(removeSpaces(text));
  }
}

/** The body a marker names, among its title's bodies first, else within the title's prefecture. Throws BodyError. */
function markerBody(name: string, title: Title): BodyInfo {
  return title.bodies.find((b) => b.body === name) ?? resolveLocalGov(name, { prefecture: title.bodies[0]!.prefecture });
}

/** The target 【actual】 pairs of a text, and the text left without them. */
function readPairs(text: string, line: number): { pairs: KpiBlock["values"]; rest: string } {
  const pairs: KpiBlock["values"] = [];
  let rest = "";
  let end = 0;
  for (const m of text.matchAll(PAIR)) {
    const target = readValue(m.groups!.target!);
    const actual = m.groups!.actual ? readValue(m.groups!.actual) : null;
    const problem = (target && isProblem(target)) || (actual && isProblem(actual));
    if (target && !problem) pairs.push({ line, target, actual });
    // A pair with a value that is no count stays in the rest, so that the block reports it.
    rest += text.slice(end, m.index) + (problem ? m[0] : "");
    end = m.index + m[0].length;
  }
  rest += text.slice(end);
  return { pairs, rest: rest.trim() };
}

/** The values on the marker line after the marker, then on the lines below it (blank lines and the legend skipped). */
function readValues(lines: readonly string[], markerIndex: number, from: number): KpiBlock["values"] | string {
  const values: KpiBlock["values"] = [];
  const onMarker = readPairs(lines[markerIndex]!.slice(from).replace(LEGEND, ""), markerIndex + 1);
  if (onMarker.rest) return `unexpected text after the KPI marker: ${JSON.stringify(onMarker.rest)}`;
  values.push(...onMarker.pairs);
  for (let j = markerIndex + 1; j < lines.length; j++) {
    const text = lines[j]!.replace(LEGEND, "").trim();
    if (text === "") continue;
    const { pairs, rest } = readPairs(text, j + 1);
    if (pairs.length === 0 || rest) break;
    values.push(...pairs);
  }
  return values.length > 0 ? values : "KPI marker without target 【actual】 values after it";
}

/**
 * The names of a block: between the marker and the title (or whatever else) above it, or else, when
 * nothing but the title with its budget stands between, right above that title (the PDF put them first).
 * Names above a title are refused when another title's group stands right above them: there they read
 * as that title's names in the usual order.
 */
function readNames(lines: readonly string[], markerIndex: number, floor: number, tail: { text: string; line: number }[], count: number): KpiName[] | string {
  const below = walkNames(lines, markerIndex, floor, tail, count);
  if (typeof below !== "string" || tail.length > 0) return below;
  const title = titleRightAbove(lines, markerIndex, floor);
  if (title === null) return below;
  const above = walkNames(lines, title, floor, [], count);
  if (typeof above === "string") return below;
  let j = above[0]!.lines[0]! - 2;
  while (j >= floor && isBlank(lines, j)) j--;
  if (j >= floor && (readProgramTitle(lines[j]!) || readBudget(lines[j]!) !== null)) return below;
  return above;
}

/** A blank line for reading names: empty but for the legend, or page furniture. */
function isBlank(lines: readonly string[], j: number): boolean {
  return j < 0 || lines[j]!.replace(LEGEND, "").trim() === "" || isFurniture(lines[j]!);
}

/**
 * The index of the title line above a marker when only its budget (with any tagline), blank lines and
 * page furniture stand between them; else null.
 */
function titleRightAbove(lines: readonly string[], markerIndex: number, floor: number): number | null {
  for (let k = markerIndex - 1; k >= floor; k--) {
    const line = lines[k]!;
    if (readProgramTitle(line)) return k;
    if (isBlank(lines, k) || readBudget(line) !== null) continue;
    return null;
  }
  return null;
}

/**
 * Walks up from the marker (or a title, `top`) to the nearest start of a name, and further, until
 * the names read downwards from there number as many as the values.
 */
function walkNames(lines: readonly string[], top: number, floor: number, tail: { text: string; line: number }[], count: number): KpiName[] | string {
  // Each line is asked whether it is blank once, however many walks down from a line above pass it.
  const blanks = new Map<number, boolean>();
  const blank = (j: number) => {
    let is = blanks.get(j);
    if (is === undefined) blanks.set(j, (is = isBlank(lines, j)));
    return is;
  };
  const lowest = Math.max(floor, top - MAX_NAME_LINES);
  let seen = 0;
  for (let k = tail.length > 0 ? top : top - 1; k >= lowest; k--) {
    if (k < top && isHeading(lines[k]!)) break;
    if (k < top && (blank(k) || OPENS_BRACKET.test(lines[k]!.trim()))) continue;
    if (k < top && !(k === lowest || blank(k - 1) || isHeading(lines[k - 1]!) || UNIT_BRACKET_END.test(lines[k - 1]!.trim()))) continue;
    const entries = [];
    for (let j = k; j < top; j++) entries.push({ text: blank(j) ? "" : lines[j]!, line: j + 1 });
    const names = assembleNames([...entries, ...tail]);
    seen = names.length;
    if (names.length < count) continue;
    if (names.length > count) break;
    const bad = names.find((n) => !INDICATOR.test(n.text) || /。/.test(n.text));
    if (bad) return `cannot align ${count} values with the names above: ${JSON.stringify(bad.text)} (line ${bad.lines[0]}) does not read as an indicator name`;
    return names;
  }
  return `cannot align ${count} values with the indicator names above the marker (found ${seen})`;
}

/** Lines that end a walk up through KPI names: a title, a budget, a tagline or another marker. */
function isHeading(line: string): boolean {
  return readProgramTitle(line) !== null || readBudget(line) !== null || TAGLINE.test(line) || markerIn(line) !== null;
}

/**
 * Names read downwards: a blank line ends a name, and so does a unit bracket
 * at the end of a line (several names may share a line); a line opening with
 * （ continues the name before it, even across a blank line.
 */
function assembleNames(entries: readonly { text: string; line: number }[]): KpiName[] {
  const names: KpiName[] = [];
  let open = false;
  for (const { text, line } of entries) {
    if (text.trim() === "") {
      open = false;
      continue;
    }
    for (const segment of text.trim().split(UNIT_BRACKET_SPLIT)) {
      const last = names.at(-1);
      const closes = UNIT_BRACKET_END.test(segment);
      if (last && (open || OPENS_BRACKET.test(segment))) {
        last.text += segment;
        if (!last.lines.includes(line)) last.lines.push(line);
        open = open && !closes;
      } else {
        names.push({ text: segment, lines: [line] });
        open = !closes;
      }
    }
  }
  return names.map((n) => ({ ...n, text: removeSpaces(n.text) }));
}

/**
 * Pairs each KPI block with a title one to one, nearest first (a title may stand above or below its
 * block): of all block–title pairs, by distance, then marker line, then title line, the first whose
 * block and title are both free is paired, and so on. Only each block's nearest free title on either
 * side can come first, so those alone wait in a heap, and the work grows with the number of blocks.
 */
function pairByDistance(blocks: readonly KpiBlock[], titles: readonly Title[]): [KpiBlock, Title | null][] {
  const distance = (b: KpiBlock, t: Title) => (t.line < b.first ? b.first - t.line : t.line > b.last ? t.line - b.last : 0);
  const paired = new Map<KpiBlock, Title>();
  const taken = new Set<Title>();
  const heap = new CandidateHeap();
  /** The index of the first title at or below a line. */
  const firstFrom = (line: number) => {
    let lo = 0;
    let hi = titles.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (titles[mid]!.line < line) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const offer = (b: KpiBlock, index: number, step: -1 | 0 | 1) => {
    const t = titles[index];
    if (t) heap.push({ block: b, title: t, index, step, key: [distance(b, t), b.marker, t.line] });
  };
  for (const b of blocks) {
    const inside = firstFrom(b.first);
    const after = firstFrom(b.last + 1);
    offer(b, inside - 1, -1);
    for (let i = inside; i < after; i++) offer(b, i, 0);
    offer(b, after, 1);
  }
  for (let c = heap.pop(); c; c = heap.pop()) {
    if (paired.has(c.block)) continue;
    if (!taken.has(c.title)) {
      paired.set(c.block, c.title);
      taken.add(c.title);
    } else if (c.step !== 0) {
      // The nearest free title further out on the same side.
      let index = c.index + c.step;
      while (titles[index] && taken.has(titles[index]!)) index += c.step;
      offer(c.block, index, c.step);
    }
  }
  return blocks.map((b) => [b, paired.get(b) ?? null]);
}

interface Candidate {
  block: KpiBlock;
  title: Title;
  index: number;
  /** The side of the block the title is on: -1 above, 1 below, 0 within it. */
  step: -1 | 0 | 1;
  key: [number, number, number];
}

/** A binary min-heap of candidate pairs by key. */
class CandidateHeap {
  private readonly items: Candidate[] = [];

  private static less(a: Candidate, b: Candidate): boolean {
    return (a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]) < 0;
  }

  push(item: Candidate): void {
    const items = this.items;
    let i = items.push(item) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!CandidateHeap.less(items[i]!, items[parent]!)) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): Candidate | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && CandidateHeap.less(items[l]!, items[m]!)) m = l;
        if (r < items.length && CandidateHeap.less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** KPI-like lines that are neither a KPI block nor a program heading: the national overview, staffing figures. */
function skipOtherFigures(lines: readonly string[], titles: readonly Title[], blocks: readonly KpiBlock[], result: ParseResult): void {
  const firstSheet = Math.min(...titles.map((t) => t.line), ...blocks.map((b) => b.first));
  const explained = new Set([...result.accounted.keys(), ...result.errors.map((e) => e.line), ...result.drafts.map((d) => d.line)]);
  lines.forEach((line, i) => {
    if (explained.has(i + 1) || !isKpiLike(line)) return;
    result.skipped.push({
      line: i + 1,
      reason:
        i + 1 < firstSheet
          ? "overview before the first case sheet: figures about the grant as a whole, not a program KPI"
          : "figure in a program's description, outside its 令和N年度KPI block: not a KPI",
    });
  });
}
