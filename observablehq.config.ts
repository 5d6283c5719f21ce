// Observable Framework configuration. The site must build and run with no CDN (docs/offline-framework.md).
import { programPaths } from "./loaders/publish/site/program-pages.ts";
import { sourcePaths } from "./loaders/publish/site/source-pages.ts";

export default {
  title: "就職氷河期世代支援 KPI",
  root: "src",
  // Tests build into a directory of their own.
  output: process.env.KPI_SITE_DIR || "dist",
  // The default stylesheet requests a web font from another host.
  globalStylesheets: [],
  style: "style.css",
  pages: [
    { name: "概要", path: "/" },
    { name: "要確認の事業", path: "/flags" },
    { name: "都道府県比較", path: "/prefectures" },
    { name: "事業一覧", path: "/programs/" },
    { name: "SQL", path: "/sql" },
    { name: "データ", path: "/data" },
    { name: "方法", path: "/methodology" },
    { name: "出典資料", path: "/sources/" },
  ],
  // One page per program (src/programs/[prefecture]-[hash].md) and per source document (src/sources/[slug].md.ts),
  // from the build in out/.
  async *dynamicPaths() {
    yield* await programPaths();
    yield* await sourcePaths();
  },
  // Framework's own words in Japanese: the table of contents' label here; the sidebar toggle's and code blocks'
  // button titles, the skip link and the zoomable viewport are set in the built pages (scripts/build-site.ts).
  toc: { label: "目次" },
  // No favicon request (browsers ask for /favicon.ico otherwise).
  head: `<link rel="icon" href="data:,">`,
  pager: false,
  // Links end in .html, so that any static server serves the site (what the deprecated cleanUrls: false did).
  preserveExtension: true,
  search: false,
  footer: '出典: 各自治体・プラットフォームの公表資料（<a href="/sources/">出典資料</a>）を加工して作成',
};
