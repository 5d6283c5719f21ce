// The list of programs for 事業一覧 (loaders/publish/site/program-pages.ts).
import { programList } from "../../loaders/publish/site/program-pages.ts";

process.stdout.write(JSON.stringify(await programList()));
