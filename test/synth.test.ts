// The synthetic corpus: each layout's documents read back exactly as their truth says.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCUMENT_KINDS } from "../loaders/extract/schema.ts";
import { SYNTH_DEFAULTS, synthesize, type SynthFile, type SynthOptions } from "../loaders/synth/corpus.ts";
import { compareFile, type Mismatch } from "../loaders/synth/roundtrip.ts";
import { kpi } from "./helpers/cli.ts";

/** Every prefecture and year, a few bodies each: every writer meets every prefecture's names. */
const OPTIONS: SynthOptions = { ...SYNTH_DEFAULTS, prefectures: 47, years: 5, programsPerBody: 2, bodiesPerPrefecture: 7, seed: "round-trip" };
const corpus: SynthFile[] = [...synthesize(OPTIONS)];

/** The five layouts the corpus writes; `other` is what the general readers make of documents in none of them. */
const LAYOUTS = DOCUMENT_KINDS.filter((k) => k !== "other");

describe.each(LAYOUTS)("round trip of %s", (kind) => {
  const files = corpus.filter((f) => f.file.includes(`_${kind}_`));

  it("finds every record of the truth with every column equal, nothing extra, nothing reported", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.reduce((n, f) => n + f.records.length, 0)).toBeGreaterThan(100);
    const mismatches: Mismatch[] = files.flatMap(compareFile);
    // Shown in full on failure: file, line and what differs.
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(mismatches).toHaveLength(0);
  });
});

describe("synthesize", () => {
  it("gives the same documents and truth for the same seed, and others for another seed", () => {
    const small = { ...OPTIONS, prefectures: 3, years: 2 };
    const a = [...synthesize(small)];
    const b = [...synthesize(small)];
    expect(b).toEqual(a);
    const c = [...synthesize({ ...small, seed: "another" })];
    expect(c.map((f) => f.text)).not.toEqual(a.map((f) => f.text));
  });

  it("writes every document kind, and grows with --programs-per-body", () => {
    const kinds = new Set(corpus.map((f) => f.records[0]?.document_kind));
    expect([...kinds].sort()).toEqual([...LAYOUTS].sort());
    const count = (options: SynthOptions) => [...synthesize(options)].reduce((n, f) => n + f.records.length, 0);
    const one = count({ ...OPTIONS, prefectures: 5, programsPerBody: 1 });
    const four = count({ ...OPTIONS, prefectures: 5, programsPerBody: 4 });
    expect(four).toBeGreaterThan(2.5 * one);
  });

  it("gives every record a unique id across the corpus", () => {
    const ids = corpus.flatMap((f) => f.records.map((r) => r.record_id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("kpi synth", () => {
  it("writes the sources and truth.jsonl, the same bytes for the same seed, and refuses a directory in use", async () => {
    const root = mkdtempSync(join(tmpdir(), "kpi-synth-"));
    try {
      const args = ["synth", "--prefectures", "2", "--years", "2", "--bodies-per-prefecture", "3", "--seed", "cli"];
      const first = await kpi([...args, "--out", join(root, "a")]);
      expect(first.code).toBe(0);
      expect(first.stderr).toMatch(/wrote \d+ documents .* and \d+ records/);
      const truth = readFileSync(join(root, "a", "truth.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
      expect(truth.length).toBe(Number(/and (\d+) records/.exec(first.stderr)![1]));
      const extracted = await kpi(["extract", "--sources", join(root, "a", "sources"), "--no-curation", "--strict"]);
      // --strict fails on the duplicates the report lists; the only ones are the rows restating another body's figures.
      const doubtful = extracted.stderr.split("\n").filter((l) => /^kpi: (?:error|unaccounted|duplicate): /.test(l));
      expect(doubtful.filter((l) => !/^kpi: duplicate: .* restated under /.test(l))).toEqual([]);
      expect(extracted.code).toBe(doubtful.length > 0 ? 1 : 0);
      const records = extracted.stdout.trim().split("\n").map((l) => JSON.parse(l));
      const byId = (list: { record_id: string }[]) => [...list].sort((x, y) => x.record_id.localeCompare(y.record_id));
      expect(byId(records)).toEqual(byId(truth));
      expect((await kpi([...args, "--out", join(root, "b")])).code).toBe(0);
      const files = readdirSync(join(root, "a", "sources"));
      expect(readdirSync(join(root, "b", "sources"))).toEqual(files);
      for (const f of files) expect(readFileSync(join(root, "b", "sources", f)).equals(readFileSync(join(root, "a", "sources", f)))).toBe(true);
      expect(readFileSync(join(root, "b", "truth.jsonl")).equals(readFileSync(join(root, "a", "truth.jsonl")))).toBe(true);
      const again = await kpi([...args, "--out", join(root, "a")]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("exists and is not an empty directory");
      expect((await kpi(["synth", "--out", join(root, "c"), "--prefectures", "48"])).code).toBe(2);
      expect((await kpi(["synth", "--out", join(root, "c"), "--years", "0"])).stderr).toContain("--years takes a positive integer");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
