// The name of a source document's page: its file name with every character other than a letter, a digit, "_" or "-"
// written as "-" (000_784b.txt → 000_784b-txt), so that the page is /sources/<slug>.html on any static server. Pure
// JavaScript, so the build (observablehq.config.ts, loaders/publish/site/source-pages.ts) and the pages name pages alike.
export function sourceSlug(file) {
  return String(file).replace(/[^A-Za-z0-9_-]/g, "-");
}
