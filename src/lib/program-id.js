// A program's id in page URLs (/programs/<id>): its prefecture code, a dash, and a 53-bit hash (cyrb53) of its
// prefecture code, body and name in base 36 (28-0abc…). The prefecture code tells the page which prefecture's data
// file to read. Pure JavaScript, so the build (observablehq.config.ts, loaders/publish/site/) and the pages compute
// the same id and the same link.
export function programId(prefectureCode, body, program) {
  const text = `${prefectureCode}\t${body}\t${program}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${prefectureCode}-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, "0")}`;
}

/** The id of a row's program (its prefecture code, body and program name). */
export function idOf(row) {
  return programId(row.prefecture_code, row.body, row.program);
}

/**
 * A program's page, from a page at `base`: "./" beside the list, "./programs/" from the site's root, "../programs/"
 * from a page one level down.
 */
export function programHref(row, base = "./") {
  return `${base}${idOf(row)}.html`;
}
