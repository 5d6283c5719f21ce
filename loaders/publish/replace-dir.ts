// A build's output directory (out/, dist/) replaced as a whole: the build writes into a staging directory beside it,
// and only a complete one takes its place (rename the old aside, rename the new in, remove the old). A lock file
// beside the target keeps a second build from writing it at the same time. A build killed at any moment leaves the
// previous complete output, or none on a first build; what it left (staging, the old copy set aside, a dead pid's
// lock) is cleaned up by the next build.
import { closeSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { WriteError } from "./write-files.ts";

/** A second build found the output locked by a live process. */
export class BuildLockedError extends WriteError {
  constructor(
    readonly label: string,
    readonly pid: number,
  ) {
    super(`another build is writing ${label} (pid ${pid})`);
  }
}

/** The names a build of `target` uses beside it. */
export function siblings(target: string, pid = process.pid): { lock: string; staging: string; old: string } {
  const dir = dirname(resolve(target));
  const base = basename(resolve(target));
  return { lock: join(dir, `.${base}.lock`), staging: join(dir, `.${base}.staging-${pid}`), old: join(dir, `.${base}.old-${pid}`) };
}

/** True while a process with this pid exists (EPERM: it exists, owned by another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(path: string): number {
  try {
    return Number(readFileSync(path, "utf8").trim());
  } catch {
    return NaN;
  }
}

function createLock(lock: string): boolean {
  try {
    const fd = openSync(lock, "wx");
    try {
      writeSync(fd, `${process.pid}\n`);
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * Takes the lock of `target` (an exclusively created file holding this process's pid) and returns its release.
 * A lock whose pid is dead is stale and taken over; a live one throws BuildLockedError.
 */
export function acquireLock(target: string, label = `${target.replace(/\/+$/, "")}/`): () => void {
  const { lock } = siblings(target);
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; ; attempt++) {
    if (createLock(lock)) break;
    const pid = readPid(lock);
    // A lock file just created and not yet written reads as no pid: its writer is alive, so is the lock.
    if (!Number.isFinite(pid) || pid === 0 || processAlive(pid) || attempt >= 3) throw new BuildLockedError(label, Number.isFinite(pid) ? pid : 0);
    // Stale: move it aside under a name of our own, so that two builds finding the same stale lock cannot both
    // remove it; if what we moved is not the dead pid's lock any more, it is a live build's: put it back.
    const moved = `${lock}.stale-${process.pid}`;
    try {
      renameSync(lock, moved);
    } catch {
      continue;
    }
    const movedPid = readPid(moved);
    if (movedPid !== pid && processAlive(movedPid)) {
      try {
        linkSync(moved, lock);
      } catch {
        // another build holds the lock by now; the live one stays where it was moved until it ends
      }
      rmSync(moved, { force: true });
      throw new BuildLockedError(label, movedPid);
    }
    rmSync(moved, { force: true });
  }
  return () => {
    if (readPid(lock) === process.pid) unlinkSync(lock);
  };
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Under the lock: puts back an old output that a build killed between its two renames left aside (the target is
 * then missing), and removes what killed builds left: staging directories and old copies.
 */
export function recoverDir(target: string): void {
  const dir = dirname(resolve(target));
  const base = basename(resolve(target));
  if (!existsSync(dir)) return;
  const left = readdirSync(dir).filter((name) => name.startsWith(`.${base}.staging-`) || name.startsWith(`.${base}.old-`));
  const olds = left.filter((name) => name.startsWith(`.${base}.old-`)).map((name) => join(dir, name));
  if (!exists(resolve(target)) && olds.length) {
    const newest = olds.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
    renameSync(newest, resolve(target));
  }
  for (const name of left) rmSync(join(dir, name), { recursive: true, force: true });
}

/**
 * Swaps a complete `staging` directory in for `target`: the old one renamed aside, the new renamed in, the old
 * removed. A link standing at `target` is replaced, never followed.
 */
export function swapDir(staging: string, target: string): void {
  const { old } = siblings(target);
  if (exists(resolve(target))) {
    rmSync(old, { recursive: true, force: true });
    renameSync(resolve(target), old);
    renameSync(staging, resolve(target));
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(staging, resolve(target));
  }
}

export interface ReplaceOptions {
  /** How messages name the target, e.g. "out/". */
  label?: string;
}

/**
 * Runs `write(staging)` on an empty staging directory beside `target` while holding the target's lock, and replaces
 * `target` with it when `write` succeeds. On failure the staging directory is removed and `target` is untouched.
 */
export async function replaceDir<T>(target: string, write: (staging: string) => Promise<T>, options: ReplaceOptions = {}): Promise<T> {
  const release = acquireLock(target, options.label);
  const { staging } = siblings(target);
  try {
    recoverDir(target);
    mkdirSync(staging, { recursive: true });
    const result = await write(staging);
    swapDir(staging, target);
    return result;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    release();
  }
}
