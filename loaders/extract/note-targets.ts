// Which KPIs a note speaks of, when one explanation follows a run of consecutive KPI statements:
//   ・個別ケースの連絡調整会議の開催数　R5目標：5回　R5実績：1回
//   ・連絡調整会議から社会参加へつながった者の数　R5目標：3人　R5実績：4人
//   連絡調整会議の開催回数は、目標を下回っているが、…社会参加に繋がった者の数は、目標を上回る…   ← both
// A note belongs to the KPIs it names — by a shared run of words (fuzzy: 開催回数 and 開催数, 繋がった and つながった)
// or by order (前者/後者, 1つ目/2つ目, ①②) — and, when it names none of them, to every KPI of the run.

/** Written variants of one word, folded to one form on both sides (繋がる/つながる). */
const VARIANTS: [RegExp, string][] = [
  [/つなが/g, "繋が"],
  [/つなげ/g, "繋げ"],
  [/結びつ|結び付/g, "結付"],
  [/取り組み|取組み|取り組/g, "取組"],
  [/申し込み|申込み|申し込/g, "申込"],
  [/問い合わせ|問合せ|問い合せ/g, "問合"],
  [/受け入れ|受入れ/g, "受入"],
  [/立ち上げ|立上げ/g, "立上"],
  [/働きかけ|働き掛け/g, "働掛"],
  [/引きこもり|引き籠り/g, "ひきこもり"],
  [/子ども|子供/g, "子供"],
];

/**
 * Words any KPI and any note of these documents may hold: a shared run of them says nothing about which KPI a note
 * speaks of. They split the text where they stand, so that the words on either side do not join into a run.
 */
const GENERIC = /目標値?|実績値?|達成|人数|件数|者数|回数|の数|就職氷河期世代|氷河期世代|就職氷河期|本事業|当該事業|令和|平成|年度/g;
/** What is not a word: spaces, punctuation, brackets, digits (a figure is not a name). */
const NOT_WORD = /[\s\p{P}\p{S}\d]+/gu;
const SPLIT = "\u0000";

/** The shortest shared run of characters that names a KPI. */
export const MIN_SHARED = 4;

/** A text as it is compared: NFKC, variants folded, generic words and marks turned into splits. */
export function comparable(text: string): string {
  let s = text.normalize("NFKC");
  for (const [pattern, to] of VARIANTS) s = s.replace(pattern, to);
  return s.replace(GENERIC, SPLIT).replace(NOT_WORD, SPLIT);
}

/** Hiragana alone (につながった, ことにより) is grammar, not a name: a run must hold this many other characters. */
const MIN_CONTENT = 2;
const HIRAGANA = /[\u3041-\u309f]/;

/** A run of characters a note shares with a KPI name: where it stands in the note, [start, end). */
export interface SharedRun {
  start: number;
  end: number;
}

/**
 * The runs of at least MIN_SHARED characters, MIN_CONTENT of them not hiragana, that a comparable note shares with a
 * comparable name: for each place of the note, the longest run ending there. Dynamic programming over the note,
 * touching at each character only the places of the name that hold it: time about |note| for a name of distinct
 * characters, memory |name|.
 */
export function sharedRuns(note: string, name: string): SharedRun[] {
  const places = new Map<string, number[]>();
  for (let j = name.length - 1; j >= 0; j--) {
    const c = name[j]!;
    if (c === SPLIT) continue;
    const list = places.get(c) ?? [];
    list.push(j + 1); // descending: a place is read (as j - 1) before it is written
    places.set(c, list);
  }
  const run = new Uint32Array(name.length + 1);
  const content = new Uint32Array(name.length + 1);
  // The note's place at which run[j] was last written (+1: 0 is never).
  const stamp = new Uint32Array(name.length + 1);
  const out: SharedRun[] = [];
  for (let i = 0; i < note.length; i++) {
    const c = note[i]!;
    const list = c === SPLIT ? undefined : places.get(c);
    if (!list) continue;
    const weight = HIRAGANA.test(c) ? 0 : 1;
    let longest = 0;
    for (const j of list) {
      const goesOn = stamp[j - 1] === i; // written at note place i - 1
      run[j] = (goesOn ? run[j - 1]! : 0) + 1;
      content[j] = (goesOn ? content[j - 1]! : 0) + weight;
      stamp[j] = i + 1;
      if (content[j]! >= MIN_CONTENT && run[j]! > longest) longest = run[j]!;
    }
    if (longest >= MIN_SHARED) out.push({ start: i + 1 - longest, end: i + 1 });
  }
  return out;
}

/** A note's reference to the n-th KPI of the run by order (0-based; -1: the last). */
const ORDINALS: [RegExp, (text: string) => number][] = [
  [/前者/g, () => 0],
  [/後者/g, () => -1],
  [/([1-9１-９]|[一二三四五六七八九])\s*(?:つ|点|項目|番)目/g, (t) => ordinalNumber(t) - 1],
  // ①は…②は…: a circled number that a particle follows refers to a KPI; one that opens a list item (①周知不足) does not.
  [/[\u2460-\u2473](?=\s*(?:は|が|も|の|について|に関))/g, (t) => t.codePointAt(0)! - 0x2460],
  [/[\u2776-\u277f](?=\s*(?:は|が|も|の|について|に関))/g, (t) => t.codePointAt(0)! - 0x2776],
];
const KANJI_DIGITS = "一二三四五六七八九";

function ordinalNumber(text: string): number {
  const m = /[1-9]|[一二三四五六七八九]/.exec(text.normalize("NFKC"))!;
  return /\d/.test(m[0]) ? Number(m[0]) : KANJI_DIGITS.indexOf(m[0]) + 1;
}

/** The KPIs of the run (by index) a note refers to by order. */
function byOrder(note: string, count: number): number[] {
  const out: number[] = [];
  // Not NFKC: it would turn ① into 1.
  for (const [pattern, index] of ORDINALS) {
    for (const m of note.matchAll(pattern)) {
      // 前者/後者 are the first and the last of two or more.
      const i = index(m[0]);
      const at = i < 0 ? count + i : i;
      if (count >= 2 && at >= 0 && at < count) out.push(at);
    }
  }
  return out;
}

/** The whole name, written in the note as it stands (a name too short for a shared run: 就職者数). */
function writtenWhole(note: string, kpiName: string): boolean {
  const whole = kpiName.normalize("NFKC").replace(/\s+/g, "");
  return whole.length >= 2 && note.normalize("NFKC").replace(/\s+/g, "").includes(whole);
}

/** The part of a note read for names: a note names its KPIs in its opening, and a long one costs no more than this. */
export const MAX_NOTE_CHARS = 2000;
/** The part of a KPI name compared, and the longest run of KPIs whose names are compared word by word. */
export const MAX_NAME_CHARS = 200;
export const MAX_RUN = 100;

/**
 * The KPIs (indices into `kpiNames`) a note names. A passage of the note that two names share is given to the name it
 * matches longest: 「連絡調整会議の開催回数」 names 「個別ケースの連絡調整会議の開催数」 (連絡調整会議の開催), not
 * 「連絡調整会議から社会参加へ…」, which shares 連絡調整会議 only. A KPI is named by a run no other KPI's longer run
 * covers.
 */
export function namedKpis(note: string, kpiNames: readonly string[]): number[] {
  const head = note.slice(0, MAX_NOTE_CHARS);
  // A list longer than a note can speak of by shared words: whole names only.
  if (kpiNames.length > MAX_RUN) return kpiNames.flatMap((name, i) => (writtenWhole(head, name) ? [i] : []));
  const text = comparable(head);
  const runs = kpiNames.map((name) => sharedRuns(text, comparable(name).slice(0, MAX_NAME_CHARS)));
  // earliest[e]: over the runs of one KPI ending at e or later, the earliest start (a run covering [s, e) of the
  // note starts at or before s and ends at or after e). Per place, the two earliest of all KPIs, with their KPI.
  const size = text.length + 2;
  const best = [new Float64Array(size).fill(Infinity), new Float64Array(size).fill(Infinity)];
  const who = [new Int32Array(size).fill(-1), new Int32Array(size).fill(-1)];
  const earliest = new Float64Array(size);
  runs.forEach((list, k) => {
    earliest.fill(Infinity);
    for (const r of list) earliest[r.end] = Math.min(earliest[r.end]!, r.start);
    for (let e = size - 2; e >= 0; e--) earliest[e] = Math.min(earliest[e]!, earliest[e + 1]!);
    for (let e = 0; e < size; e++) {
      const v = earliest[e]!;
      if (v < best[0]![e]!) [best[1]![e], who[1]![e], best[0]![e], who[0]![e]] = [best[0]![e]!, who[0]![e]!, v, k];
      else if (v < best[1]![e]!) [best[1]![e], who[1]![e]] = [v, k];
    }
  });
  /** The earliest start of another KPI's runs ending at e or later. */
  const other = (i: number, e: number) => (who[0]![e] !== i ? best[0]![e]! : best[1]![e]!);
  // Beaten: another KPI's run covers [s, e) and is longer (starts before s, or starts at s and ends after e).
  const beaten = (i: number, r: SharedRun) => other(i, r.end) < r.start || other(i, r.end + 1) <= r.start;
  const named: number[] = [];
  kpiNames.forEach((name, i) => {
    if (writtenWhole(head, name) || runs[i]!.some((r) => !beaten(i, r))) named.push(i);
  });
  return named;
}

/** Whether a note names a KPI, taken alone: a shared run of MIN_SHARED characters, or the whole name written in it. */
export function namesKpi(note: string, kpiName: string): boolean {
  return namedKpis(note, [kpiName]).length > 0;
}

/**
 * The KPIs (indices into `kpiNames`, the run of consecutive KPI statements the note follows, in order) a note
 * belongs to: those it names or refers to by order; all of them when it names none.
 */
export function noteTargets(note: string, kpiNames: readonly string[]): number[] {
  if (kpiNames.length <= 1) return kpiNames.map((_, i) => i);
  const chosen = new Set<number>([...byOrder(note, kpiNames.length), ...namedKpis(note, kpiNames)]);
  return chosen.size === 0 ? kpiNames.map((_, i) => i) : [...chosen].sort((a, b) => a - b);
}
