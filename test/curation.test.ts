import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extractAll } from "../loaders/extract/extract.ts";
import { FILES, SOURCES_DIR } from "./helpers/sources.ts";

const HEADER = "action,record_id,reason,source_file,source_line,body,program,kpi_name,period_start_fy,target,actual,unit";

/** A sources directory with the status report only, and a curation directory holding one CSV. */
function workspace(csv: string): { sourcesDir: string; curationDir: string } {
  const root = mkdtempSync(join(tmpdir(), "kpi-curation-"));
  const sourcesDir = join(root, "sources");
  const curationDir = join(root, "curation");
  mkdirSync(sourcesDir);
  mkdirSync(curationDir);
  copyFileSync(SOURCES_DIR + FILES.statusReport, join(sourcesDir, FILES.statusReport));
  writeFileSync(join(curationDir, "fixes.csv"), csv);
  return { sourcesDir, curationDir };
}

const kobeJobs = async () => {
  const { records } = await extractAll({ sourcesDir: SOURCES_DIR, curationDir: null });
  return records.find((r) => r.body === "神戸市" && r.kpi_name.startsWith("就職者数"))!;
};

describe("curation overlay", () => {
  it("adds a record the parser cannot read, marked curated:<file>, with the source line verbatim", async () => {
    const ws = workspace(`${HEADER}\nadd,,actual only in prose,${FILES.statusReport},39,神戸市,氷河期世代の転職・再就職及び市内企業人材確保の同時的推進事業,昨年度の就業者数,2022,,3,人\n`);
    const { records, report } = await extractAll(ws);
    const added = records.find((r) => r.extraction === "curated:fixes.csv")!;
    expect(added).toMatchObject({ kpi_name: "昨年度の就業者数", actual: 3, period_start_fy: 2022, period_end_fy: 2022, body_code: "281000", prefecture: "兵庫県", document_kind: "grant_status_report", kpi_kind: "outcome" });
    expect(added.source_text).toContain("昨年度実績（３）");
    expect(report.curation).toEqual([{ file: "fixes.csv", added: 1, replaced: 0, pending: 0 }]);
    expect(report.entries.filter((e) => e.status === "error")).toEqual([]);
  });

  it("replaces a parsed record, keeping the cells it does not set", async () => {
    const original = (await kobeJobs());
    const ws = workspace(`${HEADER}\nreplace,${original.record_id},corrected in the errata,,,,,,,,92,\n`);
    const { records } = await extractAll(ws);
    const fixed = records.filter((r) => r.source_line === 11);
    expect(fixed).toHaveLength(1);
    expect(fixed[0]).toMatchObject({ actual: 92, target: 200, record_id: original.record_id, extraction: "curated:fixes.csv", note: original.note });
  });

  it("drops a record only with a reason", async () => {
    const original = (await kobeJobs());
    const ws = workspace(`${HEADER}\ndrop,${original.record_id},,,,,,,,,,\n`);
    const { records, report } = await extractAll(ws);
    expect(records.some((r) => r.record_id === original.record_id)).toBe(true);
    expect(report.entries).toContainEqual(expect.objectContaining({ file: "curation/fixes.csv", line: 2, status: "error", reason: "every curation row needs a reason" }));
  });

  it("keeps a repeated statement's later copy when the first is dropped", async () => {
    const original = (await kobeJobs());
    const ws = workspace(`${HEADER}\ndrop,${original.record_id},the copy in z_pasted.txt is the one to keep,,,,,,,,,\n`);
    const text = readFileSync(SOURCES_DIR + FILES.statusReport, "utf8");
    writeFileSync(join(ws.sourcesDir, "z_pasted.txt"), text + text);
    const { records, report } = await extractAll(ws);
    const kept = records.filter((r) => r.kpi_name === original.kpi_name && r.body === "神戸市" && r.period_start_fy === original.period_start_fy);
    expect(kept.map((r) => [r.source_file, r.source_line])).toEqual([["z_pasted.txt", original.source_line]]);
    const duplicates = report.entries.filter((e) => e.status === "duplicate");
    // z_pasted.txt repeats the status report twice over: 41 + 42 repeats; its first copy of the dropped line stands
    expect(duplicates).toHaveLength(2 * 42 - 1);
    expect(duplicates.some((e) => e.file === "z_pasted.txt" && e.line === original.source_line)).toBe(false);
  });

  it("reports a correction that matches nothing, naming the curation row", async () => {
    const ws = workspace(`${HEADER}\nreplace,0123456789abcdef,typo fix,,,,,,,,1,\n`);
    const { report } = await extractAll(ws);
    expect(report.entries).toContainEqual(expect.objectContaining({ file: "curation/fixes.csv", line: 2, status: "error", reason: expect.stringContaining("0123456789abcdef") }));
  });

  it("reports an addition that duplicates a parsed record", async () => {
    const ws = workspace(`${HEADER}\nadd,,duplicate,${FILES.statusReport},11,神戸市,SNSとAIを活用したキャリアカウンセリング・キャリアアップサポート事業,就職者数（非正規を含む）,2023,200,91,人\n`);
    const { records, report } = await extractAll(ws);
    expect(report.entries).toContainEqual(expect.objectContaining({ file: "curation/fixes.csv", line: 2, reason: expect.stringContaining("duplicates parsed record") }));
    expect(records.filter((r) => r.source_line === 11)).toHaveLength(1);
  });

  it("rejects a curated record that breaks the schema, and applies the valid rows beside it", async () => {
    const ws = workspace(`${HEADER}\nadd,,no value at all,${FILES.statusReport},39,神戸市,事業,空の指標,2022,,,人\nadd,,fine,${FILES.statusReport},39,神戸市,氷河期世代の転職・再就職及び市内企業人材確保の同時的推進事業,昨年度の就業者数,2022,,3,人\n`);
    const { records, report } = await extractAll(ws);
    expect(report.entries).toContainEqual(expect.objectContaining({ line: 2, reason: expect.stringContaining("needs a target or an actual") }));
    expect(records.filter((r) => r.extraction === "curated:fixes.csv")).toHaveLength(1);
  });
});
