// 出典資料: the index of the source documents, /sources/ (loaders/publish/site/source-pages.ts).
import { sourceIndexPage } from "../../loaders/publish/site/source-pages.ts";

process.stdout.write(await sourceIndexPage());
