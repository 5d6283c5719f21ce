// The extracts `kpi build` wrote to out/ (Parquet, CSV, Excel CSV, datapackage.json, extraction report), as one
// archive: pages link to single files inside it, e.g. FileAttachment("data/extracts/flags.parquet").
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { siteOutDir } from "../../loaders/publish/site/arrow.ts";

const OUT_DIR = siteOutDir();

if (!existsSync(join(OUT_DIR, "datapackage.json"))) {
  process.stderr.write(`extracts.zip: ${OUT_DIR} holds no build; run \`npm run build\` (it runs \`kpi build\` first)\n`);
  process.exit(1);
}
// A fixed date keeps the archive identical for identical extracts.
const date = new Date("2000-01-01T00:00:00Z");
const zip = new JSZip();
for (const name of readdirSync(OUT_DIR).sort()) zip.file(name, readFileSync(join(OUT_DIR, name)), { date });
process.stdout.write(await zip.generateAsync({ type: "uint8array", compression: "STORE" }));
