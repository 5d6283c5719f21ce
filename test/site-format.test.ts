// The pages' shared formatting (src/components/format.js): source references with their place inside a file,
// target conditions, approximate figures, and the mark of values to review.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the site
import { COVERAGE_LABELS, DOCUMENT_KIND_LABELS, formatFigure, metEarlyText, formatLineRef, formatSourceRef, formatTarget, REVIEW_MARK, reviewBadge, reviewLegend, sourceRefList, TARGET_OP_LABELS } from "../src/components/format.js";
import { DOCUMENT_KINDS, TARGET_OPS } from "../loaders/extract/schema.ts";
import { tableDef } from "../loaders/analyze/published-tables.ts";

describe("source references", () => {
  it("writes file:line for a text file, and the place inside a PDF, a sheet or a table after the line", () => {
    expect(formatSourceRef("000_784b4eb4b4837a87.txt", 171, null)).toBe("000_784b4eb4b4837a87.txt:171");
    expect(formatSourceRef("report.pdf", 45, "p.3 l.12")).toBe("report.pdf:45（p.3 l.12）");
    expect(formatSourceRef("status.xlsx", 12, "実施状況!C12")).toBe("status.xlsx:12（実施状況!C12）");
    expect(formatLineRef(3, "表2 行3")).toBe("3（表2 行3）");
    expect(formatLineRef(3)).toBe("3");
  });

  it("reads source_refs as the SQL writes it, each reference with its locator", () => {
    expect(sourceRefList("b.txt:47; report.pdf:45 (p.3 l.12); report.pdf:46 (p.3 l.13)")).toEqual(["b.txt:47", "report.pdf:45（p.3 l.12）", "report.pdf:46（p.3 l.13）"]);
    expect(sourceRefList("page.html:10 (表2 行3)")).toEqual(["page.html:10（表2 行3）"]);
    // parentheses in a file name are not a locator
    expect(sourceRefList("a (1).txt:3")).toEqual(["a (1).txt:3"]);
    expect(sourceRefList("")).toEqual([]);
    expect(sourceRefList(null)).toEqual([]);
  });
});

describe("targets and figures", () => {
  it("writes 以上 for gte and 超 for gt after the target, nothing for eq", () => {
    expect(formatTarget(100, "人", "gte")).toBe("100人以上");
    expect(formatTarget(100, "人", "gt")).toBe("100人超");
    expect(formatTarget(1500, "人", "eq")).toBe("1,500人");
    expect(formatTarget(null, "人", null)).toBe("—");
    for (const op of TARGET_OPS) expect(TARGET_OP_LABELS).toHaveProperty(op);
  });

  it("puts 約 before an approximate figure, never before a missing one", () => {
    expect(formatFigure(150, "人", { approximate: true })).toBe("約150人");
    expect(formatFigure(150, "人")).toBe("150人");
    expect(formatFigure(null, "人", { approximate: true })).toBe("—");
    expect(formatTarget(16500, "人", "gte", { approximate: true })).toBe("約16,500人以上");
  });
});

describe("labels", () => {
  it("names every document kind, the general readers' other among them", () => {
    for (const kind of DOCUMENT_KINDS) expect(DOCUMENT_KIND_LABELS[kind], kind).toBeTruthy();
    expect(DOCUMENT_KIND_LABELS.other).toBe("その他の資料（汎用読取）");
  });

  it("names every coverage a table's coverage column allows, in Japanese", () => {
    const values = tableDef("sources").columns.find((c) => c.name === "coverage")!.values!;
    expect(Object.keys(COVERAGE_LABELS)).toEqual([...values]);
    expect(COVERAGE_LABELS).toEqual({ full_report: "全事業の実施状況", showcase: "取組事例（抜粋）", plan: "計画（目標のみ）", unknown: "不明" });
  });

  it("says a target met before its period ended, with the date; nothing for any other", () => {
    expect(metEarlyText({ met_early: true, met_on: "2024-12-31" })).toBe("期間途中で達成（2024-12-31時点）");
    expect(metEarlyText({ met_early: false, met_on: "2025-03-31" })).toBeNull();
    expect(metEarlyText(null)).toBeNull();
  });

  it("marks values to review in Japanese, with what to do in its title; nothing when no review is needed", () => {
    expect(REVIEW_MARK).toEqual({ text: "要確認（自動読取）", title: "汎用の読み取りで得た値です。原資料で確かめてください。" });
    expect(reviewBadge(false)).toBeNull();
    expect(reviewLegend(0)).toBeNull();
  });
});
