// extractStream on worker threads: files are parsed in parallel and their records handed on in file order.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { createExtraction, extractStream, surveySources, type DocumentResult, type ExtractOptions, type FileOutcome, type StreamSummary } from "./extract.ts";
import type { KpiRecord } from "./schema.ts";

/** Below this much source text, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 8e6;
/** Files queued in a worker at once, so that it never waits for the next. */
const IN_FLIGHT = 2;
/** Outcomes parsed ahead of the next one to accept at most: bounds memory when one file is slow. */
const WINDOW = 16;

/**
 * A file's records as a worker posts them: the columns (the records' keys, in their order), each column's values, and
 * for each record and column the index of its value. A value repeated by consecutive records (a document's name, a
 * line's text for each of its periods, a program's body and note) is listed once, which makes the message a fraction
 * of the records' size, and cheaper to copy and to read back than one object per record.
 */
interface PackedRecords {
  keys: string[];
  values: unknown[][];
  /** Record i's value of column c is values[c][indexes[i * keys.length + c]]. */
  indexes: Uint32Array;
}

/** A file's outcome as a worker posts it: its records packed (packRecords). */
type PackedOutcome = Omit<FileOutcome, "result"> & { result: (Omit<DocumentResult, "records"> & { records: PackedRecords }) | null };

/** Records as columns (PackedRecords); every record has the keys of the first, as completeRecord makes them. */
function packRecords(records: readonly KpiRecord[]): PackedRecords {
  const keys = records.length === 0 ? [] : Object.keys(records[0]!);
  const values = keys.map((): unknown[] => []);
  const indexes = new Uint32Array(records.length * keys.length);
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as unknown as Record<string, unknown>;
    for (let c = 0; c < keys.length; c++) {
      const value = record[keys[c]!];
      const column = values[c]!;
      // A value the record before has too is listed once: records of a document come by line and program. (No
      // lookup of every value: record_id and most texts differ from record to record.)
      const last = column.length - 1;
      indexes[i * keys.length + c] = last >= 0 && Object.is(column[last], value) ? last : column.push(value) - 1;
    }
  }
  return { keys, values, indexes };
}

/** The records packRecords packed, with their keys in the same order. */
function unpackRecords({ keys, values, indexes }: PackedRecords): KpiRecord[] {
  const records: KpiRecord[] = [];
  for (let start = 0; start < indexes.length; start += keys.length) {
    const record: Record<string, unknown> = {};
    for (let c = 0; c < keys.length; c++) record[keys[c]!] = values[c]![indexes[start + c]!];
    records.push(record as unknown as KpiRecord);
  }
  return records;
}

/** An outcome as a worker posts it, its records packed. */
export function packOutcome(outcome: FileOutcome): PackedOutcome {
  return { ...outcome, result: outcome.result && { ...outcome.result, records: packRecords(outcome.result.records) } };
}

/** The outcome a worker posted, its records unpacked. */
function unpackOutcome(outcome: PackedOutcome): FileOutcome {
  return { ...outcome, result: outcome.result && { ...outcome.result, records: unpackRecords(outcome.result.records) } };
}

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
  const done = new Map<number, PackedOutcome>();
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
    worker.on("message", (message: { index: number; outcome: PackedOutcome }) => {
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
      const outcome = unpackOutcome(done.get(accepted)!);
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
