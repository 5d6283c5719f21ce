// extractStream on worker threads: files are parsed in parallel and their records handed on in file order.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { createExtraction, extractStream, surveySources, type ExtractOptions, type FileOutcome, type StreamSummary } from "./extract.ts";
import type { KpiRecord } from "./schema.ts";

/** Below this much source text, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 8e6;
/** Files queued in a worker at once, so that it never waits for the next. */
const IN_FLIGHT = 2;
/** Outcomes parsed ahead of the next one to accept at most: bounds memory when one file is slow. */
const WINDOW = 16;

/**
 * The same records, report and order as extractStream, with parsing spread over `threads` worker threads. The
 * calling thread keeps the bookkeeping and the sink. One thread, one file or a small corpus is extracted in the
 * calling thread instead.
 */
export async function extractParallel(
  options: ExtractOptions,
  sink: (record: KpiRecord) => void,
  onFile?: (file: string, bytes: number) => void,
  { threads = availableParallelism(), minBytes = PARALLEL_MIN_BYTES }: { threads?: number; minBytes?: number } = {},
): Promise<StreamSummary> {
  const survey = surveySources(options.sourcesDir);
  const files = survey.files.map((f) => f.name);
  const bytes = survey.files.reduce((n, f) => n + f.bytes, 0);
  if (threads <= 1 || files.length <= 1 || bytes < minBytes) return extractStream(options, sink, onFile);
  const extraction = createExtraction(options, sink);
  survey.skipped.forEach(extraction.skip);
  const workers = Array.from({ length: Math.min(threads, files.length) }, () => new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: { sourcesDir: options.sourcesDir, cacheDir: options.cacheDir ?? null } }));
  const done = new Map<number, FileOutcome>();
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let sent = 0;
  let accepted = 0;
  // Each worker has up to IN_FLIGHT files; parsed outcomes wait in `done` only up to WINDOW files ahead.
  const pump = () => {
    for (const worker of workers) {
      while (inFlight.get(worker)! < IN_FLIGHT && sent < files.length && sent - accepted < WINDOW) {
        worker.postMessage({ index: sent, file: files[sent++] });
        inFlight.set(worker, inFlight.get(worker)! + 1);
      }
    }
  };
  for (const worker of workers) {
    worker.on("message", (message: { index: number; outcome: FileOutcome }) => {
      done.set(message.index, message.outcome);
      inFlight.set(worker, inFlight.get(worker)! - 1);
      pump();
      wake?.();
    });
    worker.on("error", (error) => {
      failure = error;
      wake?.();
    });
  }
  pump();
  try {
    for (; accepted < files.length; accepted++) {
      while (!done.has(accepted)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const outcome = done.get(accepted)!;
      done.delete(accepted);
      extraction.accept(outcome);
      onFile?.(outcome.file, outcome.bytes);
      pump();
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return await extraction.finish();
}
