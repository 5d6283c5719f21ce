// The page of one source document, /sources/<slug>.html: static HTML written at build time (loaders/publish/site/source-pages.ts),
// so that a citation's link lands on its line (#L<n>) without waiting for a script.
import { parseArgs } from "node:util";
import { sourcePage } from "../../loaders/publish/site/source-pages.ts";

const { values } = parseArgs({ options: { slug: { type: "string" } } });
if (!values.slug) throw new Error("usage: [slug].md.ts --slug=<slug>");
process.stdout.write(await sourcePage(values.slug));
