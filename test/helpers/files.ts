// Files of a directory tree, for tests that compare two builds' outputs file by file.
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under a directory, relative to it, sorted. */
export function filesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}
