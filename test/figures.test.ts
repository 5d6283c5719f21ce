import { describe, expect, it } from "vitest";
import { findFigures, readCell, splitItems, stripHtml } from "../loaders/extract/cell-figures.ts";

const read = (text: string) => readCell(text, { fallbackName: "取組" }).map((f) => [f.name, f.value, f.unit, f.asOf]);

describe("cell figures", () => {
  it("strips HTML tags but keeps agency tags", () => {
    expect(stripHtml('<p><広島県></p> <ul style="list-style-type: none"> ○研修の実施 ')).toBe("<広島県> ○研修の実施");
  });

  it("splits items at ○, and at ・ or ① only where a word starts and outside brackets", () => {
    expect(splitItems("○人材採用・活用 ①R5.1.2 会 ・A 1人 （①Web、②R5.7.3）").map((i) => i.marker)).toEqual(["○", "①", "・"]);
  });

  it("leaves out frequencies, plans and percentages", () => {
    expect(findFigures("月2回のセミナー、年3回ご家族、15市町が実施する予定、全相談数の12%")).toEqual([]);
    expect(findFigures("2年間で3,200件以上", { keepProse: true }).map((f) => f.value)).toEqual([3200]);
  });

  it("names a figure by the words in front of it, or by the row when there are none", () => {
    expect(read("○開催数541回 参加者数2,730人")).toEqual([
      ["開催数", 541, "回", null],
      ["参加者数", 2730, "人", null],
    ]);
    expect(read("○ 411人")).toEqual([["取組", 411, "人", null]]);
  });

  it("applies an as-of marker to the figures before it, and a cell-final one to every undated figure", () => {
    expect(read("○A 1件 (R6.12月末現在) B 2件 ○C 3件 (R7.1月末現在)")).toEqual([
      ["A", 1, "件", "2024-12-31"],
      ["B", 2, "件", "2025-01-31"],
      ["C", 3, "件", "2025-01-31"],
    ]);
  });

  it("keeps a remark (※…) out of the figures and in the note", () => {
    const [f, ...rest] = readCell("・就職決定件数628人 ※R5年度就職決定件数628人にはR4年度からの継続分を含む", { fallbackName: "" });
    expect(rest).toEqual([]);
    expect(f!.notes).toEqual(["※R5年度就職決定件数628人にはR4年度からの継続分を含む"]);
  });

  it("qualifies a repeated label, by the event in front, else by the unit", () => {
    expect(read("○説明会 (R5.10.21) 参加者数9人 (R5.11.18) 参加者数3人").map((f) => f[0])).toEqual(["説明会 参加者数（R5.10.21）", "説明会 参加者数（R5.11.18）"]);
    expect(read("○参加者：職員等（20市町・114人）").map((f) => f[0])).toEqual(["参加者（職員等）（市町）", "参加者（職員等）（人）"]);
  });
});
