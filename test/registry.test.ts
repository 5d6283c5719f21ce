// The source registry (data/sources/sources.csv): what each source is, read with errors that name the line.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractAll, listSources, surveySources } from "../loaders/extract/extract.ts";
import { COVERAGES, parseRegistry, readSourceRegistry } from "../loaders/extract/registry.ts";
import { FILES, SOURCES_DIR } from "./helpers/sources.ts";

const HEADER = "file,title,publisher,prefectures,url,written_on,document_kind,coverage,note";
const dirs: string[] = [];
function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "kpi-registry-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("the real registry", () => {
  const registry = readSourceRegistry(SOURCES_DIR);

  it("has one row per source document, and nothing else", () => {
    expect([...registry.keys()]).toEqual(listSources(SOURCES_DIR));
    expect([...registry.keys()]).toEqual(Object.values(FILES).sort());
  });

  it("gives each document its title, publisher, prefectures, kind and coverage", () => {
    for (const entry of registry.values()) {
      expect(entry.title && entry.publisher && entry.note).toBeTruthy();
      expect(entry.prefectures.length).toBeGreaterThan(0);
      expect(COVERAGES).toContain(entry.coverage);
      expect(entry.url).toBeNull();
    }
    expect(Object.fromEntries([...registry.values()].map((e) => [e.file, [e.document_kind, e.coverage]]))).toEqual({
      [FILES.statusReport]: ["grant_status_report", "full_report"],
      [FILES.caseStudy]: ["grant_case_study", "showcase"],
      [FILES.kpiPlan]: ["grant_kpi_plan", "showcase"],
      [FILES.platformPlan]: ["platform_plan", "plan"],
      [FILES.platformStatus]: ["platform_kpi_status", "full_report"],
    });
    expect(registry.get(FILES.caseStudy)!.prefectures).toEqual(["北海道", "神奈川県", "兵庫県", "福岡県"]);
    expect(registry.get(FILES.platformPlan)!.written_on).toBe("2023-05-23");
  });

  it("is read once per directory", () => {
    expect(readSourceRegistry(SOURCES_DIR)).toBe(registry);
  });

  it("is not read as a source: the survey lists it as not read", () => {
    const survey = surveySources(SOURCES_DIR);
    expect(survey.files.map((f) => f.name)).not.toContain("sources.csv");
    expect(survey.skipped.find((e) => e.file === "sources.csv")?.reason).toBe("the source registry: it describes the sources and is not one of them");
  });
});

describe("readSourceRegistry", () => {
  it("is empty for a directory without sources.csv", () => {
    expect(readSourceRegistry(dirWith({ "a.txt": "x\n" })).size).toBe(0);
  });

  it("reads comment lines, quoted cells, ; separated prefectures and empty optional cells", () => {
    const text = `# the registry\n# of a test\n${HEADER}\n"a.txt","Title, with a comma",内閣府,北海道; 兵庫県,https://example.org/a.pdf#page=2,2024-07-16,other,showcase,a note\nb.txt,B,P,,,,,,\n`;
    const registry = readSourceRegistry(dirWith({ "sources.csv": text }));
    expect(registry.get("a.txt")).toEqual({ file: "a.txt", title: "Title, with a comma", publisher: "内閣府", prefectures: ["北海道", "兵庫県"], url: "https://example.org/a.pdf#page=2", written_on: "2024-07-16", document_kind: "other", coverage: "showcase", note: "a note" });
    expect(registry.get("b.txt")).toEqual({ file: "b.txt", title: "B", publisher: "P", prefectures: [], url: null, written_on: null, document_kind: null, coverage: null, note: "" });
  });

  it("names sources.csv and the line of a bad coverage, date, kind, or a file listed twice", () => {
    const bad = (row: string) => () => parseRegistry(`# comment\n${HEADER}\nok.txt,T,P,兵庫県,,,,plan,\n${row}\n`);
    expect(bad("x.txt,T,P,兵庫県,,,,complete,")).toThrow('sources.csv:4: coverage "complete" is not one of full_report, showcase, plan');
    expect(bad("x.txt,T,P,兵庫県,,2025-02-30,,plan,")).toThrow('sources.csv:4: written_on "2025-02-30" is not a date YYYY-MM-DD');
    expect(bad("x.txt,T,P,兵庫県,,R7.2.12,,plan,")).toThrow("sources.csv:4: written_on");
    expect(bad("x.txt,T,P,兵庫県,,,status,plan,")).toThrow('sources.csv:4: document_kind "status"');
    expect(bad("ok.txt,T,P,兵庫県,,,,plan,")).toThrow("sources.csv:4: ok.txt is listed twice");
    expect(() => parseRegistry("file,title\na.txt,T\n")).toThrow("sources.csv:2: no column publisher");
  });

  it("stops an extraction with a bad registry before any file is read", async () => {
    const dir = dirWith({ "a.txt": "x\n", "sources.csv": `${HEADER}\na.txt,T,P,兵庫県,,,,everything,\n` });
    await expect(extractAll({ sourcesDir: dir, curationDir: null })).rejects.toThrow("sources.csv:2: coverage");
  });

  it("reads the file again when it changes", () => {
    const dir = dirWith({ "sources.csv": `${HEADER}\na.txt,A,P,兵庫県,,,,plan,\n` });
    expect(readSourceRegistry(dir).get("a.txt")!.title).toBe("A");
    writeFileSync(join(dir, "sources.csv"), `${HEADER}\na.txt,A2,P,兵庫県,,,,plan,\nb.txt,B,P,兵庫県,,,,plan,\n`);
    expect(readSourceRegistry(dir).get("a.txt")!.title).toBe("A2");
  });

  it("the real file has a comment header that explains every column", () => {
    const comments = readFileSync(join(SOURCES_DIR, "sources.csv"), "utf8").split("\n").filter((l) => l.startsWith("#")).join("\n");
    for (const column of HEADER.split(",")) expect(comments).toContain(column);
  });
});
