// The text of a source document as pages show it: the markup left in a document converted from a web page or a
// word processor (<ul style="list-style-type: none">, <p>, </li>, <br>) taken out. Pure JavaScript, so the build
// (loaders/publish/site/source-pages.ts, loaders/publish/site/program-pages.ts) and the pages strip alike. The extracts keep the text verbatim:
// only what a person reads is cleaned.
//
// Only tags of HTML's own element names go: 「<広島県>」「<労働局>」 are the document's words (the body a line speaks
// of), and an ASCII word in angle brackets that is no element's name (<KPI>) stays too.

/** Element names whose tags are markup residue wherever they appear in a document's text. */
const ELEMENTS = [
  "a", "abbr", "b", "big", "blockquote", "br", "caption", "center", "code", "col", "colgroup", "dd", "del", "div", "dl", "dt",
  "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "mark", "nobr", "ol", "p", "pre", "s", "small",
  "span", "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul", "wbr",
];

/** An opening, closing or self-closing tag of one of ELEMENTS, with its attributes, and the spaces around it. */
const TAG = new RegExp(`[ \\u3000]*</?(?:${ELEMENTS.join("|")})(?:\\s[^<>]*)?/?>[ \\u3000]*`, "gi");

/**
 * A cell of a line (the text between two tabs) without its markup: each tag, with the spaces beside it, becomes one
 * space between the words it stood between, and nothing at the cell's start or end.
 * 「<p><広島県></p> <ul style="list-style-type: none"> ○支援対象者の把握 」 → 「<広島県> ○支援対象者の把握 」.
 */
function stripCell(cell) {
  const parts = cell.split(TAG);
  return parts.length === 1 ? cell : parts.filter((p) => p !== "").join(" ");
}

/**
 * Text as the pages show it: markup residue stripped (see ELEMENTS), line by line and cell by cell, so that the
 * lines and tabs a citation counts stay where they are. Null and undefined stay as they are.
 */
export function displayText(text) {
  if (text == null) return text;
  return String(text)
    .split("\n")
    .map((line) => line.split("\t").map(stripCell).join("\t"))
    .join("\n");
}
