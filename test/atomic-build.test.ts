// `kpi build` replaces out/ as a whole: a build killed at any moment leaves the previous complete output (checked by
// datapackage.json's checksums), and a second build of the same directory at the same time stops with a message.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireLock, BuildLockedError, recoverDir, replaceDir, siblings } from "../loaders/publish/replace-dir.ts";
import { finished, kpi, kpiProcess } from "./helpers/cli.ts";

/** A pid no process has: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

/** The names in `dir` beside `base` that a build leaves while it runs (lock, staging, old copy). */
function leftovers(dir: string, base: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith(`.${base}.`));
}

describe("replaceDir", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kpi-replace-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("replaces the target as a whole and leaves nothing beside it", async () => {
    const target = join(dir, "a");
    mkdirSync(target);
    writeFileSync(join(target, "old-only.txt"), "old");
    await replaceDir(target, async (staging) => writeFileSync(join(staging, "new.txt"), "new"));
    expect(readdirSync(target)).toEqual(["new.txt"]);
    expect(leftovers(dir, "a")).toEqual([]);
  });

  it("leaves the target untouched when the build fails", async () => {
    const target = join(dir, "b");
    mkdirSync(target);
    writeFileSync(join(target, "old.txt"), "old");
    await expect(
      replaceDir(target, async (staging) => {
        writeFileSync(join(staging, "half.txt"), "half");
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(readdirSync(target)).toEqual(["old.txt"]);
    expect(leftovers(dir, "b")).toEqual([]);
  });

  it("replaces a link at the target instead of writing through it", async () => {
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, "keep.txt"), "keep");
    const target = join(dir, "c");
    symlinkSync(elsewhere, target);
    await replaceDir(target, async (staging) => writeFileSync(join(staging, "new.txt"), "new"));
    expect(readdirSync(target)).toEqual(["new.txt"]);
    expect(readdirSync(elsewhere)).toEqual(["keep.txt"]);
  });

  it("stops a second build while the first holds the lock, naming its pid", async () => {
    const target = join(dir, "d");
    let second: unknown;
    await replaceDir(target, async () => {
      second = await replaceDir(target, async () => "written", { label: "d/" }).catch((error: unknown) => error);
    });
    expect(second).toBeInstanceOf(BuildLockedError);
    expect((second as Error).message).toBe(`another build is writing d/ (pid ${process.pid})`);
    expect(leftovers(dir, "d")).toEqual([]);
  });

  it("takes over a lock whose process is dead", async () => {
    const target = join(dir, "e");
    writeFileSync(siblings(target).lock, `${deadPid()}\n`);
    await replaceDir(target, async (staging) => writeFileSync(join(staging, "new.txt"), "new"));
    expect(readdirSync(target)).toEqual(["new.txt"]);
    expect(leftovers(dir, "e")).toEqual([]);
  });

  it("puts back the old output when a build died between its two renames, and removes what dead builds left", () => {
    const target = join(dir, "f");
    const dead = siblings(target, deadPid());
    mkdirSync(dead.old);
    writeFileSync(join(dead.old, "previous.txt"), "previous");
    mkdirSync(dead.staging);
    writeFileSync(join(dead.staging, "partial.txt"), "partial");
    const release = acquireLock(target);
    try {
      recoverDir(target);
    } finally {
      release();
    }
    expect(readdirSync(target)).toEqual(["previous.txt"]);
    expect(leftovers(dir, "f")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The real `kpi build`, killed and raced

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Checks that `out` is one build's complete output: every file datapackage.json names has its size and sha256, and
 * nothing else is there but the extraction report. Returns the build's threshold.
 */
function completeBuild(out: string): number {
  const pkg = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")) as { threshold: number; resources: { path: string; bytes: number; hash: string }[] };
  for (const resource of pkg.resources) {
    const bytes = readFileSync(join(out, resource.path));
    expect({ path: resource.path, bytes: bytes.length, hash: `sha256:${sha256(bytes)}` }).toEqual({ path: resource.path, bytes: resource.bytes, hash: resource.hash });
  }
  const expected = [...pkg.resources.map((r) => r.path), "datapackage.json", "extraction_report.json", "extraction_report.txt"].sort();
  expect(readdirSync(out).sort()).toEqual(expected);
  return pkg.threshold;
}

/** `kpi build` as a user runs it (bin/kpi.js), in a child process that can be killed. */
const buildProcess = (args: string[]) => kpiProcess(args, { stdio: ["ignore", "ignore", "pipe"] });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("kpi build, killed or raced", () => {
  let dir: string;
  let sources: string;
  let out: string;
  let duration: number;
  // every build does the whole work, none from the extraction cache, so that the kill moments fall where they aim
  const buildArgs = (threshold: number) => ["build", "--sources", sources, "--no-curation", "--no-cache", "--out", out, "--threshold", String(threshold)];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kpi-atomic-"));
    // About 2k records: the process's start-up, extraction, analysis and writing each take a tenth of a second or
    // more, time enough to be killed in every stage; the kill moments below are shares of the measured duration.
    const synth = await kpi(["synth", "--out", dir, "--prefectures", "1", "--years", "2", "--programs-per-body", "1", "--seed", "3"]);
    expect(synth.code, synth.stderr).toBe(0);
    sources = join(dir, "sources");
    out = join(dir, "out");
    const start = Date.now();
    const first = await finished(buildProcess(buildArgs(0.5)));
    duration = Date.now() - start;
    expect(first.code, first.stderr).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("leaves the old or the new complete output, whenever it is killed", async () => {
    let previous = completeBuild(out);
    // Kill moments spread over the whole build (start-up, extraction, analysis, writing, the swap), with jitter.
    const moments = [0.15, 0.35, 0.55, 0.75, 0.9].map((f) => Math.round(duration * (f + (Math.random() - 0.5) * 0.1)));
    for (const [i, ms] of moments.entries()) {
      const threshold = i % 2 === 0 ? 0.4 : 0.5;
      const child = buildProcess(buildArgs(threshold));
      const done = finished(child);
      await sleep(ms);
      child.kill("SIGKILL");
      const result = await done;
      const now = completeBuild(out);
      expect([previous, threshold], `killed after ${ms} ms of a ${duration} ms build (${result.signal ?? `exit ${result.code}`})`).toContain(now);
      previous = now;
    }
    // The next build (here in this process) cleans up after the killed ones: a dead pid's lock, staging directories.
    const last = await kpi(buildArgs(0.3));
    expect(last.code, last.stderr).toBe(0);
    expect(completeBuild(out)).toBe(0.3);
    expect(leftovers(dir, "out")).toEqual([]);
  }, 240_000);

  it("stops a second build of the same out/ with the first one's pid, and the first completes", async () => {
    const first = buildProcess(buildArgs(0.6));
    const firstDone = finished(first);
    const lock = siblings(out).lock;
    while (!existsSync(lock) && first.exitCode === null) await sleep(20);
    expect(existsSync(lock), "the first build holds a lock").toBe(true);
    // the second build in this process: it starts at once, while the first holds the lock
    const second = await kpi(buildArgs(0.7));
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`kpi: error: another build is writing ${out}/ (pid ${first.pid})`);
    const result = await firstDone;
    expect(result.code, result.stderr).toBe(0);
    expect(completeBuild(out)).toBe(0.6);
    expect(leftovers(dir, "out")).toEqual([]);
  }, 120_000);
});
