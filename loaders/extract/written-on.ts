// When a document was written, as the document itself tells it: the latest date it states as past. A figure for a
// fiscal year that had not ended by then covers that year only up to that date (docs/kpi-record.md, actual_as_of).
import { findDates, type DateMention } from "./fiscal.ts";
import { normalizeNumerals } from "./japanese-numbers.ts";
import type { DocumentResult } from "./extract.ts";
import type { SourceEntry } from "./registry.ts";
import type { KpiRecord } from "./schema.ts";
import { MAX_LINE_CHARS, originOf, type SourceDoc } from "./source.ts";

/** Words near a date that make it a plan, not a past: 予定, 調整中, までに, 以降, 目指す, 見込み, までとする. */
const FUTURE = /予定|調整中|までに|以降|目指|見込|までと(?:する|し)/;
/** Words right after a month or a range's end that make it an as-of stamp: R7.1月末, R6.12月末現在, R6.12累計, R.6.12月までの速報値. */
const STAMP = /^\s*(?:末|現在|時点|累計|まで(?!に|と))/;
/** Words that date a past event by its month alone (令和6年7月開催, 令和3年6月改定). */
const EVENT = /^\s*(?:に|より)?\s*(?:開催|実施|策定|改定|改訂|作成|設置|決定|閣議決定|公表|発行|施行)/;
/** Words after a range's end that make the range a count up to it: (R1.8~R6.12累計), R6.4~R6.12実績. */
const PAST_RANGE_END = /^\s*(?:月\s*)?(?:末\s*)?(?:現在|時点|累計|実績|速報|までの)/;
/** What joins the two ends of a range: R1.8~R6.12, 令和5年4月1日から令和7年3月31日まで. */
const RANGE_JOIN = /^\s*(?:[~～〜\-－―]|から)\s*$/;
/** What ends the words that belong to a date: a clause, a bracket, a cell. */
const AFTER_END = /[。、，,;；\t）)】」』]/;
const BEFORE_END = /[。、，,;；\t（(【「『）)】」』]/;
/** How far beside a date its words are looked for. */
const AFTER_REACH = 16;
const BEFORE_REACH = 10;

export interface WrittenOn {
  date: string;
  /** The document line (1-based) that states it. */
  line: number;
}

/** The words after a date that belong to it: up to the next date, the end of its clause or bracket, or the reach. */
function wordsAfter(text: string, from: number, next: number): string {
  const words = text.slice(from, Math.min(next, from + AFTER_REACH));
  const stop = words.search(AFTER_END);
  return stop < 0 ? words : words.slice(0, stop);
}

/** The words before a date that belong to it: back to the previous date, the start of its clause or bracket, or the reach. */
function wordsBefore(text: string, to: number, previous: number): string {
  const words = text.slice(Math.max(previous, to - BEFORE_REACH), to);
  let start = -1;
  for (let i = words.length - 1; i >= 0; i--) {
    if (BEFORE_END.test(words[i]!)) {
      start = i;
      break;
    }
  }
  return words.slice(start + 1);
}

/**
 * Whether each of some ascending positions of a line stands inside a name in brackets (「令和7年4月1日施行…事業」,
 * 『…』, “…”); the line is scanned once.
 */
function insideNames(text: string, positions: readonly number[]): boolean[] {
  let depth = 0;
  let at = 0;
  return positions.map((index) => {
    for (; at < index; at++) {
      const ch = text[at];
      if (ch === "「" || ch === "『" || ch === "“") depth++;
      else if ((ch === "」" || ch === "』" || ch === "”") && depth > 0) depth--;
    }
    return depth > 0;
  });
}

/**
 * The dates of one line the document states as past, each an ISO date: an as-of stamp (R7.1月末現在, 令和6年12月末時点),
 * an event's day (R7.2.12, 2024年7月16日開催), a month with its event (令和3年6月改定). Left out: dates with a word
 * of plan beside them (R7.2.25予定, 調整中, までに, 以降, 目指す), a range's end unless it is a count up to it
 * (R1.8~R6.12累計 counts R6.12; 令和5年4月1日から令和7年3月31日までとする counts neither), a month or a fiscal
 * year's end with no stamp or event, and dates inside a name in brackets.
 */
export function pastDatesOf(line: string): string[] {
  const text = normalizeNumerals(line);
  const mentions = findDates(text);
  const named = insideNames(text, mentions.map((m) => m.index));
  const past: string[] = [];
  mentions.forEach((m: DateMention, i) => {
    if (named[i]) return;
    const previous = mentions[i - 1];
    const next = mentions[i + 1];
    const after = wordsAfter(text, m.end, next?.index ?? text.length);
    /** What follows the date, for the words that make it a stamp or an event. */
    const rest = text.slice(m.end, m.end + AFTER_REACH);
    const before = wordsBefore(text, m.index, previous?.end ?? 0);
    if (FUTURE.test(after) || FUTURE.test(before)) return;
    const rangeEnd = previous !== undefined && RANGE_JOIN.test(text.slice(previous.end, m.index));
    const rangeStart = next !== undefined && RANGE_JOIN.test(text.slice(m.end, next.index));
    if (rangeEnd && !PAST_RANGE_END.test(rest)) return;
    if (rangeStart) {
      // A range planned ahead (…から令和7年3月31日までとする) has no past start either.
      const afterEnd = wordsAfter(text, next.end, mentions[i + 2]?.index ?? text.length);
      if (FUTURE.test(afterEnd)) return;
    }
    switch (m.precision) {
      case "day":
        past.push(m.date);
        break;
      case "month":
        // A stamp counts to the month's end (R7.1月末現在); an event's month only tells it began (its first day).
        if (STAMP.test(rest)) past.push(m.date);
        else if (EVENT.test(rest)) past.push(`${m.date.slice(0, 8)}01`);
        break;
      case "fiscal_year_end":
        if (/^\s*(?:現在|時点)/.test(rest)) past.push(m.date);
        break;
    }
  });
  return past;
}

/** The latest date a document states as past, and the line that states it (the first such line); null when it states none. */
export function writtenOn(doc: SourceDoc): WrittenOn | null {
  let found: WrittenOn | null = null;
  doc.lines.forEach((line, i) => {
    // A line too long to be a statement is not read (extractDocument reports it).
    if (line.length > MAX_LINE_CHARS) return;
    for (const date of pastDatesOf(line)) if (found === null || date > found.date) found = { date, line: i + 1 };
  });
  return found;
}

/** A document's written_on date as the extraction report gives it: the registry's, else the document's. */
export interface WrittenOnSource {
  written_on: string | null;
  written_on_basis: "registry" | "document" | null;
  /** The file line that states the document's date; null for the registry's. */
  written_on_line: number | null;
}

/** The date a document was written: the registry's written_on (an analyst's statement) wins over the document's own. */
export function documentDate(doc: SourceDoc, entry: SourceEntry | null): WrittenOnSource {
  if (entry?.written_on) return { written_on: entry.written_on, written_on_basis: "registry", written_on_line: null };
  const found = writtenOn(doc);
  return found ? { written_on: found.date, written_on_basis: "document", written_on_line: originOf(doc, found.line).line } : { written_on: null, written_on_basis: null, written_on_line: null };
}

/** The last day of a fiscal year (April–March): FY2024 ends on 2025-03-31. */
export function fiscalYearEnd(fy: number): string {
  return `${fy + 1}-03-31`;
}

/**
 * A record's actual dated by the day its document was written: an actual with no as-of date, whose last fiscal year
 * had not ended on `writtenOn` (FY ends on (FY+1)-03-31), counts up to that day (basis written_on). Records with an
 * as-of date of their own keep it; so do records of finished years, and an actual of a year not yet begun (which no
 * date can make partial). The record_id does not change: the date is no key field.
 */
export function dateByWrittenOn(record: KpiRecord, writtenOn: string | null): KpiRecord {
  if (writtenOn === null || record.actual === null || record.actual_as_of !== null) return record;
  if (writtenOn >= fiscalYearEnd(record.period_end_fy) || writtenOn < `${record.period_start_fy}-04-01`) return record;
  return { ...record, actual_as_of: writtenOn, actual_as_of_basis: "written_on" };
}

/** A document's result with its undated actuals of unfinished years dated (dateByWrittenOn) and its date in the summary. */
export function applyWrittenOn(result: DocumentResult, doc: SourceDoc, entry: SourceEntry | null): DocumentResult {
  const date = documentDate(doc, entry);
  return { ...result, records: result.records.map((r) => dateByWrittenOn(r, date.written_on)), summary: { ...result.summary, ...date } };
}
