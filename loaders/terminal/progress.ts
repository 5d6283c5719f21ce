// Progress of long runs on stderr: amount done, rate, and time left when the total is known.

export interface Progress {
  /** Reports the amount done so far, with an optional note (e.g. records so far); prints about once a second. */
  update(done: number, note?: string): void;
  /** Prints the final line. */
  finish(done: number, note?: string): void;
}

function formatSeconds(s: number): string {
  return s >= 90 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${s.toFixed(s < 10 ? 1 : 0)}s`;
}

function formatAmount(n: number, scale: number): string {
  return scale === 1 ? Math.round(n).toLocaleString("en-US") : (n / scale).toFixed(1);
}

/**
 * A progress line such as `extract: 120.0 / 480.0 MB · 21.3 MB/s · 312,000 records · 17s left`, rewritten in place
 * on a terminal and one line a second otherwise. `scale` divides amounts for display (1e6 for MB).
 */
export function createProgress(label: string, unit: string, total: number | null = null, scale = 1, stream: { write(text: string): unknown; isTTY?: boolean } = process.stderr): Progress {
  const started = performance.now();
  let last = started;
  const line = (done: number, note: string | undefined, final: boolean) => {
    const elapsed = (performance.now() - started) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const parts = [`${label}: ${formatAmount(done, scale)}${total ? ` / ${formatAmount(total, scale)}` : ""} ${unit}`, `${formatAmount(rate, scale)} ${unit}/s`];
    if (note) parts.push(note);
    if (final) parts.push(formatSeconds(elapsed));
    else if (total && rate > 0) parts.push(`${formatSeconds(Math.max(0, total - done) / rate)} left`);
    const text = parts.join(" · ");
    stream.write(stream.isTTY ? `\r${text}\u001b[K${final ? "\n" : ""}` : `${text}\n`);
  };
  return {
    update(done, note) {
      const now = performance.now();
      if (now - last < 1000) return;
      last = now;
      line(done, note, false);
    },
    finish(done, note) {
      line(done, note, true);
    },
  };
}
