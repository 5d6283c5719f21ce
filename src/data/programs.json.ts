// The list of programs for 事業一覧 (loaders/site/programs.ts).
import { programList } from "../../loaders/site/programs.ts";

process.stdout.write(JSON.stringify(await programList()));
