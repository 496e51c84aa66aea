/** One line of the export's `results.csv`. */
export interface ResultRow {
  readonly code: string;
  readonly status: 'found' | 'not_found' | 'rejected';
  readonly camera?: string;
  /** Local wall-clock times, `YYYY-MM-DD HH:MM:SS`. */
  readonly start?: string;
  readonly end?: string;
  readonly durationSec?: number;
  readonly clipState?: string;
  /** The clip's name in the archive; empty when it has none. */
  readonly file?: string;
  readonly note?: string;
}

const COLUMNS = ['code', 'status', 'camera', 'start', 'end', 'durationSec', 'clipState', 'file', 'note'] as const;

/** A cell as RFC 4180 wants it, and never read as a formula by a spreadsheet (`=`, `+`, `-`, `@` get a leading quote). */
function cell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM, so Excel shows Vietnamese camera names right; CRLF line ends. */
export function resultsCsv(rows: readonly ResultRow[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((column) => cell(row[column])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
