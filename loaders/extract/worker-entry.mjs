// Entry of an extraction worker thread: worker threads do not inherit tsx from the kpi command, so the worker
// registers it before loading the TypeScript modules.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
