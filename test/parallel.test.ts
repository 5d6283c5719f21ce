// Extraction on worker threads gives what the single-threaded extraction gives, in the same order.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extractStream, type ExtractOptions } from "../loaders/extract/extract.ts";
import { extractParallel } from "../loaders/extract/parallel.ts";
import type { KpiRecord } from "../loaders/extract/schema.ts";
import { SYNTH_DEFAULTS, writeCorpus } from "../loaders/synth/corpus.ts";
import { FILES, SOURCES_DIR } from "./helpers/sources.ts";

let dir: string;
let options: ExtractOptions;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "kpi-parallel-"));
  await writeCorpus(dir, { ...SYNTH_DEFAULTS, prefectures: 6, years: 2, bodiesPerPrefecture: 4, seed: "parallel" });
  const sources = join(dir, "sources");
  // real documents, a binary file and an empty one among the synthetic ones
  for (const file of Object.values(FILES)) copyFileSync(join(SOURCES_DIR, file), join(sources, file));
  // the registry, read in each worker: its written_on dates the real documents' figures as in the calling thread
  copyFileSync(join(SOURCES_DIR, "sources.csv"), join(sources, "sources.csv"));
  writeFileSync(join(sources, "zz_binary.txt"), Buffer.from([0, 1, 2, 255, 254, 0]));
  writeFileSync(join(sources, "zz_empty.txt"), "");
  options = { sourcesDir: sources, curationDir: join(SOURCES_DIR, "../curation") };
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("extractParallel", () => {
  it("hands on the same records in the same order, with the same report", async () => {
    const serial: KpiRecord[] = [];
    const expected = await extractStream(options, (r) => serial.push(r));
    const parallel: KpiRecord[] = [];
    const files: string[] = [];
    const actual = await extractParallel(options, (r) => parallel.push(r), (file) => files.push(file), { threads: 2, minBytes: 0 });
    expect(serial.length).toBeGreaterThan(1000);
    expect(parallel).toEqual(serial);
    expect(actual).toEqual(expected);
    expect(files).toEqual([...files].sort());
    expect(actual.report.entries.filter((e) => e.file === "zz_binary.txt")[0]?.reason).toMatch(/binary/);
    expect(actual.report.curation.length).toBeGreaterThan(0);
    const dated = (summary: typeof actual) => summary.report.sources.filter((s) => s.written_on !== null).map((s) => [s.file, s.written_on, s.written_on_basis]);
    expect(dated(actual)).toContainEqual([FILES.platformPlan, "2023-05-23", "registry"]);
    expect(dated(actual)).toContainEqual([FILES.platformStatus, "2025-02-12", "document"]);
    expect(parallel.filter((r) => r.actual_as_of_basis === "written_on").length).toBeGreaterThan(0);
  }, 60_000);
});
