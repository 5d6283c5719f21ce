// Numbers as the site writes them in Japanese: separators and a unit (1,500人), percentages with one decimal
// (91.0%), "—" for a missing value. Pure JavaScript, so that the pages (through src/components/format.js, which
// re-exports these) and the build's HTML (loaders/publish/site/source-pages.ts) write numbers alike.

const integer = new Intl.NumberFormat("ja-JP", {maximumFractionDigits: 0});
const decimal = new Intl.NumberFormat("ja-JP", {maximumFractionDigits: 2});

/** 1500 → "1,500"; 1500 with 人 → "1,500人"; null → "—". */
export function formatNumber(value, unit = "") {
  if (value == null || Number.isNaN(value)) return "—";
  return (Number.isInteger(value) ? integer : decimal).format(value) + unit;
}

/** 0.91 → "91.0%"; null → "—". */
export function formatPercent(ratio, digits = 1) {
  if (ratio == null || Number.isNaN(ratio)) return "—";
  return `${(ratio * 100).toFixed(digits)}%`;
}
