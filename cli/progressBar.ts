/**
 * A one-line progress bar for a terminal (redrawn with \r, at most ten times a
 * second so it costs nothing next to decoding).
 */
export function createProgressBar(stream: NodeJS.WritableStream & { columns?: number }): {
  update(fraction: number, label: string): void;
  done(): void;
} {
  let lastDraw = 0;
  let drawn = false;
  return {
    update(fraction, label) {
      const now = Date.now();
      if (now - lastDraw < 100 && fraction < 1) return;
      lastDraw = now;
      const width = 30;
      const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${label}`;
      stream.write(`\r${line.slice(0, (stream.columns ?? 100) - 1).padEnd(Math.min(stream.columns ?? 100, 100) - 1)}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\n');
    },
  };
}
