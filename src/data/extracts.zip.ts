// The extracts `kpi build` wrote to out/ (Parquet, CSV, Excel CSV, datapackage.json, extraction report), as one
// archive: pages link to single files inside it, e.g. FileAttachment("data/extracts/flags.parquet").
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { PROJECT_OUT_DIR } from "../../loaders/build.ts";

if (!existsSync(join(PROJECT_OUT_DIR, "datapackage.json"))) {
  process.stderr.write(`extracts.zip: ${PROJECT_OUT_DIR} holds no build; run \`npm run build\` (it runs \`kpi build\` first)\n`);
  process.exit(1);
}
// A fixed date keeps the archive identical for identical extracts.
const date = new Date("2000-01-01T00:00:00Z");
const zip = new JSZip();
for (const name of readdirSync(PROJECT_OUT_DIR).sort()) zip.file(name, readFileSync(join(PROJECT_OUT_DIR, name)), { date });
process.stdout.write(await zip.generateAsync({ type: "uint8array", compression: "STORE" }));
