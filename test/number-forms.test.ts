// Numbers in every written form, through the real parsers: a value reads back as written or is reported, never read
// silently wrong (a negative as null or as its absolute value, 2万 as 2, 1,23,456 as 1, a second value kept over the
// first). Blocks of the real documents are copied and their numbers altered. The last property writes numbers in
// every form into a status-report line; FUZZ_RUNS and FUZZ_SEED work as in test/helpers-fuzz.test.ts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kpiPlanParser } from "../loaders/extract/parsers/kpi-plan.ts";
import { platformStatusParser } from "../loaders/extract/parsers/platform-status.ts";
import { statusReportParser } from "../loaders/extract/parsers/status-report.ts";
import type { Parser } from "../loaders/extract/parsers/types.ts";
import { docFromText, FILES, loadRealSource } from "./helpers/sources.ts";

const RUNS = Number(process.env.FUZZ_RUNS || 1000);
// A fixed seed, so that npm test tries the same cases every run; FUZZ_SEED=N tries others.
const options = { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED || 20261121) };

/** The first lines of a real document, with one line replaced. */
function altered(file: string, lines: number, from: string, to: string): string {
  const real = loadRealSource(file).raw.slice(0, lines).join("\n");
  const text = real.replace(from, to);
  if (text === real) throw new Error(`${JSON.stringify(from)} is not in ${file}`);
  return text;
}

/** What a parser makes of one line: its drafts as [name, fy, target, actual], and every reason it reports there. */
function readLine(parser: Parser, text: string, line: number) {
  const result = parser.parse(docFromText(text));
  return {
    values: result.drafts.filter((d) => d.line === line).map((d) => [d.kpi_name, d.period.start, d.target, d.actual]),
    errors: result.errors.filter((e) => e.line === line).map((e) => e.reason),
    skipped: result.skipped.filter((s) => s.line === line).map((s) => s.reason),
  };
}

// ---- grant_status_report (000) ------------------------------------------------------------------------------------

const KOBE = "・就職者数（非正規を含む）　R5目標：200　R5実績：91";
const NAME = "就職者数（非正規を含む）";
const statusLine = (statement: string) => readLine(statusReportParser, altered(FILES.statusReport, 20, KOBE, `・${NAME}　${statement}`), 11);

describe("status report values in every written form", () => {
  it.each(["R5実績：-91", "R5実績：－９１", "R5実績：▲91", "R5実績：△91", "R5実績：(91)", "R5実績：（９１）"])(
    "%s is a negative figure: reported, the target kept, the actual neither null silently nor 91",
    (actual) => {
      expect(statusLine(`R5目標：200　${actual}`)).toEqual({
        values: [[NAME, 2023, 200, null]],
        errors: [],
        skipped: ["negative figure -91: a change, not a count"],
      });
    },
  );

  it.each([
    ["2万人", 20000],
    ["3.1万件", 31000],
    ["（5.1万人）", 51000],
    ["1万6,500人", 16500],
    ["２万人以上", 20000],
  ])("reads the target %s as %d", (target, value) => {
    expect(statusLine(`R5目標：${target}　R5実績：91`)).toEqual({ values: [[NAME, 2023, value, 91]], errors: [], skipped: [] });
  });

  it.each([
    ["1,23,456", "not one well-formed number"],
    ["1 500", "a space inside the figure"],
    ["123、456", "、 between digits"],
    ["1e30", "exponent notation"],
    ["１，２３，４５６", "not one well-formed number"],
  ])("reports the malformed target %s instead of reading part of it", (target, reason) => {
    const read = statusLine(`R5目標：${target}　R5実績：91`);
    expect(read.values).toEqual([[NAME, 2023, null, 91]]);
    expect(read.errors).toHaveLength(1);
    expect(read.errors[0]).toContain("malformed number");
    expect(read.errors[0]).toContain(reason);
  });

  it.each([
    ["H30目標：200　H30実績：91", 2018],
    ["平成31年度目標：200　平成31年度実績：91", 2019],
    ["Ｈ３０目標：200　Ｈ３０実績：91", 2018],
    ["平成元年度目標：200　平成元年度実績：91", 1989],
    ["令和元年目標：200　令和元年実績：91", 2019],
  ])("reads %s as fiscal year %d, the marker out of the name", (statement, fy) => {
    expect(statusLine(statement)).toEqual({ values: [[NAME, fy, 200, 91]], errors: [], skipped: [] });
  });

  it("reports two different values for one marker on a line as a conflict naming both, keeping neither", () => {
    expect(statusLine("R5目標：200　R5目標：300　R5実績：91　R5実績：5")).toEqual({
      values: [],
      errors: ["R5目標 given twice on one line with different values: 200 and 300; neither is kept", "R5実績 given twice on one line with different values: 91 and 5; neither is kept"],
      skipped: [],
    });
    expect(statusLine("R5目標：200　R5目標：300　R5実績：91").values).toEqual([[NAME, 2023, null, 91]]);
    expect(statusLine("R5目標：200　R5目標：200　R5実績：91")).toEqual({ values: [[NAME, 2023, 200, 91]], errors: [], skipped: [] });
  });
});

// ---- platform_kpi_status (004) ------------------------------------------------------------------------------------

const OVERALL = "○正社員就職件数 3,121件\t○正社員就職件数 2,163件";
const SEMINARS = "○開催数541回 参加者数2,730人";
const platformLine = (from: string, to: string, line: number) => readLine(platformStatusParser, altered(FILES.platformStatus, 12, from, to), line);

describe("platform status figures in every written form", () => {
  it.each(["▲3,121件", "-3,121件", "△3,121件", "－３，１２１件"])("reports the 全体KPI actual %s as negative, never 3121", (written) => {
    const read = platformLine(OVERALL, OVERALL.replace("3,121件", written), 9);
    expect(read.values.filter((v) => v[3] !== null)).toEqual([["正社員就職件数", 2024, null, 2163]]);
    expect(read.skipped).toEqual([`全体KPI actual "正社員就職件数 ${written.replace("－３，１２１", "-3,121")}": negative figure -3121: a change, not a count`]);
  });

  it("reports negative figures of an agency cell, and keeps a range 1-3件 a range", () => {
    const read = platformLine(SEMINARS, "○開催数▲541回 参加者数-2,730人", 12);
    expect(read.values.filter((v) => v[1] === 2023)).toEqual([]);
    expect(read.skipped).toEqual(["開催数: negative figure -541: a change, not a count", "参加者数: negative figure -2730: a change, not a count"]);
    const range = platformLine(SEMINARS, "○開催数1-541回 参加者数2,730人", 12);
    expect(range.values.filter((v) => v[1] === 2023).map((v) => v[3])).toEqual([541, 2730]);
    expect(range.skipped).toEqual([]);
  });

  it("reads myriads in a cell, bracketed or not", () => {
    const read = platformLine(SEMINARS, "○開催数3.1万回 参加者数（5.1万人）", 12);
    expect(read.values.filter((v) => v[1] === 2023)).toEqual([
      ["開催数", 2023, null, 31000],
      ["参加者数", 2023, null, 51000],
    ]);
  });

  it("reports malformed figures of a cell and reads no part of them", () => {
    const read = platformLine(SEMINARS, "○開催数1,23,456回 参加者数1 500人", 12);
    expect(read.values.filter((v) => v[1] === 2023)).toEqual([]);
    expect(read.errors).toEqual(['malformed number "1,23,456": not one well-formed number', 'malformed number "1 500": a space inside the figure']);
  });
});

// ---- grant_kpi_plan (002) -----------------------------------------------------------------------------------------

describe("KPI plan prose actuals in every written form", () => {
  const RESULT = "窓口相談（家族による相談含む）人数（512人）";
  const kpiLine = (to: string) => readLine(kpiPlanParser, altered(FILES.kpiPlan, 70, RESULT, to), 56);

  it("reads （5.1万人） as 51000 and reports （▲512人） and （1,23,456人）", () => {
    expect(kpiLine("窓口相談（家族による相談含む）人数（5.1万人）").values).toEqual([["相談窓口（家族による相談含む）人数(人)", 2020, null, 51000]]);
    expect(kpiLine("窓口相談（家族による相談含む）人数（▲512人）")).toMatchObject({ values: [], skipped: ["result ▲512人: negative figure -512: a change, not a count"] });
    expect(kpiLine("窓口相談（家族による相談含む）人数（1,23,456人）")).toMatchObject({ values: [], errors: ['malformed number "1,23,456": not one well-formed number'] });
  });
});

// ---- the property -------------------------------------------------------------------------------------------------

type Written = { text: string; value: number | null };

const toFullWidth = (s: string) => s.replace(/[0-9,.\-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const withCommas = (n: number) => n.toLocaleString("en-US");

/** A count written as the documents write it, with the value it must read as (null: negative or malformed, to be reported). */
const written: fc.Arbitrary<Written> = fc.oneof(
  fc.nat({ max: 99_999_999 }).map((n) => ({ text: String(n), value: n })),
  fc.nat({ max: 99_999_999 }).map((n) => ({ text: withCommas(n), value: n })),
  fc.nat({ max: 99_999_999 }).map((n) => ({ text: toFullWidth(withCommas(n)), value: n })),
  fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.nat({ max: 9999 })).map(([man, rest]) => ({ text: `${man}万${rest ? withCommas(rest) : ""}`, value: man * 10000 + rest })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 9 })).map(([whole, tenth]) => ({ text: `${whole}.${tenth}万`, value: whole * 10000 + tenth * 1000 })),
  fc.tuple(fc.constantFrom("-", "－", "▲", "△", "−"), fc.integer({ min: 1, max: 99_999_999 })).map(([sign, n]) => ({ text: `${sign}${withCommas(n)}`, value: null })),
  fc.integer({ min: 1, max: 99_999 }).map((n) => ({ text: `(${n})`, value: null })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 999 })).map(([a, b, c]) => ({ text: `${a},${b},${String(c).padStart(3, "0")}`, value: null })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => ({ text: `${a} ${String(b).padStart(3, "0")}`, value: null })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => ({ text: `${a}、${String(b).padStart(3, "0")}`, value: null })),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 40 })).map(([a, e]) => ({ text: `${a}e${e}`, value: null })),
);

describe("a number in any written form in a status-report line", () => {
  it("reads back equal when well-formed, and is reported when negative or malformed; never a different value", () => {
    fc.assert(
      fc.property(written, fc.constantFrom("", "人", "件", "名", "回"), fc.constantFrom("", "以上"), ({ text, value }, unit, atLeast) => {
        const read = statusLine(`R5目標：${text}${unit}${value === null ? "" : atLeast}　R5実績：91`);
        expect(read.values).toHaveLength(1);
        const [[, fy, target, actual]] = read.values as [[string, number, number | null, number]];
        expect([fy, actual]).toEqual([2023, 91]);
        // Well-formed, it reads back; negative or malformed, it is reported and read as nothing.
        expect(target).toBe(value);
        expect(read.errors.length + read.skipped.length).toBe(value === null ? 1 : 0);
      }),
      options,
    );
  });
});
