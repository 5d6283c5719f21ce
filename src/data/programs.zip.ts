// Each prefecture's records, assessments and series, as one archive of <prefecture code>.json (loaders/publish/site/program-pages.ts):
// a program page reads its prefecture's member, e.g. FileAttachment("data/programs/28.json"), and so does the
// 都道府県比較 page for the prefecture chosen. One loader run writes all 47 (empty where the build has none).
import JSZip from "jszip";
import { prefectureCodes, prefecturePrograms } from "../../loaders/publish/site/program-pages.ts";

// A fixed date keeps the archive identical for identical builds.
const date = new Date("2000-01-01T00:00:00Z");
const zip = new JSZip();
for (const code of prefectureCodes()) zip.file(`${code}.json`, JSON.stringify(await prefecturePrograms(code)), { date });
process.stdout.write(await zip.generateAsync({ type: "uint8array", compression: "STORE" }));
