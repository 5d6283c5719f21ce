// The five real documents end to end: every record valid, ids unique and stable, nothing unaccounted.
import { describe, expect, it } from "vitest";
import { extractAll } from "../loaders/extract/extract.ts";
import { DOCUMENT_KINDS, validateRecord } from "../loaders/extract/schema.ts";
import { DATA_DIR } from "../loaders/extract/tables.ts";
import { SOURCES_DIR } from "./helpers/sources.ts";

const options = { sourcesDir: SOURCES_DIR, curationDir: DATA_DIR + "curation" };
const { records, report } = extractAll(options);

describe("the five source documents", () => {
  it("each parse with their own layout", () => {
    expect(report.sources.map((s) => s.document_kind)).toEqual([...DOCUMENT_KINDS]);
    for (const source of report.sources) expect(source.records, source.file).toBeGreaterThan(0);
  });

  it("yield only schema-valid records with unique ids", () => {
    for (const r of records) expect(validateRecord(r as never), `${r.source_file}:${r.source_line}`).toEqual([]);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(records.length);
  });

  it("give the same records, in the same order, on a second run", () => {
    expect(extractAll(options).records).toEqual(records);
  });

  it("leave no error and no unaccounted line; every skipped line has a reason", () => {
    expect(report.entries.filter((e) => e.status !== "skipped")).toEqual([]);
    for (const e of report.entries) expect(e.reason.length).toBeGreaterThan(10);
  });

  it("trace every record to the verbatim source line", async () => {
    const { readFileSync } = await import("node:fs");
    const lines = new Map(report.sources.map((s) => [s.file, readFileSync(SOURCES_DIR + s.file, "utf8").split("\n")]));
    for (const r of records) expect(r.source_text).toBe(lines.get(r.source_file)![r.source_line - 1]);
  });
});
