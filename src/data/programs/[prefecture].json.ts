// One prefecture's records, assessments and series for its program pages (loaders/site/programs.ts); the prefecture
// code comes from the file name, data/programs/<code>.json, as --prefecture.
import { parseArgs } from "node:util";
import { prefecturePrograms } from "../../../loaders/site/programs.ts";

const { values } = parseArgs({ options: { prefecture: { type: "string" } } });
process.stdout.write(JSON.stringify(await prefecturePrograms(values.prefecture ?? "")));
