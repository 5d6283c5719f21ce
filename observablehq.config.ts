// Observable Framework configuration. The site must build and run with no CDN (docs/offline-framework.md).
import { programPaths } from "./loaders/site/programs.ts";

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
  ],
  // One page per program (src/programs/[prefecture]-[hash].md), from the build in out/.
  async *dynamicPaths() {
    yield* await programPaths();
  },
  // No favicon request (browsers ask for /favicon.ico otherwise).
  head: `<link rel="icon" href="data:,">`,
  pager: false,
  // Links end in .html, so that any static server serves the site.
  cleanUrls: false,
  search: false,
  footer: "出典: 各自治体・プラットフォームの公表資料（data/sources/README.md）を加工して作成",
};
