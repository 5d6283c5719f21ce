// The documentation stays true to the tree: every path the README and docs/ name exists, every link between them
// resolves, and nothing in the repository points outside it (a person who clones it has all it refers to).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../", import.meta.url).pathname;
const DOCS = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
/** Folders a named path may start with: the repository's own. */
const TOP = /^(?:loaders|src|data|docs|test|bench|scripts|bin)\//;

/** The repository paths a Markdown text names: `code spans` and link targets starting with a top-level folder. */
export function namedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
  const links = [...markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!);
  return [...spans, ...links]
    .map((p) => p.replace(/[:,.]+$/, ""))
    .filter((p) => TOP.test(p) && !/[<>*…]|\/\.\.\.|\bN\b/.test(p));
}

describe("documentation", () => {
  it("names only paths that exist", () => {
    const missing: string[] = [];
    let named = 0;
    for (const doc of DOCS) {
      for (const path of namedPaths(readFileSync(join(ROOT, doc), "utf8"))) {
        named++;
        // a path in a doc under docs/ may be relative to it (a link) or to the root (a code span)
        if (!existsSync(join(ROOT, path)) && !existsSync(join(ROOT, "docs", path))) missing.push(`${doc}: ${path}`);
      }
    }
    expect(named).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it("finds a path that does not exist (the check can fail)", () => {
    expect(namedPaths("see `loaders/io/extracts.ts` and [x](docs/gone.md)")).toEqual(["loaders/io/extracts.ts", "docs/gone.md"]);
    expect(existsSync(join(ROOT, "loaders/io/extracts.ts"))).toBe(false);
  });

  it("links README to every document in docs/", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const unlinked = DOCS.filter((d) => d.startsWith("docs/") && !readme.includes(`(${d})`));
    expect(unlinked).toEqual([]);
  });

  it("refers to nothing outside the repository", () => {
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => f && /\.(?:ts|js|mjs|md|json|sql|csv|sh)$|^\.ci\/run$/.test(f) && !f.startsWith("data/sources/") && f !== "package-lock.json" && existsSync(join(ROOT, f)));
    const outside = files.filter((f) => /(?:\.\.\/)+shared\/|(?<![\w/.-])shared\/(?:docs|spec|sources)\/|\/work\/shared/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(files.length).toBeGreaterThan(100);
    expect(outside).toEqual([]);
  });
});
