// CSV cells for the downloads made in the browser, by the rule of the build's extracts (README "What the build
// writes"): RFC 4180 quoting, and a leading apostrophe on text that a spreadsheet would run as a formula.

/** One CSV cell: null is empty; text beginning with = + - @ tab or CR, or full-width ＝ ＋ － ＠, gets a leading '; numbers stay numbers. */
export function csvCell(value) {
  if (value == null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r＝＋－＠]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
