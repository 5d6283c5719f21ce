// Hostile files in a sources directory: what is not a regular file, what never ends, lines built to make a pattern
// backtrack, a damaged byte, names that would forge a report row. Each is read, skipped or reported in its own time,
// and every other file's records stay as they are.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractAll, extractDocument, MAX_LINE_CHARS } from "../loaders/extract/extract.ts";
import { extractParallel } from "../loaders/extract/parallel.ts";
import { readGeneral } from "../loaders/extract/readers/index.ts";
import { formatReport, formatReportJson, isKpiLike, type ReportEntry } from "../loaders/extract/report.ts";
import { loadSource, readSourceBytes } from "../loaders/extract/source.ts";
import type { KpiRecord } from "../loaders/extract/schema.ts";
import { kpi } from "./helpers/cli.ts";
import { FILES, SOURCES_DIR } from "./helpers/sources.ts";

const MB = 2 ** 20;
const STATUS = readFileSync(SOURCES_DIR + FILES.statusReport, "utf8");

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "kpi-hostile-"));
}

/** A sources directory holding the status report (42 records) under its own name. */
function statusDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, FILES.statusReport), STATUS);
  return dir;
}

/** The records without the columns that name where they were read. */
function comparable(records: KpiRecord[]): Record<string, unknown>[] {
  return records.map(({ record_id, source_file, source_line, source_text, ...rest }) => rest);
}

/** kpi extract, through the CLI's entry point. */
const extractCli = (args: string[]) => kpi(["extract", ...args]);

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A sources directory with the status report beside a FIFO, a socket and a link to /dev/zero. */
async function specialFilesDir(): Promise<string> {
  const dir = statusDir();
  execFileSync("mkfifo", [join(dir, "a_fifo.txt")]);
  symlinkSync("/dev/zero", join(dir, "b_zero.txt"));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(dir, "c_socket.txt"), resolve));
  servers.push(server);
  return dir;
}

const SPECIAL_REASONS = [
  ["a_fifo.txt", "a FIFO (named pipe), not a regular file: not read"],
  ["b_zero.txt", "a character device, not a regular file: not read"],
  ["c_socket.txt", "a socket, not a regular file: not read"],
];

describe("files that are not regular files", () => {
  it("kpi extract lists a FIFO, a socket and a link to /dev/zero as skipped, opens none of them, and reads the rest", async () => {
    const dir = await specialFilesDir();
    const result = await extractCli(["--sources", dir, "--no-curation"]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(42);
    expect(result.stderr).toContain("skipped lines: 3");
    for (const [file, reason] of SPECIAL_REASONS) expect(result.stderr).toContain(`  ${file}:0: ${reason}`);
  });

  it("the worker threads of a build skip them too", async () => {
    const dir = await specialFilesDir();
    // a second document, so that the files are parsed on worker threads
    writeFileSync(join(dir, "d_copy.txt"), STATUS.replace("令和5年度", "令和6年度"));
    const records: KpiRecord[] = [];
    const { report } = await extractParallel({ sourcesDir: dir, curationDir: null }, (r) => records.push(r), undefined, { threads: 2, minBytes: 0 });
    expect(records.length).toBeGreaterThanOrEqual(42);
    const skipped = report.entries.filter((e) => e.status === "skipped" && e.line === 0).map((e) => [e.file, e.reason]);
    expect(skipped).toEqual(SPECIAL_REASONS);
    expect(report.sources.map((s) => s.file)).toEqual([FILES.statusReport, "d_copy.txt"]);
  });

  it("reads a file whose size the system does not know up to the limit, and no further", () => {
    const proc = "/proc/self/status";
    if (!existsSync(proc)) return;
    const whole = readSourceBytes(proc);
    expect("bytes" in whole && whole.bytes.length).toBeGreaterThan(100);
    expect(readSourceBytes(proc, 50)).toEqual({ status: "error", line: 1, reason: "too large for a source text: not at its end after 50 bytes" });
  });

  it("checks the size on the opened file, before reading it", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "big.txt"), "x".repeat(2000));
    expect(readSourceBytes(join(dir, "big.txt"), 1000)).toEqual({ status: "error", line: 1, reason: "too large for a source text: 2000 bytes, over 1000 bytes" });
    expect(readSourceBytes(join(dir, "none.txt"))).toEqual({ status: "error", line: 0, reason: "cannot read: ENOENT" });
  });
});

describe("entries of the sources directory that are not sources", () => {
  it("lists subdirectories, hidden files and READMEs as skipped, each with its reason", async () => {
    const dir = statusDir();
    mkdirSync(join(dir, "drafts"));
    writeFileSync(join(dir, "drafts", "x.txt"), STATUS);
    writeFileSync(join(dir, ".notes.txt"), STATUS);
    writeFileSync(join(dir, "README.md"), "# sources\n");
    writeFileSync(join(dir, "readme.txt"), STATUS);
    const { records, report } = await extractAll({ sourcesDir: dir, curationDir: null });
    expect(records).toHaveLength(42);
    expect(report.entries.filter((e) => e.status === "skipped" && e.line === 0).map((e) => [e.file, e.reason])).toEqual([
      [".notes.txt", "a hidden file (its name starts with a dot): not read"],
      ["README.md", "a README: it describes the sources and is not one of them"],
      ["drafts", "a directory: subdirectories are not read"],
      ["readme.txt", "a README: it describes the sources and is not one of them"],
    ]);
  });
});

describe("lines built to make a pattern backtrack", () => {
  const fill = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  const SPACES = [
    ["spaces", " "],
    ["full-width spaces", "\u3000"],
    ["tabs", "\t"],
  ];
  /** Lines of nothing but one kind of space, and the same space between a label, a marker, a year and a figure. */
  const hostile = (space: string, chars: number) => [
    fill(space, chars),
    `あい${fill(space, chars)}1`,
    `目標${fill(space, chars)}1人`,
    `令和${fill(space, chars)}5年度 目標${space}1`,
    `1${fill(space, chars)}から${space}2人`,
  ];
  const time = (work: () => unknown): number => {
    const start = performance.now();
    work();
    return performance.now() - start;
  };

  it.each(SPACES)("a document with a 1 MB line of %s is extracted as fast as ordinary text of its size, the line reported", (_name, space) => {
    const doc = (extra: string) => loadSource("x.txt", Buffer.from(`${STATUS.trimEnd()}\n${extra}\n`));
    const expected = extractDocument(doc(""));
    const line = STATUS.trimEnd().split("\n").length + 1;
    for (const [i, hostileLine] of hostile(space!, MB).entries()) {
      // the baseline: as many bytes of ordinary text, in lines of ordinary length
      const ordinary = fill("本事業は就職氷河期世代の方の社会参加を支援するものである。\n", Buffer.byteLength(hostileLine) / 3);
      const baseline = time(() => extractDocument(doc(ordinary)));
      let result: ReturnType<typeof extractDocument> | null = null;
      const elapsed = time(() => (result = extractDocument(doc(hostileLine))));
      // a guard against scanning the line again and again (a quadratic scan of 1 MB takes hours), not a timing: 10× the
      // baseline leaves room for a machine busy with other work
      expect(elapsed).toBeLessThan(Math.max(baseline, 100) * 10);
      expect(comparable(result!.records)).toEqual(comparable(expected.records));
      // a line of spaces alone holds nothing to report; the others are reported, and not matched
      const long = result!.entries.filter((e) => e.reason.includes("too long"));
      if (i === 0) expect(long).toEqual([]);
      else {
        expect(long).toEqual([expect.objectContaining({ line, status: "error", reason: `a line of ${hostileLine.length} characters, over ${MAX_LINE_CHARS}: too long for a statement, not read` })]);
        expect(long[0]!.text.length).toBeLessThanOrEqual(201);
      }
    }
  });

  it.each(SPACES)("the KPI-like check and the general readers take time linear in a line of %s", (_name, space) => {
    // Without the line limit: each pattern itself must not try a long run of spaces again from each of its characters.
    const chars = 256 * 1024;
    const read = (line: string) => () => {
      const doc = loadSource("x.txt", Buffer.from(`令和5年度 KPI\n${line}\n`));
      doc.lines.forEach(isKpiLike);
      readGeneral(doc, new Set([1, 2]));
    };
    read("warm up")();
    const baseline = time(read(fill("就職者数の目標は100人、実績は80人。", chars)));
    for (const line of hostile(space!, chars)) expect(time(read(line))).toBeLessThan(Math.max(baseline, 50) * 3);
  });
});

describe("bytes that do not decode", () => {
  const utf8 = Buffer.from(STATUS);
  const expected = extractDocument(loadSource(FILES.statusReport, utf8));
  /** The status report with `bad` put in place of the byte at the start of line `line`. */
  const damaged = (line: number, bad: number[]) => {
    let at = 0;
    for (let i = 1; i < line; i++) at = utf8.indexOf(0x0a, at) + 1;
    return Buffer.concat([utf8.subarray(0, at), Buffer.from(bad), utf8.subarray(at)]);
  };

  it("reports a line with an invalid byte at that line, and reads the rest of the file", () => {
    const line = expected.records[5]!.source_line;
    const doc = loadSource(FILES.statusReport, damaged(line, [0xff]));
    expect(doc.encoding).toBe("utf-8");
    const result = extractDocument(doc);
    expect(result.entries.filter((e) => e.status === "error")).toEqual([
      expect.objectContaining({ line, status: "error", reason: "undecodable bytes: the line is not read" }),
    ]);
    const others = expected.records.filter((r) => r.source_line !== line);
    expect(comparable(result.records)).toEqual(comparable(others));
  });

  it("reads a file whose last character was cut", () => {
    const cut = Buffer.concat([Buffer.from(STATUS.trimEnd() + "\n"), Buffer.from("就職者").subarray(0, 8)]);
    const result = extractDocument(loadSource(FILES.statusReport, cut));
    expect(comparable(result.records)).toEqual(comparable(expected.records));
    expect(result.entries.filter((e) => e.status === "error").map((e) => e.reason)).toEqual(["undecodable bytes: the line is not read"]);
  });

  it("still rejects a binary file: a NUL byte, or mostly bytes that do not decode", () => {
    const binary = "binary or undecodable file: not a text source";
    const reasons = (bytes: Uint8Array) => extractDocument(loadSource("x.bin", bytes)).entries.map((e) => e.reason);
    expect(reasons(damaged(3, [0x00]))).toEqual([binary]);
    const noise = Uint8Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f));
    expect(reasons(noise)).toEqual([binary]);
  });
});

describe("file names in the report", () => {
  const forged = "a.txt\n  forged.txt:1: looks fine | \tb";
  const entry: ReportEntry = { file: forged, line: 1, status: "error", reason: "empty file: no text to extract", text: "" };
  const report = { sources: [{ file: forged, encoding: "utf-8", document_kind: null, parser: null, lines: 0, kpi_like_lines: 0, records: 0, written_on: null, written_on_basis: null, written_on_line: null }], curation: [], entries: [entry] };

  it("a line break or tab in a file name adds no row or column to the text report", () => {
    const text = formatReport(report);
    expect(text).not.toMatch(/^\s*forged/m);
    expect(text).toContain(String.raw`a.txt\n  forged.txt:1: looks fine | \tb:1: empty file`);
    const row = text.split("\n").find((l) => l.startsWith("a.txt"))!;
    expect(row.split("\t")).toHaveLength(7);
  });

  it("the JSON report escapes them, and reads back as the same names", () => {
    const bidi = { ...report, entries: [{ ...entry, file: "x\u202e\u009b.txt" }] };
    const json = formatReportJson(bidi);
    expect(json).not.toMatch(/^\s*forged/m);
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e](?<!\n)/);
    expect(JSON.parse(json)).toEqual(bidi);
  });

  it("kpi extract writes a file whose name holds a line break into both reports without forging a row", async () => {
    const dir = statusDir();
    writeFileSync(join(dir, forged.replace(/\t/g, " ")), "");
    const out = join(tempDir(), "records.jsonl");
    const result = await extractCli(["--sources", dir, "--no-curation", "--out", out]);
    expect(result.code).toBe(1);
    for (const text of [result.stderr, readFileSync(`${out}.report.txt`, "utf8"), readFileSync(`${out}.report.json`, "utf8")]) expect(text).not.toMatch(/^\s*forged/m);
    expect(JSON.parse(readFileSync(`${out}.report.json`, "utf8")).entries[0].file).toBe(forged.replace(/\t/g, " "));
  });
});
