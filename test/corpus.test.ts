// The five real documents end to end: every record valid, ids unique and stable, nothing unaccounted.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractAll } from "../loaders/extract/extract.ts";
import { DOCUMENT_KINDS, validateRecord } from "../loaders/extract/schema.ts";
import { DATA_DIR } from "../loaders/extract/data-tables.ts";
import { FILES, SOURCES_DIR } from "./helpers/sources.ts";

const options = { sourcesDir: SOURCES_DIR, curationDir: DATA_DIR + "curation" };
const { records, report } = await extractAll(options);

describe("the five source documents", () => {
  it("each parse with their own layout", () => {
    expect(report.sources.map((s) => s.document_kind)).toEqual(DOCUMENT_KINDS.filter((k) => k !== "other"));
    for (const source of report.sources) expect(source.records, source.file).toBeGreaterThan(0);
  });

  it("yield only schema-valid records with unique ids", () => {
    for (const r of records) expect(validateRecord(r as never), `${r.source_file}:${r.source_line}`).toEqual([]);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(records.length);
  });

  it("give the same records, in the same order, on a second run", async () => {
    expect((await extractAll(options)).records).toEqual(records);
  });

  it("leave no error and no unaccounted line; every skipped line has a reason", () => {
    // The one duplicate: 004 line 10 restates line 9's 正社員就職件数 (FY2023, FY2024) under the labour bureau.
    const duplicates = report.entries.filter((e) => e.status === "duplicate");
    expect(duplicates.map((e) => `${e.file}:${e.line}`)).toEqual([`${FILES.platformStatus}:10`, `${FILES.platformStatus}:10`]);
    for (const e of duplicates) expect(e.reason).toMatch(new RegExp(`^the same statement as ${FILES.platformStatus.replace(".", "\\.")}:9 under 就職氷河期世代活躍支援ひろしまプラットフォーム, restated under 広島労働局 `));
    expect(report.entries.filter((e) => e.status !== "skipped" && e.status !== "duplicate")).toEqual([]);
    for (const e of report.entries) expect(e.reason.length).toBeGreaterThan(10);
  });

  it("list each figure of a line that became no statement of its own beside the ones that did", () => {
    // 004 line 17 reads the fair's 25 companies and 30 job seekers; its 「就職氷河期世代3人が就職内定」 is prose.
    const shared = report.entries.find((e) => e.file === FILES.platformStatus && e.line === 17);
    expect(shared).toMatchObject({ status: "skipped" });
    expect(shared!.reason).toMatch(/not read as statements of their own: .*\b3人/);
    expect(records.some((r) => r.source_file === FILES.platformStatus && r.source_line === 17)).toBe(true);
    // No figure of a line is listed that one of its records holds.
    for (const e of report.entries.filter((x) => /statements of their own/.test(x.reason))) {
      const held = records.filter((r) => r.source_file === e.file && r.source_line === e.line).flatMap((r) => [r.target, r.actual]);
      const listed = e.reason.replace(/^.*: /, "").split(", ").map((f) => Number(f.replace(/[^\d.]/g, "")));
      for (const v of listed) expect(held, `${e.file}:${e.line}`).not.toContain(v);
    }
  });

  it("trace every record to the verbatim source line", () => {
    const lines = new Map(report.sources.map((s) => [s.file, readFileSync(SOURCES_DIR + s.file, "utf8").split("\n")]));
    for (const r of records) expect(r.source_text).toBe(lines.get(r.source_file)![r.source_line - 1]);
  });
});

describe("a document pasted twice into one file", () => {
  it("counts each repeated statement once, from its first line, and lists the copy's lines as duplicates", async () => {
    // A block counts as repeated only where its context (the heading it falls under) is the same too.
    const lines = readFileSync(SOURCES_DIR + FILES.platformStatus, "utf8").split("\n");
    const dir = mkdtempSync(join(tmpdir(), "kpi-pasted-"));
    writeFileSync(join(dir, FILES.platformStatus), [...lines, ...lines].join("\n"));
    const pasted = await extractAll({ sourcesDir: dir, curationDir: null });
    const original = records.filter((r) => r.source_file === FILES.platformStatus);
    expect(original.length).toBeGreaterThan(100);
    expect(pasted.records.map((r) => r.record_id)).toEqual(original.map((r) => r.record_id));
    // Line 10 restates line 9 under another body, in each copy (restated.ts); every other duplicate is the copy's.
    const restated = pasted.report.entries.filter((e) => e.status === "duplicate" && / restated under /.test(e.reason));
    expect(restated.map((e) => e.line)).toEqual([10, 10, 10 + lines.length, 10 + lines.length]);
    const duplicates = pasted.report.entries.filter((e) => e.status === "duplicate" && !restated.includes(e));
    expect(duplicates.map((e) => e.line)).toEqual(original.map((r) => r.source_line + lines.length));
    for (const [i, e] of duplicates.entries()) expect(e.reason).toMatch(new RegExp(`^the same statement as ${FILES.platformStatus.replace(".", "\\.")}:${original[i]!.source_line} `));
    expect(pasted.report.entries.filter((e) => e.status === "error" || e.status === "unaccounted")).toEqual([]);
  });
});
