// Observable Framework configuration. The site must build and run with no CDN (shared/docs/offline-framework.md).
export default {
  title: "就職氷河期世代支援 KPI",
  root: "src",
  output: "dist",
  // The default stylesheet requests a web font from another host.
  globalStylesheets: [],
  style: "style.css",
  pages: [{ name: "概要", path: "/" }],
  search: false,
  footer: "出典: 各自治体・プラットフォームの公表資料（data/sources/README.md）",
};
