// Japanese numerals: worked examples of every form the documents use and of the words that only look like numbers,
// then properties (fast-check): any integer written with 万/億, in kanji or in positional kanji reads back; the rewrite
// never throws, is idempotent and leaves the trap words alone. FUZZ_RUNS sets the cases per property (default 1000),
// FUZZ_SEED the seed (default fixed, so that npm test tries the same cases every run), as in helpers-fuzz.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAsOf, parseFiscalYear } from "../loaders/extract/fiscal.ts";
import { normalizeNumerals, parseJapaneseQuantity, parseNumeral, QUANTITY_SOURCE } from "../loaders/extract/japanese-numbers.ts";
import { canonicalUnit } from "../loaders/extract/units.ts";

const RUNS = Number(process.env.FUZZ_RUNS || 1000);
const options = { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED || 20261121) };

const TRAPS = [
  "一般", "一部", "一体的", "統一", "唯一", "一人ひとり", "一つ", "一度", "一層", "一方", "万全", "万一", "十分", "三重県", "九州",
  "四国", "千葉県", "八王子市", "五所川原市", "六本木", "七尾市", "百貨店", "千代田区", "万博", "一環", "同一", "第一", "一時",
  "一緒", "二人三脚",
];

describe("normalizeNumerals: 万 and 億 with Arabic digits", () => {
  it.each([
    ["1万6,500人", "16500人"],
    ["2.4万人", "24000人"],
    ["1万2,000人", "12000人"],
    ["3.1万件", "31000件"],
    ["（5.1万人）", "（51000人）"],
    ["2万人", "20000人"],
    ["12億円", "1200000000円"],
    ["1,200万円", "12000000円"],
    ["1億2,345万6,789人", "123456789人"],
    ["1億6,500人", "100006500人"],
    ["2.45678万人", "24567.8人"],
    ["0.5万件", "5000件"],
    ["目標1万6,500人以上", "目標16500人以上"],
  ])("%s → %s", (line, expected) => {
    expect(normalizeNumerals(line)).toBe(expected);
  });

  it("keeps plain numbers as written, separators included", () => {
    for (const line of ["1,500", "1,500人", "3,200件以上", "22,497回", "0.5", "1,23,456", "1 500", "123、456", "1e30"]) expect(normalizeNumerals(line)).toBe(line);
  });

  it("keeps dates written with digits", () => {
    for (const line of ["R6.12月末", "(R6.12月末現在)", "2024/3/31", "R1.8~R6.12累計", "令和6年度", "令和元年度"]) expect(normalizeNumerals(line)).toBe(line);
  });

  it("keeps 5千円 in thousands of yen, the unit units.csv reads", () => {
    expect(normalizeNumerals("5千円")).toBe("5千円");
    expect(normalizeNumerals("1,500千円")).toBe("1,500千円");
    expect(normalizeNumerals("8 千円")).toBe("8 千円");
    expect(normalizeNumerals("千円")).toBe("1000円");
    expect(normalizeNumerals("5千人")).toBe("5000人");
    expect(normalizeNumerals("1万5千円")).toBe("15000円");
  });

  it("leaves malformed runs as written", () => {
    for (const line of ["1,23万人", "1万12345人", "2.4万5人", "1万2億人", "1万万人"]) expect(normalizeNumerals(line)).toBe(line);
  });

  it("does not read a number that runs into a word", () => {
    expect(normalizeNumerals("2025万博")).toBe("2025万博");
  });
});

describe("normalizeNumerals: positional kanji grouped by 、", () => {
  it.each([
    ["目標　一、二〇〇人", "目標　1200人"],
    ["一、〇五六人", "1056人"],
    ["一二、三四五件", "12345件"],
  ])("%s → %s", (text, expected) => expect(normalizeNumerals(text)).toBe(expected));

  it("leaves enumerations and article numbers as written", () => {
    expect(normalizeNumerals("一、二、三")).toBe("一、二、三");
    expect(normalizeNumerals("第一、二〇〇条")).toBe("第一、二〇〇条");
  });
});

describe("normalizeNumerals: kanji numerals", () => {
  it.each([
    ["三十万", "300000"],
    ["十一万", "110000"],
    ["百二十", "120"],
    ["二千五百", "2500"],
    ["〇件", "0件"],
    ["一〇〇人", "100人"],
    ["二〇二三年度", "2023年度"],
    ["一万六千五百人", "16500人"],
    ["一六五〇〇人", "16500人"],
    ["1万五千人", "15000人"],
    ["一億二千万円", "120000000円"],
    ["三件", "3件"],
    ["十人", "10人"],
    ["千人以上", "1000人以上"],
    ["三十%", "30%"],
    ["約一割", "約1割"],
    ["うち一人", "うち1人"],
    ["目標三", "目標3"],
    ["実績：二", "実績：2"],
    ["およそ三十万人", "およそ300000人"],
    ["参加者三十人", "参加者30人"],
    ["、五社が参加", "、5社が参加"],
    ["一人で相談", "1人で相談"],
  ])("%s → %s", (line, expected) => {
    expect(normalizeNumerals(line)).toBe(expected);
  });

  it.each([
    ["令和三年度", "令和3年度"],
    ["平成三十一年度", "平成31年度"],
    ["令和 五年", "令和 5年"],
    ["令和五年十二月末現在", "令和5年12月末現在"],
    ["令和六年一月末", "令和6年1月末"],
    ["令和七年三月三十一日", "令和7年3月31日"],
    ["令和元年十二月", "令和元年12月"],
  ])("era %s → %s", (line, expected) => {
    expect(normalizeNumerals(line)).toBe(expected);
  });

  it("keeps 令和元年度 as fiscal.ts reads it, and rewrites eras fiscal.ts then reads", () => {
    expect(normalizeNumerals("令和元年度")).toBe("令和元年度");
    expect(parseFiscalYear(normalizeNumerals("令和元年度"))).toBe(2019);
    expect(parseFiscalYear(normalizeNumerals("令和三年度"))).toBe(2021);
    expect(parseFiscalYear(normalizeNumerals("平成三十一年度"))).toBe(2019);
    expect(parseAsOf(normalizeNumerals("令和五年十二月末現在"))).toBe("2023-12-31");
  });
});

describe("normalizeNumerals: words and marks that are not numbers", () => {
  it.each(TRAPS)("%s stays, alone and in a sentence", (word) => {
    expect(normalizeNumerals(word)).toBe(word);
    for (const sentence of [`目標${word}の推進`, `うち${word}人`, `令和${word}年`, `（${word}）`, `${word}件`, `約${word}`]) expect(normalizeNumerals(sentence)).toBe(sentence);
  });

  it.each(["〇伴走型支援の実施", "○開催数541回", "〇人材育成", "〇年度末までに実施", "〇月に開催", "〇日本一を目指す", "〇市町村との連携", "○件数の増加", "  〇伴走型支援"])(
    "a bullet is not zero: %s",
    (line) => {
      expect(normalizeNumerals(line)).toBe(line);
    },
  );

  it("reads a bullet before a number as a bullet", () => {
    expect(normalizeNumerals("〇1,500件")).toBe("〇1,500件");
    expect(normalizeNumerals("〇1万6,500人")).toBe("〇16500人");
  });

  it("keeps placeholders, ordinals and vague counts", () => {
    for (const line of ["〇〇市", "〇〇人", "第一回", "第十一回", "第一ステージ", "数十万人", "数百人", "何千人", "幾万"]) expect(normalizeNumerals(line)).toBe(line);
  });

  it("keeps names and idioms that put a numeral before a counter or a unit", () => {
    for (const line of ["四万十市", "四万十川", "十日町市", "四日市市", "三日月", "一億総活躍社会", "九十九里町", "八千代市", "十人十色", "一人一人", "県内一円", "一日も早く", "一回り", "二十一世紀", "十二分に"]) {
      expect(normalizeNumerals(line)).toBe(line);
    }
  });

  it("does not read a lone kanji digit without a counter, a cue or an era", () => {
    for (const line of ["三", "一二", "七五三", "五つ", "その三"]) expect(normalizeNumerals(line)).toBe(line);
  });
});

describe("normalizeNumerals: long lines", () => {
  const LENGTH = 400_000;

  it("keeps a line of spaces, digits, kanji or myriad units", () => {
    for (const line of [" ".repeat(LENGTH), "1".repeat(LENGTH), "一".repeat(LENGTH), "万".repeat(LENGTH), "一万".repeat(LENGTH / 2), "1,".repeat(LENGTH / 2), "〇".repeat(LENGTH)]) {
      expect(normalizeNumerals(line)).toBe(line);
    }
  });

  it("rewrites every number of a long line", () => {
    expect(normalizeNumerals("三十万人、".repeat(LENGTH / 5))).toBe("300000人、".repeat(LENGTH / 5));
    expect(normalizeNumerals("一".repeat(LENGTH - 1) + "人")).toBe("1".repeat(LENGTH - 1) + "人");
    expect(normalizeNumerals("9".repeat(LENGTH) + "万")).toBe("9".repeat(LENGTH) + "0000");
  });

  it("parses and scans a long line", () => {
    expect(parseJapaneseQuantity(" ".repeat(LENGTH))).toBeNull();
    expect(parseJapaneseQuantity("1".repeat(LENGTH) + "x")).toBeNull();
    expect(parseJapaneseQuantity("約" + " ".repeat(LENGTH) + "x")).toBeNull();
    expect("1".repeat(LENGTH).match(new RegExp(QUANTITY_SOURCE, "g"))).toEqual(["1".repeat(LENGTH)]);
    expect("1,".repeat(LENGTH / 2).match(new RegExp(QUANTITY_SOURCE, "g"))).toBeNull();
  });
});

describe("parseNumeral", () => {
  it("reads one run of numeral characters, or null", () => {
    expect(parseNumeral("一億二千三百四十五万六千七百八十九")).toBe("123456789");
    expect(parseNumeral("千")).toBe("1000");
    expect(parseNumeral("一千")).toBe("1000");
    expect(parseNumeral("〇")).toBe("0");
    for (const run of ["万一", "万", "〇〇", "〇十", "十〇", "一二千", "千千", "十百", "1,23", "一,二"]) expect(parseNumeral(run)).toBeNull();
  });
});

describe("parseJapaneseQuantity", () => {
  it.each([
    ["1,500", { value: 1500, unit: null, op: "eq", approx: false }],
    ["約1万6,500人", { value: 16500, unit: "人", op: "eq", approx: true }],
    ["概ね300件", { value: 300, unit: "件", op: "eq", approx: true }],
    ["300件程度", { value: 300, unit: "件", op: "eq", approx: true }],
    ["およそ三十万人", { value: 300000, unit: "人", op: "eq", approx: true }],
    ["3,200件以上", { value: 3200, unit: "件", op: "gte", approx: false }],
    ["100人超", { value: 100, unit: "人", op: "gt", approx: false }],
    ["100人を超える", { value: 100, unit: "人", op: "gt", approx: false }],
    ["50人以下", { value: 50, unit: "人", op: "lte", approx: false }],
    ["50人未満", { value: 50, unit: "人", op: "lt", approx: false }],
    ["約300件以上", { value: 300, unit: "件", op: "gte", approx: true }],
    ["15名", { value: 15, unit: "人", op: "eq", approx: false }],
    ["１，５００人", { value: 1500, unit: "人", op: "eq", approx: false }],
    ["0件", { value: 0, unit: "件", op: "eq", approx: false }],
    ["〇件", { value: 0, unit: "件", op: "eq", approx: false }],
    ["二〇二三年度", null],
    ["50％", { value: 50, unit: "%", op: "eq", approx: false }],
    ["1,500千円", { value: 1500, unit: "千円", op: "eq", approx: false }],
    ["12億円", { value: 1200000000, unit: "円", op: "eq", approx: false }],
    ["2.5", { value: 2.5, unit: null, op: "eq", approx: false }],
    [" 3.1万件 ", { value: 31000, unit: "件", op: "eq", approx: false }],
  ] as const)("%s", (text, expected) => {
    expect(parseJapaneseQuantity(text)).toEqual(expected);
  });

  it.each(["▲91", "△91", "-91", "－91", "−91", "(91)", "（91）", "▲ 91"])("%s is negative", (text) => {
    expect(parseJapaneseQuantity(text)?.value).toBe(-91);
  });

  it("reads a negative zero as zero", () => {
    expect(Object.is(parseJapaneseQuantity("▲0")?.value, 0)).toBe(true);
  });

  it.each(["－", "-", "―", "‐", "ー", "集計中", "調査中", "未定", "なし", "", "  ", "（51000人）", "（集計中）"])("%s is missing, not zero", (text) => {
    expect(parseJapaneseQuantity(text)).toBeNull();
  });

  it.each(["1,23,456", "1 500", "123、456", "1e30", "1,500人、2,000人", "100人～200人", "三", "〇", "一般", "1万万人", "9".repeat(20)])("%s is not one quantity", (text) => {
    expect(parseJapaneseQuantity(text)).toBeNull();
  });
});

describe("QUANTITY_SOURCE", () => {
  const scan = (text: string) => [...normalizeNumerals(text).matchAll(new RegExp(QUANTITY_SOURCE, "g"))].map((m) => m[0]);

  it("finds quantities in running text after normalizeNumerals", () => {
    expect(scan("相談件数は1万6,500件以上、就職者数は約三十万人（前年度▲91人）")).toEqual(["16500件以上", "約300000人", "▲91人"]);
  });

  it("never matches part of a malformed number", () => {
    expect(scan("1,2345")).toEqual([]);
    expect(scan("12.3.4")).toEqual([]);
  });
});

// ---- properties -------------------------------------------------------------------------------------------------

const KANJI_DIGITS = "〇一二三四五六七八九";
const MYRIADS = [
  [1e8, "億"],
  [1e4, "万"],
  [1, ""],
] as const;

/** 1–9999 in kanji: 六千五百, 十一; 千 or 一千 as `oneBeforeThousand` says. */
function kanjiBelowMyriad(n: number, oneBeforeThousand: boolean): string {
  let out = "";
  for (const [value, unit] of [[1000, "千"], [100, "百"], [10, "十"]] as const) {
    const digit = Math.floor(n / value) % 10;
    if (digit === 0) continue;
    out += (digit === 1 ? (unit === "千" && oneBeforeThousand ? "一" : "") : KANJI_DIGITS[digit]) + unit;
  }
  return n % 10 === 0 ? out : out + KANJI_DIGITS[n % 10];
}

/** `n` written myriad by myriad, each group by `writeGroup` (1万6,500, 一万六千五百, 1万六千五百). */
function writeMyriads(n: number, writeGroup: (group: number, index: number) => string): string {
  if (n === 0) return writeGroup(0, 0);
  return MYRIADS.map(([value, unit], i) => {
    const group = Math.floor(n / value) % 1e4;
    return group === 0 ? "" : writeGroup(group, i) + unit;
  }).join("");
}

const COUNTER_UNITS = ["人", "件", "回", "社", "名", "か所", "団体", "円"];

/** An integer written every way the documents write one, with how normalizeNumerals should leave it. */
const writtenInteger = fc
  .record({
    n: fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom(10, 100, 1000, 10000, 100000, 1e8, 1e9)),
    form: fc.constantFrom("arabic", "separated", "kanji", "positional", "mixed"),
    oneBeforeThousand: fc.boolean(),
    kanjiGroups: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
    unit: fc.constantFrom(...COUNTER_UNITS),
    prefix: fc.constantFrom("", "目標", "約", "実績：", "、", "うち", "（"),
  })
  .map(({ n, form, oneBeforeThousand, kanjiGroups, unit, prefix }) => {
    const arabic = (group: number) => String(group);
    const separated = (group: number) => group.toLocaleString("en-US");
    const kanji = (group: number) => (group === 0 ? "〇" : kanjiBelowMyriad(group, oneBeforeThousand));
    const written = {
      arabic: () => writeMyriads(n, arabic),
      separated: () => writeMyriads(n, separated),
      kanji: () => writeMyriads(n, kanji),
      positional: () => [...String(n)].map((d) => KANJI_DIGITS[Number(d)]).join(""),
      mixed: () => writeMyriads(n, (group, i) => (kanjiGroups[i] ? kanji(group) : separated(group))),
    }[form]();
    return { n, written, unit, prefix };
  });

/** Pieces of document text: numerals, units, cues, eras, marks and the trap words. */
const PIECES = [
  ..."〇一二三四五六七八九十百千万億兆0123456789,.", "○", "◯", "第", "数", "▲", "△", "-", "(", ")", "（", "）", " ", "、", "：",
  "人", "件", "回", "社", "名", "か所", "団体", "市町", "千円", "円", "%", "年", "年度", "月", "日", "末", "現在", "以上", "未満", "程度", "を超える",
  "令和", "平成", "元", "R", "目標", "実績", "うち", "計", "約", "概ね", "およそ", "ひとり", "つ", "の", "a", "四万十", ...TRAPS,
];
const documentText = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 40 });
const anyText = fc.oneof(documentText, fc.string({ unit: "binary", maxLength: 40 }));

describe("properties", () => {
  it("any integer to 10^9, written with 万/億, in kanji or in positional kanji, normalizes to its digits and reads back", () => {
    fc.assert(
      fc.property(writtenInteger, ({ n, written, unit, prefix }) => {
        const expected = /[〇一二三四五六七八九十百千万億]/.test(written) ? String(n) : written;
        expect(normalizeNumerals(prefix + written + unit)).toBe(prefix + expected + unit);
        const approx = prefix === "約";
        if (prefix === "" || approx) expect(parseJapaneseQuantity(prefix + written + unit)).toEqual({ value: n, unit: canonicalUnit(unit), op: "eq", approx });
        expect(parseJapaneseQuantity(written + unit + "以上")?.value).toBe(n);
      }),
      options,
    );
  });

  it("normalizeNumerals never throws and is idempotent", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeNumerals(text);
        expect(normalizeNumerals(once)).toBe(once);
      }),
      options,
    );
  });

  it("leaves every trap word whole, whatever surrounds it", () => {
    const around = fc.string({ unit: fc.constantFrom("", "目標", "実績：", "うち", "約", "令和", "の", "、", " ", "（", "）", "人", "件", "年", "月", "以上", "a", "事業", "市"), maxLength: 3 });
    fc.assert(
      fc.property(around, fc.constantFrom(...TRAPS), around, (before, word, after) => {
        expect(normalizeNumerals(before + word + after)).toContain(word);
      }),
      options,
    );
  });

  it("parseJapaneseQuantity never throws and gives null or a finite value with a known op", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const q = parseJapaneseQuantity(text);
        if (q === null) return;
        expect(Number.isFinite(q.value)).toBe(true);
        expect(["eq", "gte", "gt", "lte", "lt"]).toContain(q.op);
        if (q.unit !== null) expect(canonicalUnit(q.unit)).toBe(q.unit);
      }),
      options,
    );
  });

  it("every QUANTITY_SOURCE match in normalized text is one quantity parseJapaneseQuantity reads", () => {
    const scan = new RegExp(QUANTITY_SOURCE, "g");
    fc.assert(
      fc.property(documentText, (text) => {
        for (const m of normalizeNumerals(text).matchAll(scan)) {
          const q = parseJapaneseQuantity(m[0]);
          if (Math.abs(Number(m[0].replace(/[^\d.]/g, ""))) <= Number.MAX_SAFE_INTEGER) expect(q).not.toBeNull();
        }
      }),
      options,
    );
  });
});
