// Property-based tests of the extraction helpers, one by one: on hostile strings (control characters, surrogate
// halves, eras, units, runs of hundreds of digits) they never throw and never yield NaN, Infinity, an impossible
// year or date; values written the way the documents write them read back to themselves; and the text functions
// keep their algebra (idempotent, symmetric, reversible). test/fuzz.test.ts reaches the same helpers only through
// the parsers; test/helpers.test.ts holds the worked examples. FUZZ_RUNS sets the cases per property (default 1000;
// FUZZ_RUNS=10000 for a long run), FUZZ_SEED the seed (fast-check prints the seed and path of a failure).
import { isUtf8 } from "node:buffer";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { BodyError, findPrefectureIn, isAdministered, localGovernmentsOf, prefectureByName, resolveAgencyTag, resolveLocalGov, resolvePlatform, type BodyInfo } from "../loaders/extract/bodies.ts";
import { classifyKpi, classifySupportTarget } from "../loaders/extract/classify.ts";
import { eraToWestern, findFiscalYear, findStage, findYearsSpan, fiscalYearOfDate, parseAsOf, parseCumulativeRange, parseFiscalYear, STAGES, stagePeriod } from "../loaders/extract/fiscal.ts";
import { parseJapaneseQuantity } from "../loaders/extract/japanese-numbers.ts";
import { NUMBER_SOURCE, parseNumber } from "../loaders/extract/numbers.ts";
import { BODY_LEVELS, COLUMNS, DIRECTIONS, DOCUMENT_KINDS, FY_MAX, FY_MIN, KPI_KINDS, KPI_TOPICS, recordId, SUPPORT_TARGETS, TARGET_OPS, validateRecord, verifyLocalGovCheckDigit, type KpiRecord } from "../loaders/extract/schema.ts";
import { readDataTable } from "../loaders/extract/data-tables.ts";
import { decodeText, detectEncoding, diceSimilarity, foldWidth, joinWrapped, normalizeLine, removeSpaces, splitLines, squish } from "../loaders/extract/text.ts";
import { canonicalUnit, unitFromName } from "../loaders/extract/units.ts";

const RUNS = Number(process.env.FUZZ_RUNS || 1000);
// A fixed seed, so that npm test tries the same cases every run; FUZZ_SEED=N tries others.
const options = { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED || 20261121) };

// ---- generators -------------------------------------------------------------------------------------------------

const DIGITS = [..."0123456789"];
const PIECES = [
  ...DIGITS, ..."０１２３４５６７８９", ",", "，", ".", "．", "、", " ", "　", "\t", "+", "-", "－",
  "令和", "平成", "R", "H", "Ｒ", "Ｈ", "元", "年度", "年", "年間", "で", "月", "末", "月末", "日", "現在", "まで", "時点",
  "~", "～", "〜", "ー", "累計", "第", "ステージ", "一", "二", "三",
  "人", "件", "社", "回", "名", "%", "％", "以上", "市町", "か所", "千円", "（", "）", "(", ")", "人数", "件数",
  "兵庫", "兵庫県", "広島県", "ひろしま", "京都", "東京都", "北海道", "府中市", "神戸市", "泊村", "労働局", "県", "・", "プラットフォーム",
  "就職者数", "正社員", "社会参加", "相談", "離職率", "企業数", "ひきこもり", "不安定な就労", "無業", "ｶ", "ﾞ", "ｰ",
];
const CONTROLS = ["\u0000", "\u0001", "\u0007", "\b", "\u000b", "\f", "\u001b", "\u001f", "\u007f", "\u0085", "\u009f", "\u200b", "\ufeff", "\r", "\n", "\u2028"];
const SURROGATE_HALVES = ["\ud800", "\udbff", "\udc00", "\udfff"];

/** One unit of a hostile string: a document fragment, a control character, a surrogate half, a long digit run or any code point. */
const hostileUnit = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.constantFrom(...CONTROLS, ...SURROGATE_HALVES) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 16, maxLength: 400 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
);
const hostile = fc.string({ unit: hostileUnit, maxLength: 30 });

/** A slot of a date-like template: mostly a form the documents use, else a near miss or anything hostile. */
const slot = (usual: string[], odd: string[] = []) =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...usual) }, { weight: 2, arbitrary: fc.constantFrom(...odd, "") }, { weight: 1, arbitrary: hostile });
const eraSlot = slot(["令和", "R", "平成", "H", "Ｒ", "R."], ["昭和", "r"]);
const yearSlot = slot(["元", "1", "6", "31", "99", "１２"], ["0", "00", "100"]);
const monthSlot = slot(["1", "2", "02", "12", "０２", "4"], ["0", "13", "99"]);
/** Text shaped like as-of dates, cumulative ranges and stage spans, with impossible years, months and days. */
const dateLike = fc.oneof(
  fc.tuple(eraSlot, yearSlot, slot([".", "年", "．"]), monthSlot, slot(["月"]), slot(["末", "29日", "30日", "31日"], ["0日", "32日"]), slot(["現在", "まで", "時点", "末現在"])),
  fc.tuple(eraSlot, yearSlot, slot(["."]), monthSlot, slot(["~", "～", "-"]), eraSlot, yearSlot, slot(["."]), monthSlot, slot(["月", ""]), slot(["累計"])),
  fc.tuple(slot(["第"]), slot(["一", "二", "1", "２"], ["三", "0", "9"]), slot(["ステージ"]), slot(["2", "3", "２"], ["0", "99", "9".repeat(30)]), slot(["年間"], ["年"])),
).map((parts) => parts.join(""));

/** Filler that names no era, digit, unit, prefecture or separator, to put around a value in running text. */
const filler = fc.string({ unit: fc.constantFrom("目標", "実績", "：", "の", "就職", "事業", "・", "「", "」", " ", "　", "a", "x"), maxLength: 6 });

const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z,.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** Inserts whitespace at the positions `at` picks. */
const withSpaces = (s: string, at: number[]) => [...s].map((c, i) => (at.includes(i) ? ` ${c}` : c)).join("");

// ---- shared expectations ----------------------------------------------------------------------------------------

/** Era years of one or two digits: 平成1 (1989) to 令和99 (2117). Whether a year is in the dataset's range is validateRecord's call. */
const ERA_YEAR_MIN = 1989;
const ERA_YEAR_MAX = 2117;

function expectYear(year: number | null): void {
  if (year === null) return;
  expect(Number.isInteger(year)).toBe(true);
  expect(year).toBeGreaterThanOrEqual(ERA_YEAR_MIN);
  expect(year).toBeLessThanOrEqual(ERA_YEAR_MAX);
}

function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}

function monthEnd(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const fiscalYearOf = (year: number, month: number) => (month >= 4 ? year : year - 1);

// ---- numbers ----------------------------------------------------------------------------------------------------

describe("numbers", () => {
  it("parseNumber and parseJapaneseQuantity never throw and give null or a finite value; they agree on bare numbers", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const n = parseNumber(text);
        const q = parseJapaneseQuantity(text);
        if (n !== null) expect(Number.isFinite(n)).toBe(true);
        if (q !== null) {
          expect(Number.isFinite(q.value)).toBe(true);
          expect(["eq", "gte", "gt", "lte", "lt"]).toContain(q.op);
          if (q.unit !== null) expect(canonicalUnit(q.unit)).toBe(q.unit);
          if (n !== null && q.unit === null) expect(q.value).toBe(n);
        }
      }),
      options,
    );
  });

  it("reads back any integer to 10^12, with or without separators, in half or full width", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.boolean(), fc.boolean(), fc.constantFrom(",", "，", "、"), fc.constantFrom("", " ", "　"), (n, separated, wide, comma, pad) => {
        let written = separated ? n.toLocaleString("en-US") : String(n);
        if (wide) written = toFullWidth(written);
        written = written.replace(/[,，]/g, comma);
        expect(parseNumber(pad + written + pad)).toBe(n);
        if (comma !== "、") expect(parseJapaneseQuantity(written + "人以上")).toMatchObject({ value: n, unit: "人", op: "gte" });
      }),
      options,
    );
  });

  it("reads back decimals and signs", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.string({ unit: fc.constantFrom(...DIGITS), minLength: 1, maxLength: 6 }), fc.boolean(), fc.constantFrom("", "+", "-", "＋", "－"), (n, fraction, wide, sign) => {
        const expected = Number(`${n}.${fraction}`) * (/[-－]/.test(sign) ? -1 : 1);
        const written = n.toLocaleString("en-US") + "." + fraction;
        expect(parseNumber(sign + (wide ? toFullWidth(written) : written))).toBe(expected);
        if (!sign) expect(parseJapaneseQuantity(written + "件")?.value).toBe(expected);
      }),
      options,
    );
  });

  it("NUMBER_SOURCE finds a written number whole in running text, and every match is a number parseNumber reads", () => {
    const scan = new RegExp(NUMBER_SOURCE, "g");
    fc.assert(
      fc.property(filler, fc.integer({ min: 0, max: 1e12 }), fc.boolean(), fc.constantFrom("人", "件以上", "回", "。", ""), hostile, (before, n, separated, after, noise) => {
        const written = separated ? n.toLocaleString("en-US") : String(n);
        const found = new RegExp(NUMBER_SOURCE).exec(before + written + after);
        expect(found?.[0]).toBe(written);
        for (const [match] of foldWidth(noise).matchAll(scan)) {
          if (Number.isFinite(Number(match.replace(/,/g, "")))) expect(parseNumber(match)).toBe(Number(match.replace(/,/g, "")));
          else expect(parseNumber(match)).toBeNull();
        }
      }),
      options,
    );
  });
});

// ---- fiscal years and dates -------------------------------------------------------------------------------------

/** Every way the documents spell the fiscal year starting in `year`: era, era year and whether 元 may stand for 1. */
function eraSpellings(year: number): { era: string; n: number }[] {
  const out: { era: string; n: number }[] = [];
  if (year >= 2019) out.push({ era: "令和", n: year - 2018 }, { era: "R", n: year - 2018 });
  if (year <= 2019) out.push({ era: "平成", n: year - 1988 }, { era: "H", n: year - 1988 });
  return out;
}

const fiscalYearText = fc
  .record({
    year: fc.integer({ min: FY_MIN, max: FY_MAX }),
    pick: fc.nat(),
    wide: fc.boolean(),
    gan: fc.boolean(),
    gap: fc.constantFrom("", " ", ".", "．", " . "),
    suffix: fc.constantFrom("", "年度", "年", " 年度"),
  })
  .map(({ year, pick, wide, gan, gap, suffix }) => {
    const spellings = eraSpellings(year);
    const { era, n } = spellings[pick % spellings.length]!;
    const digits = n === 1 && gan && era.length === 2 ? "元" : wide ? toFullWidth(String(n)) : String(n);
    return { year, text: `${wide ? toFullWidth(era) : era}${gap}${digits}${suffix}` };
  });

describe("fiscal years and dates", () => {
  it("every fiscal helper is total on hostile and date-like text: years are era years, dates real ISO dates, spans exact", () => {
    fc.assert(
      fc.property(fc.oneof(hostile, dateLike), (text) => {
        expectYear(parseFiscalYear(text));
        expectYear(findFiscalYear(text));
        const asOf = parseAsOf(text);
        if (asOf !== null) {
          expect(isIsoDate(asOf)).toBe(true);
          expectYear(Number(asOf.slice(0, 4)));
        }
        const stage = findStage(text);
        expect([null, "first", "second"]).toContain(stage);
        const years = findYearsSpan(text);
        if (years !== null) {
          expect(Number.isSafeInteger(years)).toBe(true);
          const period = stagePeriod(years, { stage, start: findFiscalYear(text) });
          if (period) {
            expect(Number.isSafeInteger(period.start) && Number.isSafeInteger(period.end)).toBe(true);
            expect(period.end - period.start + 1).toBe(years);
          }
        }
        const range = parseCumulativeRange(text);
        if (range) {
          expect(isIsoDate(range.asOf)).toBe(true);
          expect(range.period.end).toBe(fiscalYearOfDate(range.asOf));
          expect(Number.isInteger(range.period.start)).toBe(true);
        }
      }),
      options,
    );
  });

  it("eraToWestern maps era years 1–99 (元 = 1) and refuses everything else", () => {
    const ERA_STARTS: Record<string, number | undefined> = { 令和: 2019, R: 2019, 平成: 1989, H: 1989 };
    fc.assert(
      fc.property(fc.constantFrom("令和", "R", "平成", "H", "昭和", "Ｒ", ""), fc.oneof(fc.integer({ min: -200, max: 200 }), fc.double()), (era, n) => {
        const start = ERA_STARTS[era];
        const expected = start !== undefined && Number.isInteger(n) && n >= 1 && n <= 99 ? start + n - 1 : null;
        expect(eraToWestern(era, n)).toBe(expected);
        if (Number.isInteger(n)) expect(eraToWestern(era, String(n))).toBe(expected);
      }),
      options,
    );
    expect(eraToWestern("令和", "元")).toBe(2019);
  });

  it("reads back every fiscal year of the dataset's range as the documents spell it, alone or in running text", () => {
    fc.assert(
      fc.property(fiscalYearText, filler, filler, ({ year, text }, before, after) => {
        expect(parseFiscalYear(text)).toBe(year);
        expect(parseFiscalYear(`　${text} `)).toBe(year);
        expect(findFiscalYear(before + text + "目標" + after)).toBe(year);
      }),
      options,
    );
  });

  it("fiscalYearOfDate puts January–March in the previous fiscal year", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1989-01-01"), max: new Date("2117-12-31"), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        expect(fiscalYearOfDate(iso)).toBe(fiscalYearOf(date.getUTCFullYear(), date.getUTCMonth() + 1));
      }),
      options,
    );
  });

  it("reads back as-of dates as the documents write them: month ends or the stated day, null for days that do not exist", () => {
    const asOfText = fc.record({
      n: fc.integer({ min: 1, max: 17 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.option(fc.integer({ min: 1, max: 31 })),
      era: fc.constantFrom("R", "令和", "R.", "Ｒ", "Ｒ．"),
      gan: fc.boolean(),
      sep: fc.constantFrom(".", "年", "．", " . "),
      wide: fc.boolean(),
      padded: fc.boolean(),
      tail: fc.constantFrom("末現在", "末時点", "末まで", "現在", "まで", "時点", " 末 現在"),
      wrap: fc.constantFrom(["(", ")"], ["（", "）"], ["", "の速報値"], ["実績", "）"]),
    });
    fc.assert(
      fc.property(asOfText, filler, ({ n, month, day, era, gan, sep, wide, padded, tail, wrap }, before) => {
        const digits = (x: number) => (wide ? toFullWidth : String)(padded ? String(x).padStart(2, "0") : String(x));
        const yearText = n === 1 && gan && era === "令和" ? "元" : digits(n);
        const dayText = day === null ? tail : `${digits(day)}日${tail.replace(/^\s*末\s*/, "") || "現在"}`;
        const text = `${before}${wrap[0]}${era}${yearText}${sep}${digits(month)}月${dayText}${wrap[1]}`;
        const year = 2018 + n;
        const end = monthEnd(year, month);
        const expected = day === null ? end : day <= Number(end.slice(8)) ? `${end.slice(0, 8)}${String(day).padStart(2, "0")}` : null;
        const asOf = parseAsOf(text);
        expect(asOf).toBe(expected);
        if (asOf !== null) {
          expect(isIsoDate(asOf)).toBe(true);
          expect(fiscalYearOfDate(asOf)).toBe(fiscalYearOf(year, month));
        }
      }),
      options,
    );
  });

  it("reads back cumulative ranges: fiscal years of the first and last month, the last month's end as of", () => {
    const month = fc.record({ year: fc.integer({ min: FY_MIN, max: FY_MAX }), month: fc.integer({ min: 1, max: 12 }), pick: fc.nat() });
    const written = ({ year, month, pick }: { year: number; month: number; pick: number }) => {
      const spellings = eraSpellings(year);
      const { era, n } = spellings[pick % spellings.length]!;
      return `${era}${n}.${month}`;
    };
    fc.assert(
      fc.property(month, month, fc.constantFrom("~", "～", "〜", "-", "ー", " ~ "), fc.constantFrom("", "月"), filler, (a, b, dash, tsuki, before) => {
        const [from, to] = a.year * 12 + a.month <= b.year * 12 + b.month ? [a, b] : [b, a];
        const range = parseCumulativeRange(`${before}(${written(from)}${dash}${written(to)}${tsuki}累計)`);
        expect(range).toEqual({ period: { start: fiscalYearOf(from.year, from.month), end: fiscalYearOf(to.year, to.month) }, asOf: monthEnd(to.year, to.month) });
      }),
      options,
    );
  });

  it("findStage, findYearsSpan and stagePeriod read 第Nステージ and N年間, and a stage's period has the stage's length", () => {
    const KANJI = ["", "一", "二", "三", "四", "五"];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.boolean(), fc.boolean(), fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: FY_MIN, max: FY_MAX }), filler, (stageNo, kanji, wide, years, start, before) => {
        const stageText = kanji ? KANJI[stageNo]! : wide ? toFullWidth(String(stageNo)) : String(stageNo);
        const stage = findStage(`${before}「第 ${stageText} ステージ」`);
        expect(stage).toBe(stageNo === 1 ? "first" : stageNo === 2 ? "second" : null);
        expect(findYearsSpan(`${before}${wide ? toFullWidth(String(years)) : years}年間で`)).toBe(years);
        if (stage) {
          const { start: s, end: e } = STAGES[stage];
          expect(stagePeriod(years, { stage, start })).toEqual(e - s + 1 === years ? { start: s, end: e } : null);
        }
        if (years >= 1) expect(stagePeriod(years, { start })).toEqual({ start, end: start + years - 1 });
        expect(stagePeriod(years, {})).toBeNull();
      }),
      options,
    );
  });
});

// ---- text -------------------------------------------------------------------------------------------------------

/** Characters that Shift_JIS (CP932) encodes and decodes back to themselves: ASCII, kana, full-width forms, kanji. */
const CP932_CHARS = (() => {
  const codes: number[] = [0x0a];
  const ranges: [number, number][] = [[0x20, 0x7e], [0x3000, 0x30ff], [0x4e00, 0x9fa0], [0xff01, 0xff9f]];
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) codes.push(c);
  return codes.map((c) => String.fromCodePoint(c)).filter((c) => {
    const bytes = iconv.encode(c, "cp932");
    return (c === "?" || bytes.toString("latin1") !== "?") && iconv.decode(bytes, "cp932") === c;
  });
})();
const JAPANESE = CP932_CHARS.filter((c) => c.codePointAt(0)! >= 0x3000);

const BOM = [0xef, 0xbb, 0xbf];
/** Well-formed text not starting with U+FEFF, which in UTF-8 is indistinguishable from a BOM. */
const wellFormed = fc.string({ unit: fc.oneof(fc.constantFrom(...PIECES, "\r", "\n"), fc.string({ unit: "binary", minLength: 1, maxLength: 1 })), maxLength: 40 }).filter((s) => !s.startsWith("\ufeff"));
const WHITESPACE = /\s/;
const REMOVED_BY_NORMALIZE = /[\p{Cc}\u200b\ufeff]/u;

describe("text", () => {
  it("decodeText never throws on arbitrary bytes, reports the detected encoding, and reads a view as its copy", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const result = decodeText(bytes);
        expect(typeof result.text).toBe("string");
        expect(result.encoding).toBe(detectEncoding(bytes));
        const [from, to] = [a % (bytes.length + 1), b % (bytes.length + 1)].sort((x, y) => x - y) as [number, number];
        expect(decodeText(bytes.subarray(from, to))).toEqual(decodeText(bytes.slice(from, to)));
      }),
      options,
    );
  });

  it("decodeText gives the same text for UTF-8 with and without a BOM, and for UTF-16 with its BOM", () => {
    fc.assert(
      fc.property(wellFormed, (text) => {
        const utf8 = new TextEncoder().encode(text);
        expect(decodeText(utf8)).toEqual({ text, encoding: "utf-8" });
        expect(decodeText(new Uint8Array([...BOM, ...utf8]))).toEqual({ text, encoding: "utf-8-bom" });
        expect(decodeText(new Uint8Array([0xff, 0xfe, ...iconv.encode(text, "utf-16le")]))).toEqual({ text, encoding: "utf-16le" });
        expect(decodeText(new Uint8Array([0xfe, 0xff, ...iconv.encode(text, "utf-16be")]))).toEqual({ text, encoding: "utf-16be" });
      }),
      options,
    );
  });

  it("decodeText reads back Japanese text saved as Shift_JIS, unless its bytes happen to be valid UTF-8", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...CP932_CHARS), maxLength: 40 }), fc.string({ unit: fc.constantFrom(...JAPANESE), minLength: 1, maxLength: 3 }), (text, japanese) => {
        const sjis = new Uint8Array(iconv.encode(text + japanese, "cp932"));
        // A short text can be both (逶　 is E7 9D 81 40, 盁@ in UTF-8); detection prefers UTF-8, as it must.
        if (isUtf8(sjis)) expect(decodeText(sjis).encoding).toBe("utf-8");
        else expect(decodeText(sjis)).toEqual({ text: text + japanese, encoding: "shift_jis" });
      }),
      options,
    );
  });

  it("foldWidth is idempotent, leaves nothing to fold, and folds full-width ASCII back to itself", () => {
    fc.assert(
      fc.property(hostile, fc.string({ unit: fc.constantFrom(..."0123456789AZaz,.:%+-"), maxLength: 20 }), (text, ascii) => {
        const folded = foldWidth(text);
        expect(foldWidth(folded)).toBe(folded);
        expect(folded).not.toMatch(/[０-９Ａ-Ｚａ-ｚ，．：％＋－\u3000\uff61-\uff9f]/);
        const wide = ascii.replace(/[0-9A-Za-z,.:%+-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect(foldWidth(wide)).toBe(ascii);
      }),
      options,
    );
  });

  it("normalizeLine is idempotent and removes exactly the control characters but tab and LF, ZWSP and BOM, from the folded line", () => {
    fc.assert(
      fc.property(hostile, (line) => {
        const normalized = normalizeLine(line);
        expect(normalizeLine(normalized)).toBe(normalized);
        const kept = [...foldWidth(line)].filter((c) => c === "\t" || c === "\n" || !REMOVED_BY_NORMALIZE.test(c)).join("");
        expect(normalized).toBe(kept);
      }),
      options,
    );
  });

  it("squish is idempotent and leaves single inner spaces; removeSpaces leaves no whitespace and every other character", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const squished = squish(text);
        expect(squish(squished)).toBe(squished);
        expect(squished).not.toMatch(/^\s|\s$|\s\s|[^\S ]/);
        const removed = removeSpaces(text);
        expect(removed).not.toMatch(WHITESPACE);
        expect(removeSpaces(squished)).toBe(removed);
        expect(removed).toBe([...text].filter((c) => !WHITESPACE.test(c)).join(""));
      }),
      options,
    );
  });

  it("splitLines gives back the lines joined with LF, CRLF or CR", () => {
    const line = hostile.map((s) => s.replace(/[\r\n]/g, ""));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), fc.constantFrom("\n", "\r\n", "\r"), (lines, eol) => {
        expect(splitLines(lines.join(eol))).toEqual(lines);
      }),
      options,
    );
  });

  it("joinWrapped drops only whitespace, and adds a space only between ASCII words", () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 6 }), (parts) => {
        const joined = joinWrapped(parts);
        expect(removeSpaces(joined)).toBe(removeSpaces(parts.join("")));
        expect(joined).not.toMatch(/^\s|\s$/);
        expect(joined.length).toBeLessThanOrEqual(parts.join(" ").length);
      }),
      options,
    );
  });

  it("diceSimilarity lies in [0, 1], is symmetric, ignores whitespace, and is 1 for a text with itself", () => {
    const word = fc.string({ unit: fc.constantFrom(..."就職者数正社員相談AIaz01"), minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(hostile, hostile, word, fc.array(fc.nat(12)), (a, b, same, at) => {
        const score = diceSimilarity(a, b);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(diceSimilarity(b, a)).toBe(score);
        expect(diceSimilarity(withSpaces(a, at), b)).toBe(score);
        expect([0, 1]).toContain(diceSimilarity(a, a));
        expect(diceSimilarity(same, withSpaces(same, at))).toBe(1);
      }),
      options,
    );
  });
});

// ---- units ------------------------------------------------------------------------------------------------------

const UNIT_ROWS = readDataTable("rules/units.csv");

describe("units", () => {
  it("canonicalUnit is idempotent, and unitFromName gives null or a canonical unit", () => {
    fc.assert(
      fc.property(fc.oneof(hostile, fc.constantFrom(...UNIT_ROWS.map((r) => r.unit!))), (text) => {
        expect(canonicalUnit(canonicalUnit(text))).toBe(canonicalUnit(text));
        const unit = unitFromName(text);
        if (unit !== null) expect(canonicalUnit(unit)).toBe(unit);
      }),
      options,
    );
  });

  it("parseJapaneseQuantity reads every unit of data/rules/units.csv after a number, as its canonical unit", () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNIT_ROWS), fc.integer({ min: 0, max: 1e9 }), fc.constantFrom("", " ", "　"), fc.boolean(), ({ unit, canonical }, n, gap, atLeast) => {
        expect(parseJapaneseQuantity(`${n.toLocaleString("en-US")}${gap}${unit}${atLeast ? `${gap}以上` : ""}`)).toMatchObject({ value: n, unit: canonical, op: atLeast ? "gte" : "eq" });
      }),
      options,
    );
  });

  it("unitFromName reads a unit in brackets at the end of any name", () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom(["人", "人"], ["件", "件"], ["社", "社"], ["企業数", "社"]), fc.constantFrom(["（", "）"], ["(", ")"]), fc.constantFrom("", " "), (name, [written, unit], [open, close], trailing) => {
        expect(unitFromName(`${name}${open}${written}${close}${trailing}`)).toBe(unit);
      }),
      options,
    );
  });
});

// ---- bodies -----------------------------------------------------------------------------------------------------

const ALL_BODIES = Array.from({ length: 47 }, (_, i) => localGovernmentsOf(String(i + 1).padStart(2, "0"))).flat();
const PREFECTURES = ALL_BODIES.filter((b) => b.body_level === "prefecture");
const RUBIES = readDataTable("reference/local_governments.csv").filter((r) => r.level === "prefecture").map((r) => r.prefecture_ruby!);
const bodyText = fc.string({ unit: fc.oneof(hostileUnit, fc.constantFrom(...ALL_BODIES.map((b) => b.body), ...RUBIES)), maxLength: 8 });

function expectBody(b: BodyInfo): void {
  expect(b.body.length).toBeGreaterThan(0);
  expect(b.body).not.toMatch(WHITESPACE);
  expect(BODY_LEVELS).toContain(b.body_level);
  expect(b.prefecture_code).toMatch(/^(0[1-9]|[1-3]\d|4[0-7])$/);
  expect(prefectureByName(b.prefecture)?.prefecture_code).toBe(b.prefecture_code);
  if (b.body_code !== null) expect(verifyLocalGovCheckDigit(b.body_code)).toBe(true);
}

/** Calls f; a BodyError is an answer, any other exception fails the property. */
function bodyOrError(f: () => BodyInfo): BodyInfo | null {
  try {
    return f();
  } catch (error) {
    expect(error).toBeInstanceOf(BodyError);
    return null;
  }
}

describe("bodies", () => {
  it("findPrefectureIn gives null or a prefecture the text names by full name, stem or reading", () => {
    fc.assert(
      fc.property(bodyText, (text) => {
        const found = findPrefectureIn(text);
        if (found === null) return;
        const compact = removeSpaces(text);
        const stem = found.name === "北海道" ? found.name : found.name.replace(/[都府県]$/, "");
        const reading = found.prefecture_ruby.replace(/(けん|ふ|と)$/, "");
        expect(compact.includes(found.name) || compact.includes(stem) || compact.includes(reading)).toBe(true);
        expect(prefectureByName(found.name)).toBe(found);
      }),
      options,
    );
  });

  it("findPrefectureIn and resolvePlatform find the one prefecture a text names in full, spaced or not", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PREFECTURES), fc.string({ unit: fc.constantFrom(..."abc 12-"), maxLength: 8 }), fc.array(fc.nat(6)), ({ body, prefecture_code }, pad, at) => {
        const text = `${pad}${withSpaces(body, at)}プラットフォーム${pad}`;
        expect(findPrefectureIn(text)?.prefecture_code).toBe(prefecture_code);
        expect(resolvePlatform(text)).toEqual({ body: removeSpaces(text), body_code: null, body_level: "platform", prefecture: body, prefecture_code });
      }),
      options,
    );
  });

  it("resolveLocalGov, resolvePlatform and resolveAgencyTag give a well-formed body or a BodyError, never another exception", () => {
    fc.assert(
      fc.property(bodyText, fc.oneof(fc.constantFrom(...PREFECTURES.map((p) => p.body)), hostile), (name, prefecture) => {
        const gov = bodyOrError(() => resolveLocalGov(name, { prefecture }));
        if (gov) expectBody(gov);
        const platform = bodyOrError(() => resolvePlatform(name));
        if (platform) {
          expectBody(platform);
          expect(platform.body_level).toBe("platform");
        }
        const agency = bodyOrError(() => resolveAgencyTag(name, prefecture));
        if (agency) expectBody(agency);
      }),
      options,
    );
  });

  it("resolveLocalGov finds every body of the reference table, spaced, by name with its prefecture or prefixed by it", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_BODIES), fc.array(fc.nat(8)), (body, at) => {
        // Of two bodies of one name in one prefecture (北海道の泊村), the one that administers its area.
        const namesakes = ALL_BODIES.filter((b) => b.prefecture === body.prefecture && b.body === body.body);
        const expected = namesakes.length === 1 ? body : namesakes.find((b) => isAdministered(b.body_code));
        expect(resolveLocalGov(withSpaces(body.body, at), { prefecture: body.prefecture })).toEqual(expected);
        const prefixed = body.body_level === "prefecture" ? body.body : body.prefecture + body.body;
        expect(resolveLocalGov(withSpaces(prefixed, at))).toEqual(expected);
      }),
      options,
    );
  });

  it("resolveAgencyTag resolves within the platform's prefecture: a body of another prefecture is refused", () => {
    const tag = fc.oneof(fc.constantFrom(...ALL_BODIES.map((b) => b.body)), fc.constantFrom("労働局", "経済産業局", "機構", "県", "広島県・機構"), bodyText);
    fc.assert(
      fc.property(tag, fc.constantFrom(...PREFECTURES), (name, prefecture) => {
        const agency = bodyOrError(() => resolveAgencyTag(name, prefecture.body));
        if (agency) expect(agency.prefecture).toBe(prefecture.body);
        const own = ALL_BODIES.filter((b) => b.prefecture === prefecture.body && b.body === removeSpaces(name));
        if (own.length === 1) expect(agency).toEqual(own[0]);
      }),
      options,
    );
  });
});

// ---- classification ---------------------------------------------------------------------------------------------

describe("classification", () => {
  it("classifyKpi and classifySupportTarget always answer with members of the schema's enums", () => {
    fc.assert(
      fc.property(hostile, (name) => {
        const c = classifyKpi(name);
        expect(KPI_KINDS).toContain(c.kpi_kind);
        expect(KPI_TOPICS).toContain(c.kpi_topic);
        expect(DIRECTIONS).toContain(c.direction);
        expect(SUPPORT_TARGETS).toContain(classifySupportTarget(name));
      }),
      options,
    );
  });
});

// ---- schema -----------------------------------------------------------------------------------------------------

type Key = Pick<KpiRecord, "source_file" | "source_line" | "kpi_name" | "period_start_fy" | "period_end_fy">;

const nonEmpty = hostile.filter((s) => s.length > 0);
const fiscalPeriod = fc.tuple(fc.integer({ min: FY_MIN, max: FY_MAX }), fc.integer({ min: FY_MIN, max: FY_MAX })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
const key: fc.Arbitrary<Key> = fc.record({ source_file: nonEmpty, source_line: fc.integer({ min: 1, max: 1e6 }), kpi_name: nonEmpty, period: fiscalPeriod }).map(({ period, ...k }) => ({ ...k, period_start_fy: period[0], period_end_fy: period[1] }));
const isoDate = fc.date({ min: new Date("2000-01-01"), max: new Date("2035-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const figure = fc.option(fc.double({ min: 0, max: 1e9, noNaN: true }), { nil: null });
const platformBodies: BodyInfo[] = PREFECTURES.map((p) => ({ ...p, body: `${p.body}プラットフォーム`, body_code: null, body_level: "platform" }));

const validRecord: fc.Arbitrary<KpiRecord> = fc
  .record({
    key,
    source_text: nonEmpty,
    document_kind: fc.constantFrom(...DOCUMENT_KINDS),
    body: fc.constantFrom(...ALL_BODIES, ...platformBodies),
    program: nonEmpty,
    budget_thousand_yen: figure,
    support_target: fc.constantFrom(...SUPPORT_TARGETS),
    kpi_kind: fc.constantFrom(...KPI_KINDS),
    kpi_topic: fc.constantFrom(...KPI_TOPICS),
    direction: fc.constantFrom(...DIRECTIONS),
    unit: fc.constantFrom("人", "件", "社", "回", "%"),
    target: figure,
    target_op: fc.constantFrom(...TARGET_OPS),
    actual: figure,
    actual_as_of: fc.option(isoDate, { nil: null }),
    note: fc.option(nonEmpty, { nil: null }),
    extraction: fc.constantFrom("status-report", "curated:prose_actuals.csv", "readers/prose", "table:records.csv"),
    source_locator: fc.option(fc.constantFrom("p.3 l.12", "実施状況!C12", "表2 行3"), { nil: null }),
    target_approximate: fc.boolean(),
    actual_approximate: fc.boolean(),
    needs_review: fc.boolean(),
  })
  .map(({ key, body, target, target_op, actual, actual_as_of, ...rest }) => {
    const t = target === null && actual === null ? 0 : target;
    return {
      record_id: recordId({ ...key, source_locator: rest.source_locator }),
      ...key,
      ...rest,
      ...body,
      target: t,
      target_op: t === null ? null : target_op,
      actual,
      actual_as_of: actual === null ? null : actual_as_of,
      actual_as_of_basis: actual === null || actual_as_of === null ? null : ("stated" as const),
      parent_record_id: null,
    };
  });

/** One way to break a valid record, and the problem validateRecord must report for it. */
const corruptions: [string, (r: KpiRecord) => Record<string, unknown>, RegExp][] = [
  ["id not hex", (r) => ({ ...r, record_id: "XYZ" }), /record_id/],
  ["id of other key fields", (r) => ({ ...r, source_line: r.source_line + 1 }), /record_id does not match/],
  ["required column missing", (r) => ({ ...r, kpi_name: null }), /kpi_name is missing/],
  ["empty string", (r) => ({ ...r, program: "" }), /program must be a non-empty string/],
  ["unknown column", (r) => ({ ...r, extra: 1 }), /unknown column extra/],
  ["value not in its list", (r) => ({ ...r, kpi_topic: "bogus" }), /kpi_topic "bogus" is not one of/],
  ["non-finite target", (r) => ({ ...r, target: Number.POSITIVE_INFINITY, target_op: "eq" }), /target must be a finite number/],
  ["NaN actual", (r) => ({ ...r, actual: Number.NaN }), /actual must be a finite number/],
  ["negative actual", (r) => ({ ...r, actual: -1 }), /actual is negative/],
  ["fractional line", (r) => ({ ...r, source_line: 1.5 }), /source_line must be an integer/],
  ["period reversed", (r) => ({ ...r, period_start_fy: r.period_end_fy + 1 }), /after period_end_fy/],
  ["fiscal year before FY_MIN", (r) => ({ ...r, period_start_fy: FY_MIN - 1 }), /fiscal years must lie in/],
  ["fiscal year after FY_MAX", (r) => ({ ...r, period_end_fy: FY_MAX + 1 }), /fiscal years must lie in/],
  ["as-of date that does not exist", (r) => ({ ...r, actual: 1, actual_as_of: `${r.period_end_fy}-02-30` }), /actual_as_of must be an ISO date/],
  ["as-of date of the 31st in a 30-day month", (r) => ({ ...r, actual: 1, actual_as_of: `${r.period_end_fy}-04-31` }), /actual_as_of must be an ISO date/],
  ["as-of without actual", (r) => ({ ...r, target: 1, target_op: "eq", actual: null, actual_as_of: "2024-03-31" }), /actual_as_of without an actual/],
  ["target_op without target", (r) => ({ ...r, target: null, target_op: "gte", actual: 1 }), /target_op is set exactly when target is/],
  ["bad check digit", (r) => ({ ...r, body_code: "281001" }), /fails its check digit/],
  ["bad prefecture code", (r) => ({ ...r, prefecture_code: "48" }), /prefecture_code "48" is malformed/],
];

/** Values a hand-edited or re-read record might hold where another type belongs. */
const strayValue = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, "", Number.NaN, Number.POSITIVE_INFINITY, -1, 1.5, 281000, 123456, "281000", "2024-02-30", [], {}, ["281000"], true),
  fc.jsonValue(),
);

describe("schema", () => {
  it("recordId is 16 lowercase hex, the same for the same key, and changes when any one key field changes", () => {
    const field = fc.constantFrom<keyof Key>("source_file", "source_line", "kpi_name", "period_start_fy", "period_end_fy");
    fc.assert(
      fc.property(key, field, nonEmpty, fc.integer({ min: -1e6, max: 1e6 }), fc.anything(), (k, name, text, n, extra) => {
        const id = recordId(k);
        expect(id).toMatch(/^[0-9a-f]{16}$/);
        expect(recordId({ ...k, extra } as Key)).toBe(id);
        const value = typeof k[name] === "string" ? text : n;
        fc.pre(value !== k[name]);
        expect(recordId({ ...k, [name]: value })).not.toBe(id);
      }),
      options,
    );
  });

  it("validateRecord passes records that keep the contract", () => {
    fc.assert(
      fc.property(validRecord, (r) => {
        expect(validateRecord(r as unknown as Record<string, unknown>)).toEqual([]);
      }),
      options,
    );
  });

  it("validateRecord names each way of breaking a record", () => {
    fc.assert(
      fc.property(validRecord, fc.constantFrom(...corruptions), (r, [, corrupt, problem]) => {
        const problems = validateRecord(corrupt(r));
        expect(problems.some((p) => problem.test(p)), problems.join("; ")).toBe(true);
      }),
      options,
    );
  });

  it("validateRecord refuses fiscal years outside FY_MIN–FY_MAX, and only those", () => {
    fc.assert(
      fc.property(validRecord, fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1900, max: 2200 }), (r, a, b) => {
        const k = { ...r, period_start_fy: Math.min(a, b), period_end_fy: Math.max(a, b) };
        const problems = validateRecord({ ...k, record_id: recordId(k) });
        const outside = k.period_start_fy < FY_MIN || k.period_end_fy > FY_MAX;
        expect(problems).toEqual(outside ? [`fiscal years must lie in ${FY_MIN}–${FY_MAX}`] : []);
      }),
      options,
    );
  });

  it("validateRecord never throws, whatever values the columns hold", () => {
    const column = fc.constantFrom(...COLUMNS.map((c) => c.name as string));
    fc.assert(
      fc.property(validRecord, fc.array(fc.tuple(column, strayValue), { minLength: 1, maxLength: 4 }), (r, edits) => {
        const record: Record<string, unknown> = { ...r };
        for (const [name, value] of edits) record[name] = value;
        const problems = validateRecord(record);
        expect(Array.isArray(problems)).toBe(true);
        for (const p of problems) expect(typeof p).toBe("string");
      }),
      options,
    );
  });
});

// ---- regressions ------------------------------------------------------------------------------------------------

describe("counterexamples these properties found", () => {
  it("findYearsSpan gives null, not Infinity or a rounded number, for a digit run too long to be exact", () => {
    expect(findYearsSpan("10000000000000000年間")).toBeNull();
    expect(findYearsSpan(`${"9".repeat(400)}年間で`)).toBeNull();
    expect(findYearsSpan("２年間で")).toBe(2);
  });

  it("normalizeLine removes C1 control characters too", () => {
    expect(normalizeLine("\u009f")).toBe("");
    expect(normalizeLine("R6\u0085.12月末現在")).toBe("R6.12月末現在");
  });

  it("resolveAgencyTag refuses a local government of another prefecture", () => {
    expect(() => resolveAgencyTag("北海道", "兵庫県")).toThrow(BodyError);
    expect(() => resolveAgencyTag("神戸市", "広島県")).toThrow(/unknown agency tag <神戸市> in 広島県/);
    expect(resolveAgencyTag("神戸市", "兵庫県")).toMatchObject({ body_code: "281000", prefecture: "兵庫県" });
  });

  it("validateRecord refuses as-of dates that do not exist, which Date.parse rolls over", () => {
    const record = { actual: 1, actual_as_of: "2000-04-31" };
    expect(validateRecord(record)).toContain("actual_as_of must be an ISO date");
    expect(validateRecord({ ...record, actual_as_of: "2024-02-30" })).toContain("actual_as_of must be an ISO date");
    expect(validateRecord({ ...record, actual_as_of: "2024-02-29" })).not.toContain("actual_as_of must be an ISO date");
  });

  it("validateRecord reports a key field or body_code that cannot become text instead of throwing", () => {
    // fc.jsonValue() made {"toString": 0} in CI: String() and join() throw on it
    const base = { record_id: "0123456789abcdef", source_file: "a.txt", source_line: 1, kpi_name: "就職者数", period_start_fy: 2023, period_end_fy: 2023, target: 1, target_op: "eq" };
    for (const name of ["source_file", "source_line", "kpi_name", "period_start_fy", "period_end_fy", "body_code"]) {
      const problems = validateRecord({ ...base, [name]: { toString: 0 } });
      expect(problems.some((p) => p.startsWith(name)), name).toBe(true);
    }
  });

  it("validateRecord reports a numeric body_code instead of throwing", () => {
    const problems = validateRecord({ body_code: 123456 });
    expect(problems).toContain("body_code must be a non-empty string");
    expect(problems).toContain("body_code 123456 fails its check digit");
  });
});
