// A worker thread of extractParallel: extracts the files it is sent and posts each outcome back, its records packed
// as columns (packOutcome).
import { parentPort, workerData } from "node:worker_threads";
import { extractFile } from "./extract.ts";
import { packOutcome } from "./parallel.ts";

const { sourcesDir, cacheDir } = workerData as { sourcesDir: string; cacheDir: string | null };
parentPort!.on("message", async (message: { index: number; file: string }) => {
  parentPort!.postMessage({ index: message.index, outcome: packOutcome(await extractFile(sourcesDir, message.file, cacheDir)) });
});
