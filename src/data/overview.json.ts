// The overview page's headline figures and binned achievement distribution (loaders/site/overview.ts).
import { overview } from "../../loaders/site/overview.ts";

process.stdout.write(JSON.stringify(await overview()));
