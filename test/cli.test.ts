// kpi extract and kpi review through the CLI's entry point: what they print and exit with, bad input, and where they
// may write (never into what they read, through devices and FIFOs, one line when the disk is full).
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { extractAll } from "../loaders/extract/extract.ts";
import { COLUMNS } from "../loaders/extract/schema.ts";
import { finished, kpi, kpiProcess } from "./helpers/cli.ts";
import { FILES, SOURCES_DIR } from "./helpers/sources.ts";


function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "kpi-cli-"));
}

/** A sources directory holding the status report, optionally with extra lines appended. */
function statusReportDir(extra = ""): string {
  const dir = tempDir();
  const text = readFileSync(SOURCES_DIR + FILES.statusReport, "utf8");
  writeFileSync(join(dir, FILES.statusReport), text.replace("・社会参加者数（居場所等への参加者数）", `・支援対象者の延べ相談件数 R5目標は200～250件程度${extra}\n・社会参加者数（居場所等への参加者数）`));
  return dir;
}

describe("kpi extract", () => {
  it("prints one JSON record per line, the report on stderr, and exits 0", async () => {
    const { code, stdout, stderr } = await kpi(["extract", "--sources", statusReportDir(), "--no-curation"]);
    expect(code).toBe(0);
    const records = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(records).toHaveLength(42);
    expect(Object.keys(records[0])).toEqual(COLUMNS.map((c) => c.name));
    expect(stderr).toContain("Extraction report");
  });

  it("lists a deliberately unparseable KPI-like line, and fails on it only with --strict", async () => {
    const sources = statusReportDir();
    const loose = await kpi(["extract", "--sources", sources, "--no-curation"]);
    expect(loose.code).toBe(0);
    expect(loose.stderr).toMatch(/unaccounted lines: 1\n\s+000_784b4eb4b4837a87\.txt:27: 支援対象者の延べ相談件数: a range or a difference, not one figure/);
    const strict = await kpi(["extract", "--sources", sources, "--no-curation", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("kpi: unaccounted: 000_784b4eb4b4837a87.txt:27:");
    expect(strict.stdout.trim().split("\n")).toHaveLength(42);
  });

  it("writes CSV with the schema's header", async () => {
    const { code, stdout } = await kpi(["extract", "--sources", statusReportDir(), "--no-curation", "--format", "csv"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe(COLUMNS.map((c) => c.name).join(","));
    expect(lines).toHaveLength(43);
  });

  it("writes Parquet that DuckDB reads back with the documented columns, and the report beside it", async () => {
    const out = join(tempDir(), "records.parquet");
    const { code } = await kpi(["extract", "--sources", statusReportDir(), "--no-curation", "--format", "parquet", "--out", out]);
    expect(code).toBe(0);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${out}')`);
      const columns = described.getRowObjectsJson().map((r) => [r.column_name, r.column_type]);
      expect(columns.map((c) => c[0])).toEqual(COLUMNS.map((c) => c.name));
      expect(Object.fromEntries(columns)).toMatchObject({ source_line: "INTEGER", target: "DOUBLE", actual_as_of: "DATE", record_id: "VARCHAR" });
      const kobe = await connection.runAndReadAll(`SELECT target, actual FROM read_parquet('${out}') WHERE body = '神戸市' AND kpi_name LIKE '就職者数%'`);
      expect(kobe.getRowObjectsJson()).toEqual([{ target: 200, actual: 91 }]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    expect(readFileSync(`${out}.report.txt`, "utf8")).toContain("Extraction report");
    expect(JSON.parse(readFileSync(`${out}.report.json`, "utf8")).sources[0].records).toBe(42);
  });

  it("keeps going past a file it cannot read, naming it, and exits 1", async () => {
    const dir = statusReportDir();
    writeFileSync(join(dir, "999_unknown.txt"), "\u0000\u0001binary\n");
    writeFileSync(join(dir, "998_empty.txt"), "");
    const { code, stdout, stderr } = await kpi(["extract", "--sources", dir, "--no-curation"]);
    expect(code).toBe(1);
    expect(stderr).toContain("kpi: error: 999_unknown.txt:1: binary or undecodable file");
    expect(stderr).toContain("kpi: error: 998_empty.txt:1: empty file");
    expect(stdout.trim().split("\n")).toHaveLength(42);
  });

  it("reads a Shift_JIS copy of a source to the same records", async () => {
    const iconv = (await import("iconv-lite")).default;
    const utf8 = statusReportDir();
    const sjis = tempDir();
    writeFileSync(join(sjis, FILES.statusReport), iconv.encode(readFileSync(join(utf8, FILES.statusReport), "utf8"), "cp932"));
    const a = await kpi(["extract", "--sources", utf8, "--no-curation"]);
    const b = await kpi(["extract", "--sources", sjis, "--no-curation"]);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toContain("shift_jis");
  });

  it("exits 1 for a missing sources directory and 2 for bad usage", async () => {
    expect((await kpi(["extract", "--sources", join(tempDir(), "nope")])).code).toBe(1);
    expect((await kpi(["extract", "--format", "xml"])).code).toBe(2);
    expect((await kpi(["frobnicate"])).code).toBe(2);
  });

  it("refuses to write into the sources or curation directory, links followed, or to a path of the wrong kind", async () => {
    const dir = statusReportDir();
    const curation = tempDir();
    const refused = async (args: string[], message: string) => {
      const { code, stderr } = await kpi(args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.split("\n")[0]).toBe(`kpi: ${message}`);
    };
    const inputs = ["--sources", dir, "--curation", curation];
    await refused(["extract", ...inputs, "--out", join(dir, "out.jsonl")], "--out must not write into the sources directory");
    await refused(["extract", ...inputs, "--out", join(curation, "fixes.csv"), "--format", "csv"], "--out must not write into the curation directory");
    await refused(["extract", ...inputs, "--out", join(tempDir(), "r.jsonl"), "--report", join(dir, "r.txt")], "--report must not write into the sources directory");
    await refused(["extract", ...inputs, "--out", curation], `--out ${curation} is a directory; give a file name`);
    const link = join(tempDir(), "to-sources");
    symlinkSync(dir, link);
    await refused(["build", ...inputs, "--out", join(link, "new", "out")], "--out must not write into the sources directory");
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "keep");
    await refused(["build", ...inputs, "--out", file], `--out ${file} is a file, not a directory`);
    expect(readFileSync(file, "utf8")).toBe("keep");
  });

  it("replaces a link in the output directory instead of writing through it", async () => {
    const out = tempDir();
    const outside = join(tempDir(), "precious.txt");
    writeFileSync(outside, "keep");
    for (const name of ["kpi_records.csv", "kpi_records.parquet", "kpi_records.excel.csv", "datapackage.json", "extraction_report.txt"]) symlinkSync(outside, join(out, name));
    const { code } = await kpi(["build", "--sources", statusReportDir(), "--no-curation", "--out", out]);
    expect(code).toBe(0);
    expect(readFileSync(outside, "utf8")).toBe("keep");
    for (const name of ["kpi_records.csv", "kpi_records.parquet", "kpi_records.excel.csv", "datapackage.json", "extraction_report.txt"]) {
      expect(lstatSync(join(out, name)).isFile(), name).toBe(true);
    }
    expect(readFileSync(join(out, "kpi_records.csv"), "utf8")).toMatch(/^record_id,/);
  }, 60_000);
});

describe("record ids", () => {
  it("are stable across runs, in this process and in the kpi command a user runs (bin/kpi.js)", async () => {
    const sources = statusReportDir();
    const a = await kpi(["extract", "--sources", sources, "--no-curation"]);
    const b = await finished(kpiProcess(["extract", "--sources", sources, "--no-curation"]));
    expect(b.code, b.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(b.stderr).toBe(a.stderr);
  });
});


describe("bad input through the CLI", () => {
  it("gives one line naming the file and line for each bad file, repeated statement or curation row, and keeps every other file's records", async () => {
    const dir = tempDir();
    const sources = join(dir, "sources");
    const curation = join(dir, "curation");
    mkdirSync(sources);
    mkdirSync(curation);
    const read = (file: string) => readFileSync(SOURCES_DIR + file, "utf8");
    const status = read(FILES.statusReport);
    const platformLines = read(FILES.platformStatus).split("\n");
    writeFileSync(join(sources, FILES.statusReport), status);
    writeFileSync(join(sources, FILES.platformStatus), platformLines.join("\n"));
    writeFileSync(join(sources, "a_empty.txt"), "");
    writeFileSync(join(sources, "b_binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe]));
    writeFileSync(join(sources, "c_shift_jis.txt"), iconv.encode(read(FILES.caseStudy), "cp932"));
    writeFileSync(join(sources, "d_bom.txt"), "\ufeff" + read(FILES.kpiPlan));
    // as root every file is readable: a link to nothing is a file that cannot be read
    symlinkSync(join(dir, "nowhere.txt"), join(sources, "e_unreadable.txt"));
    // the status report again, in Shift_JIS with CRLF: the same text under another name
    writeFileSync(join(sources, "f_copy.txt"), iconv.encode(status.replace(/\n/g, "\r\n"), "cp932"));
    // the first 60% of the platform's KPI table, as a cut-off download beside the whole one
    const cut = Math.round(platformLines.length * 0.6);
    writeFileSync(join(sources, "g_cut.txt"), platformLines.slice(0, cut).join("\n"));
    // 300 MB of nothing (a sparse file): no document's text is that large
    writeFileSync(join(sources, "h_huge.txt"), "");
    truncateSync(join(sources, "h_huge.txt"), 300 * 2 ** 20);
    writeFileSync(join(curation, "a_nothing.csv"), "action,record_id,reason\nreplace,0123456789abcdef,points at nothing\n");
    writeFileSync(join(curation, "b_malformed.csv"), 'action,record_id,reason\n"add,broken\n');

    const run = await kpi(["extract", "--sources", sources, "--curation", curation, "--strict"]);
    expect(run.code).toBe(1);
    const lines = (prefix: string) => run.stderr.split("\n").filter((l) => l.startsWith(prefix));
    expect(lines("kpi: error: ")).toEqual([
      "kpi: error: a_empty.txt:1: empty file: no text to extract",
      "kpi: error: b_binary.txt:1: binary or undecodable file: not a text source",
      "kpi: error: e_unreadable.txt:0: cannot read: ENOENT",
      "kpi: error: h_huge.txt:1: too large for a source text: 300 MB, over 256 MB",
      'kpi: error: curation/a_nothing.csv:2: replace names record "0123456789abcdef", which no parser produced',
      expect.stringMatching(/^kpi: error: curation\/b_malformed\.csv:2: malformed CSV: Quote Not Closed/),
    ]);
    // 004 line 10 restates line 9's figures under the labour bureau (restated.ts), in the whole table and the cut copy
    const restatements = lines("kpi: duplicate: ").filter((l) => / restated under /.test(l));
    expect(restatements.map((l) => /^kpi: duplicate: (\S+?:\d+): the same statement as (\S+?:\d+) /.exec(l)!.slice(1).join(" ← ")).sort()).toEqual([
      `${FILES.platformStatus}:10 ← ${FILES.platformStatus}:9`,
      `${FILES.platformStatus}:10 ← ${FILES.platformStatus}:9`,
      "g_cut.txt:10 ← g_cut.txt:9",
      "g_cut.txt:10 ← g_cut.txt:9",
    ]);
    const duplicates = lines("kpi: duplicate: ").filter((l) => !/ restated under /.test(l));
    expect(duplicates[0]).toBe(`kpi: duplicate: f_copy.txt:1: the same text as ${FILES.statusReport}: its 42 records are counted once, from ${FILES.statusReport}`);
    // each repeated statement of the cut copy points at the same line of the whole document
    const repeated = new RegExp(String.raw`^kpi: duplicate: g_cut\.txt:(\d+): the same statement as ${FILES.platformStatus.replace(".", "\\.")}:(\d+) \(`);
    const repeats = duplicates.slice(1).map((l) => repeated.exec(l));
    for (const m of repeats) expect(m && m[1] === m[2]).toBe(true);

    // the real documents, whatever their encoding, give the records they give as UTF-8, the same but for the file
    const records = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const byFile = (list: { source_file: string }[], f: string) =>
      list.filter((r) => r.source_file === f).map((r) => { const { record_id, source_file, ...rest } = r as Record<string, unknown>; return rest; });
    const originals = (await extractAll({ sourcesDir: SOURCES_DIR, curationDir: null })).records;
    expect(byFile(records, FILES.statusReport)).toEqual(byFile(originals, FILES.statusReport));
    expect(byFile(records, "c_shift_jis.txt")).toEqual(byFile(originals, FILES.caseStudy));
    expect(byFile(records, "d_bom.txt")).toEqual(byFile(originals, FILES.kpiPlan));
    expect(byFile(records, "f_copy.txt")).toEqual([]);
    // every statement of the cut copy is one of the whole document's, counted once from there
    expect(byFile(records, "g_cut.txt")).toEqual([]);
    expect(repeats).toHaveLength(byFile(originals, FILES.platformStatus).filter((r) => (r.source_line as number) <= cut).length);
    expect(byFile(records, FILES.platformStatus)).toEqual(byFile(originals, FILES.platformStatus));

    const empty = await kpi(["extract", "--sources", mkdtempSync(join(tmpdir(), "kpi-empty-")), "--no-curation", "--strict"]);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/kpi: error: \S*kpi-empty-\S*:0: no source files in this directory/);
  });

  it("prints control characters and bidirectional overrides from file names and lines as escapes, never raw", async () => {
    const payload = "\u001b]0;pwned\u0007\u001b[2J\u202e";
    const sources = statusReportDir(`${payload}、相談件数 ${payload}R5目標は3${payload}件`);
    writeFileSync(join(sources, `x_${payload}.txt`), "");
    const run = await kpi(["extract", "--sources", sources, "--no-curation", "--strict"]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const escaped = String.raw`\u001b]0;pwned\u0007\u001b[2J\u202e`;
    expect(run.stderr).toContain(`kpi: error: x_${escaped}.txt:1: empty file: no text to extract`);
    expect(run.stderr).toMatch(new RegExp(`kpi: unaccounted: ${FILES.statusReport.replace(".", "\\.")}:\\d+: `));
    expect(run.stderr).toContain(`R5目標は200～250件程度${escaped}`);
  });

  it("counts a document saved twice once, and fails on it only with --strict", async () => {
    const sources = statusReportDir();
    writeFileSync(join(sources, "copy.txt"), readFileSync(join(sources, FILES.statusReport)));
    const lenient = await kpi(["extract", "--sources", sources, "--no-curation"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout.trim().split("\n")).toHaveLength(42);
    expect(lenient.stderr).toContain("duplicate lines: 1");
    const strict = await kpi(["extract", "--sources", sources, "--no-curation", "--strict"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`kpi: duplicate: copy.txt:1: the same text as ${FILES.statusReport}`);
    expect(strict.stdout.trim().split("\n")).toHaveLength(42);
  });
});

describe("where extract and review write", () => {
  const extractTo = (...args: string[]) => kpi(["extract", "--sources", statusReportDir(), "--no-curation", ...args]);

  it("refuses --out and --report naming the same file, or the report's JSON copy landing on --out", async () => {
    const dir = tempDir();
    const records = join(dir, "recs.json");
    writeFileSync(records, "previous\n");
    symlinkSync(dir, join(dir, "again"));
    for (const args of [
      ["--out", records, "--report", records],
      ["--out", records, "--report", join(dir, "recs.txt")],
      ["--out", join(dir, "new.jsonl"), "--report", join(dir, "again", "new.jsonl")],
    ]) {
      const { code, stderr } = await extractTo(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(stderr.split("\n")[0]).toMatch(/^kpi: --out and --report('s JSON copy)? name the same file, .*: one would overwrite the other$/);
    }
    expect(readFileSync(records, "utf8")).toBe("previous\n");
    expect(readdirSync(dir).sort()).toEqual(["again", "recs.json"]);
  });

  it("takes - as stdout for --out and --report, but not both", async () => {
    const out = join(tempDir(), "r.jsonl");
    const report = await extractTo("--out", out, "--report", "-");
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^Extraction report/);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(42);
    expect((await extractTo("--out", "-", "--report", "-")).code).toBe(2);
  });

  it("writes through a character device such as /dev/null, which stays a device, with no report or temporary file beside it", async () => {
    const dir = tempDir();
    // a device node of our own with /dev/null's numbers when we may make one (root), else /dev/null itself
    const nul = makeDevice(dir, "null", 3) ?? "/dev/null";
    const before = readdirSync(dirname(nul)).sort();
    for (const format of ["jsonl", "csv", "parquet"]) {
      const run = await extractTo("--out", nul, "--format", format);
      expect(run.code, run.stderr).toBe(0);
      expect(lstatSync(nul).isCharacterDevice(), format).toBe(true);
    }
    const report = await extractTo("--report", nul);
    expect(report.code, report.stderr).toBe(0);
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    const review = await kpi(["review", "--sources", statusReportDir(), "--no-curation", "--out", nul]);
    expect(review.code, review.stderr).toBe(0);
    expect(lstatSync(nul).isCharacterDevice()).toBe(true);
    expect(readdirSync(dirname(nul)).sort()).toEqual(before);
  });

  it("writes through a FIFO", async () => {
    const fifo = join(tempDir(), "records.fifo");
    execFileSync("mkfifo", [fifo]);
    const run = extractTo("--out", fifo);
    const text = await readFile(fifo, "utf8");
    expect((await run).code).toBe(0);
    expect(text.trim().split("\n")).toHaveLength(42);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it("says in one line that a full device cannot be written (/dev/full)", async () => {
    const full = makeDevice(tempDir(), "full", 7) ?? "/dev/full";
    const run = await extractTo("--out", full);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`kpi: error: cannot write ${full}: ENOSPC\n`);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });

  it.skipIf(!CAN_MOUNT)("says in one line that the disk is full, and leaves the previous output in place", async () => {
    await withTmpfs("size=64k", async (dir) => {
      writeFileSync(join(dir, "filler"), Buffer.alloc(52 * 1024));
      for (const [name, format] of [["records.jsonl", "jsonl"], ["records.parquet", "parquet"]] as const) {
        const out = join(dir, name);
        writeFileSync(out, "previous\n");
        const run = await extractTo("--out", out, "--format", format);
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(`kpi: error: cannot write ${out}: ENOSPC`);
        expect(run.stderr).not.toMatch(/^\s+at /m);
        expect(readFileSync(out, "utf8")).toBe("previous\n");
      }
      expect(readdirSync(dir).sort()).toEqual(["filler", "records.jsonl", "records.parquet"]);
    });
  });

  it.skipIf(!CAN_MOUNT)("says in one line that a read-only directory cannot be written, and leaves the previous output in place", async () => {
    await withTmpfs("size=1m", async (dir) => {
      const out = join(dir, "review.csv");
      writeFileSync(out, "previous\n");
      execFileSync("mount", ["-o", "remount,ro", dir]);
      for (const args of [["extract", "--out", out], ["review", "--out", out]]) {
        const run = await kpi([...args, "--sources", statusReportDir(), "--no-curation"]);
        expect(run.code, run.stderr).toBe(1);
        expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(`kpi: error: cannot write ${out}: EROFS`);
        expect(run.stderr).not.toMatch(/^\s+at /m);
      }
      expect(readFileSync(out, "utf8")).toBe("previous\n");
    });
  });
});

/** A character device node `name` in `dir` with major 1 and the given minor (3 null, 7 full), or null if we may not make one. */
function makeDevice(dir: string, name: string, minor: number): string | null {
  const path = join(dir, name);
  try {
    execFileSync("mknod", [path, "c", "1", String(minor)], { stdio: "ignore" });
    return path;
  } catch {
    return null;
  }
}

/** Whether we may mount a tmpfs (root, outside a locked-down container): the disk-full and read-only cases need one. */
const CAN_MOUNT = (() => {
  if (process.getuid?.() !== 0) return false;
  const dir = tempDir();
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir], { stdio: "ignore" });
    execFileSync("umount", [dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

async function withTmpfs(options: string, fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = tempDir();
  execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir]);
  try {
    await fn(dir);
  } finally {
    execFileSync("umount", [dir]);
  }
}

describe("--curation", () => {
  it("a curation directory that does not exist is a usage error, not a build without curation", async () => {
    const missing = join(tempDir(), "curaton");
    const run = await kpi(["extract", "--sources", statusReportDir(), "--curation", missing]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`kpi: --curation ${missing}: no such directory (give the curation overlay's directory, or --no-curation to go without it)`);
    const file = join(tempDir(), "curation.csv");
    writeFileSync(file, "action,record_id,reason\n");
    const notDir = await kpi(["review", "--sources", statusReportDir(), "--curation", file]);
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toContain(`kpi: --curation ${file} is not a directory`);
  });

  it("--no-curation turns curation off explicitly, whatever --curation says", async () => {
    const run = await kpi(["extract", "--sources", statusReportDir(), "--curation", join(tempDir(), "curaton"), "--no-curation"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split("\n")).toHaveLength(42);
  });
});
