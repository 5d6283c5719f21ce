// Which KPIs a note speaks of, when one explanation follows several KPI lines (note-targets.ts), in the status
// report parser and under the general table reader.
import { describe, expect, it } from "vitest";
import { extractDocument } from "../loaders/extract/extract.ts";
import { namedKpis, namesKpi, noteTargets } from "../loaders/extract/note-targets.ts";
import { statusReportParser } from "../loaders/extract/parsers/status-report.ts";
import { docFromText, FILES, loadRealSource, parseToRecords } from "./helpers/sources.ts";

const LINE_194 = "個別ケースの連絡調整会議の開催数";
const LINE_195 = "連絡調整会議から社会参加へつながった者の数";
const LINE_193 = "就職氷河期世代のこころの健康問題の相談件数";
const NOTE_196 = "連絡調整会議の開催回数は、目標を下回っているが、本事業の目的とする就業や社会参加に繋がった者の数は、目標を上回る実績となっており、事業の実施の成果はあがっている。";

describe("a note's KPIs, by name", () => {
  it("names a KPI by a shared run of four characters, generic words aside", () => {
    expect(namesKpi("連絡調整会議の開催回数は、目標を下回っている", LINE_194)).toBe(true);
    expect(namesKpi("社会参加に繋がった者の数は、目標を上回る", LINE_195)).toBe(true);
    expect(noteTargets(NOTE_196, [LINE_193, LINE_194, LINE_195])).toEqual([1, 2]);
  });

  it("folds kana and kanji spellings of one word (繋がる/つながる)", () => {
    // 居場所に繋がった者 and …からつながった者 share nothing else.
    expect(namesKpi("居場所に繋がった者は増えた", "支援からつながった者の数")).toBe(true);
    expect(namesKpi("居場所に繋がった者は増えた", "支援から結びついた者の数")).toBe(false);
  });

  it("gives a passage two names share to the one it matches longest", () => {
    // 連絡調整会議 is in both names; 連絡調整会議の開催 in the first only.
    expect(namedKpis("連絡調整会議の開催回数は目標を下回った。", [LINE_194, LINE_195])).toEqual([0]);
    // As long a match in both: both are named.
    expect(namedKpis("連絡調整会議を重ねた", [LINE_194, LINE_195])).toEqual([0, 1]);
  });

  it("is not fooled by the words every KPI and note hold", () => {
    // 就職氷河期世代, 目標, 件数 are in every line of these documents.
    expect(namesKpi("就職氷河期世代の目標件数を下回った", LINE_193)).toBe(false);
    expect(namesKpi(NOTE_196, LINE_193)).toBe(false);
    // A run of grammar (を行うことにより) is not a name.
    expect(namesKpi("周知を行うことにより参加が増えた", "面接を行うことにより内定した者")).toBe(false);
    // Figures are not names.
    expect(namesKpi("R5実績：1,234人", "就職者数 1,234人")).toBe(false);
  });

  it("names a KPI whose whole name the note writes, however short", () => {
    expect(namesKpi("就職者数は伸び悩んだ", "就職者数")).toBe(true);
    expect(noteTargets("相談件数は増えたが就職者数は伸び悩んだ", ["就職者数", "セミナー開催数", "相談件数"])).toEqual([0, 2]);
  });
});

describe("a note's KPIs, by order", () => {
  it("reads 前者/後者, 1つ目/2つ目 and ①は", () => {
    expect(noteTargets("前者は目標を下回った", ["A相談", "B就職"])).toEqual([0]);
    expect(noteTargets("後者は目標を上回った", ["A相談", "B就職", "C参加"])).toEqual([2]);
    expect(noteTargets("２つ目の指標は未達", ["x", "y", "z"])).toEqual([1]);
    expect(noteTargets("一つ目については周知が進んだ", ["x", "y"])).toEqual([0]);
    expect(noteTargets("②は年度途中の開始による", ["x", "y", "z"])).toEqual([1]);
  });

  it("does not take a list marker (①周知不足、②…) or an order past the run for a reference", () => {
    expect(noteTargets("①周知不足、②人員不足により未達", ["x", "y", "z"])).toEqual([0, 1, 2]);
    expect(noteTargets("5つ目は…", ["x", "y"])).toEqual([0, 1]);
  });
});

describe("a note that names none of the run", () => {
  it("belongs to all of it; after one KPI, to that one", () => {
    expect(noteTargets("求職ニーズと求人ニーズの乖離により目標達成に至らなかった。", ["社会参加者数（本事業により就労体験を実施した者、就労に至った者の人数）", "就業者数（本事業により、正規雇用、非正規雇用、自営・起業・内職等に至った人数）"])).toEqual([0, 1]);
    expect(noteTargets("何の関係もない文", ["就職者数"])).toEqual([0]);
    expect(noteTargets("何の関係もない文", [])).toEqual([]);
  });
});

describe("status report 000: notes after a run of KPI lines", () => {
  const records = parseToRecords(statusReportParser, loadRealSource(FILES.statusReport));
  const at = (line: number) => records.filter((r) => r.source_line === line && r.period_start_fy === 2023);
  const raw = loadRealSource(FILES.statusReport).raw;

  it("gives line 196's sentence to lines 194 and 195, which it names, and not to line 193", () => {
    const [r193, r194, r195] = [at(193)[0]!, at(194)[0]!, at(195)[0]!];
    expect([r193.kpi_name, r194.kpi_name, r195.kpi_name]).toEqual([LINE_193, LINE_194, LINE_195]);
    expect(r194).toMatchObject({ target: 5, actual: 1 });
    expect(r194.note).toMatch(/^連絡調整会議の開催回数は、目標を下回っているが、.*成果はあがっている。$/);
    expect(r195.note).toBe(r194.note);
    expect(r193.note).toBeNull();
  });

  it("gives line 113's sentence, which names neither, to both lines 111 and 112", () => {
    expect(raw[112]).toMatch(/目標達成に至らなかった。$/);
    expect(at(111)[0]!.note).toBe("就職氷河期世代の求職ニーズと登録事業者の求人ニーズの乖離により目標達成に至らなかった。");
    expect(at(112)[0]!.note).toBe(at(111)[0]!.note);
  });

  it("still gives a note after one KPI to that KPI alone", () => {
    expect(at(11)[0]!.note).toMatch(/^LINE広告を中心とした/);
    expect(at(14)[0]!.note).not.toBe(at(11)[0]!.note);
  });

  it("says which lines a note belongs to in the report", () => {
    const parsed = statusReportParser.parse(loadRealSource(FILES.statusReport));
    expect(parsed.accounted.get(196)).toBe("note of the KPIs on lines 194, 195");
    expect(parsed.accounted.get(113)).toBe("note of the KPIs on lines 111, 112");
  });
});

describe("status report layouts the real file does not show", () => {
  const parse = (lines: string[]) => parseToRecords(statusReportParser, docFromText(["№ 実施主体 事業名 事業の実施状況", "", "1 神戸市", "テスト事業", "", ...lines].join("\n")));
  const notes = (lines: string[]) => Object.fromEntries(parse(lines).filter((r) => r.period_start_fy === 2023).map((r) => [r.kpi_name, r.note]));

  it("gives a note that names the first of two KPIs to it alone", () => {
    expect(notes(["・セミナー参加者数　R5目標：30人　R5実績：20人", "・就職者数　R5目標：10人　R5実績：12人", "セミナー参加者数は周知不足により伸び悩んだ。"])).toEqual({
      セミナー参加者数: "セミナー参加者数は周知不足により伸び悩んだ。",
      就職者数: null,
    });
  });

  it("gives each note of an alternating list to the KPI before it, as before", () => {
    expect(notes(["・セミナー参加者数　R5目標：30人　R5実績：20人", "周知不足。", "・就職者数　R5目標：10人　R5実績：12人", "企業開拓が進んだ。"])).toEqual({
      セミナー参加者数: "周知不足。",
      就職者数: "企業開拓が進んだ。",
    });
  });

  it("lists a series of earlier actuals in a note on several KPIs, as it cannot say whose they are", () => {
    const doc = docFromText(["№ 実施主体 事業名 事業の実施状況", "", "1 神戸市", "テスト事業", "", "・居場所数　R5目標：5　R5実績：4", "・参加者数　R5目標：30　R5実績：20", "着実に増加している（R1:3、R2:12)"].join("\n"));
    const { records, entries } = extractDocument(doc);
    expect(records.filter((r) => r.period_start_fy < 2023)).toEqual([]);
    expect(entries.find((e) => e.line === 8)).toMatchObject({ status: "skipped", reason: expect.stringMatching(/series of earlier actuals .* lines 6, 7/) });
  });
});

describe("the table reader's notes (※…) under several rows", () => {
  const doc = (note: string) =>
    docFromText(["福岡市 就職氷河期世代就労支援事業", "", "指標\t単位\t令和5年度目標\t令和5年度実績", "正社員就職者数\t人\t120\t97", "相談件数\t件\t1500\t1400", `${note}\t\t\t`].join("\n"));
  const notes = (note: string) => Object.fromEntries(extractDocument(doc(note)).records.map((r) => [r.kpi_name, r.note]));

  it("gives a note that names no row to every row above it", () => {
    expect(notes("※実績は令和6年3月末現在")).toEqual({ 正社員就職者数: "※実績は令和6年3月末現在", 相談件数: "※実績は令和6年3月末現在" });
  });

  it("gives a note that names a row to that row alone", () => {
    expect(notes("※相談件数は延べ件数")).toEqual({ 正社員就職者数: null, 相談件数: "※相談件数は延べ件数" });
  });
});
