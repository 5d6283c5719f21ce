// Figures that are part of another (内数): each record of one document gets the record_id of the figure it is part
// of in parent_record_id, so that the analysis does not count a subset beside its whole.
//   (a) 「P（うちQ）」: 就職件数（うち正規雇用） on the line of 就職件数. The parent is the record on the same line, of the
//       same body, program and period, named P: the name less its last （うち…） group (就職決定件数（うち就職氷河期世代）
//       （うち正規雇用） → 就職決定件数（うち就職氷河期世代） → 就職決定件数).
//   (b) 「Xのうち…」, 「X中の…のうち…」, 「上記Xのうち…」: 就業者のうち正規雇用及び常勤職員数 under 就業者数(勤務形態問わず).
//       The parent is the nearest record before it, of the same body, program and period and in the same program
//       block, whose kpi_topic is what X is about (classifyKpi(X): 就業者, 就労した者 → employment); for 上記/前記
//       with an X that no rule classifies, the record right before it. None when nothing fits: 本事業受講者数の
//       うち氷河期世代の人数 with no participation figure above it, ミドル世代のうち… (X is no indicator).
import { classifyKpi } from "./classify.ts";
import type { Placed } from "./restated.ts";
import type { KpiRecord } from "./schema.ts";

/** A （うち…） group of a name: full or half width brackets, one level of brackets inside. */
const UCHI_GROUP = /[（(]\s*うち(?:[^（()）]|[（(][^（()）]*[）)])*[）)]/g;
/** The word that says the text before it names the whole: のうち, のうちの, の内 (not 内容, 内訳, 内部). */
const PART_OF = /^(?:のうち|の内(?![容訳部]))/;
/** A reference to the figure above: 上記, 前記, 上述の. */
const ABOVE = /^\s*(?:上記|前記|上述の?|前述の?)\s*/;

/** A name as parents are matched: widths folded, spaces removed. */
function nameKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/** P of 「P（うちQ）」: the name less its last （うち…） group; null when the name has none, or nothing is left. */
export function wholeOfUchi(name: string): string | null {
  if (!name.includes("うち")) return null;
  const groups = [...name.matchAll(UCHI_GROUP)];
  const last = groups.at(-1);
  if (!last) return null;
  const whole = (name.slice(0, last.index) + name.slice(last.index + last[0].length)).trim();
  return whole === "" ? null : whole;
}

/** The text before the first のうち outside brackets, and whether it opens with 上記; null when the name has none. */
export function wholeOfPart(name: string): { whole: string; above: boolean } | null {
  // PART_OF starts with one of these two: a name with neither (most names) has nothing to scan for.
  if (!name.includes("のうち") && !name.includes("の内")) return null;
  let depth = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name[i]!;
    if (c === "（" || c === "(") depth++;
    else if ((c === "）" || c === ")") && depth > 0) depth--;
    else if (depth === 0 && c === "の" && PART_OF.test(name.slice(i, i + 4))) {
      const before = name.slice(0, i);
      const above = ABOVE.test(before);
      const whole = before.replace(ABOVE, "").trim();
      return whole === "" && !above ? null : { whole, above };
    }
  }
  return null;
}

/** A placed record with what linkParents compares it by, each worked out once. */
interface Linked extends Placed {
  i: number;
  /** Body and program: the program block. */
  scope: string;
  period: string;
}

/**
 * parent_record_id for each record of one document (the records with the document line each stands on). Records
 * are returned in the order given; a record keeps a parent_record_id it already has.
 */
export function linkParents(placed: readonly Placed[]): KpiRecord[] {
  // Keys joined by NUL, which no line holds (normalizeLine removes control characters).
  const order: Linked[] = placed
    .map((p, i) => ({ record: p.record, line: p.line, i, scope: `${p.record.body}\0${p.record.program}`, period: `${p.record.period_start_fy}-${p.record.period_end_fy}` }))
    .sort((a, b) => a.line - b.line || a.i - b.i);
  const parents = new Map<number, string>();
  const sameLine = (p: Linked, name: string) => `${p.line}\0${p.scope}\0${p.period}\0${nameKey(name)}`;

  // (a) the same line's whole: only looked up for a name with a （うち…） group, so only built when one has it.
  const uchi = order.map((p) => wholeOfUchi(p.record.kpi_name));
  const onLine = new Map<string, string>();
  if (uchi.some((w) => w !== null)) for (const p of order) onLine.set(sameLine(p, p.record.kpi_name), p.record.record_id);

  // (b) walking the document: within a program block (consecutive records of one body and program), the last record
  // of each period, and of each period and topic.
  let block = "";
  let last = new Map<string, string>();
  for (const [k, p] of order.entries()) {
    const r = p.record;
    if (p.scope !== block) [block, last] = [p.scope, new Map()];
    const whole = uchi[k]!;
    let parent = whole === null ? undefined : onLine.get(sameLine(p, whole));
    if (parent === undefined) {
      const part = wholeOfPart(r.kpi_name);
      if (part) {
        const topic = part.whole ? classifyKpi(part.whole).kpi_topic : "other";
        // The catch-all rule classifies anything as other: an X it alone takes is no indicator to look for.
        if (topic !== "other") parent = last.get(`${p.period}\t${topic}`);
        else if (part.above) parent = last.get(p.period);
      }
    }
    if (parent !== undefined && parent !== r.record_id) parents.set(p.i, parent);
    last.set(p.period, r.record_id);
    last.set(`${p.period}\t${r.kpi_topic}`, r.record_id);
  }
  return placed.map((p, i) => (p.record.parent_record_id === null && parents.has(i) ? { ...p.record, parent_record_id: parents.get(i)! } : p.record));
}
