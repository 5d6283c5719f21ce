// The overview page's headline figures and binned achievement distribution (loaders/publish/site/overview.ts).
import { overview } from "../../loaders/publish/site/overview.ts";

process.stdout.write(JSON.stringify(await overview()));
