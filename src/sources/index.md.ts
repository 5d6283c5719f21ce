// 出典資料: the index of the source documents, /sources/ (loaders/site/sources.ts).
import { sourceIndexPage } from "../../loaders/site/sources.ts";

process.stdout.write(await sourceIndexPage());
