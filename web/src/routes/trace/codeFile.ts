import { parseCsv } from './parseCsv';
import { formatBytes } from '../../lib/format/bytes';
import { m } from '../../paraglide/messages.js';

/** Larger files are refused before they are read: a phone would stall on them, and no day's orders need more. */
export const MAX_CODE_FILE_BYTES = 20 * 1024 * 1024;

/** A spreadsheet as a header row and data rows of text. */
export interface CodeTable {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export class CodeFileError extends Error {
  override readonly name = 'CodeFileError';
}

function isExcel(file: File): boolean {
  return /\.xlsx$/i.test(file.name) || file.type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

/** The first row is the header; rows are padded to the header's width. */
export function toTable(rows: readonly (readonly string[])[]): CodeTable {
  const [first = [], ...rest] = rows;
  const width = Math.max(first.length, ...rest.map((row) => row.length));
  const headers = Array.from({ length: width }, (_, i) => (first[i] ?? '').trim() || `Column ${i + 1}`);
  return { headers, rows: rest.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? '')) };
}

/**
 * Reads a CSV or Excel (.xlsx) file in the browser. The Excel reader is loaded
 * only when an Excel file is chosen, so it never weighs on the first page load.
 */
export async function readCodeFile(file: File): Promise<CodeTable> {
  if (file.size > MAX_CODE_FILE_BYTES) {
    throw new CodeFileError(m.codefile_too_big({ size: formatBytes(file.size) }));
  }
  if (isExcel(file)) {
    const { default: readXlsx } = await import('read-excel-file/browser');
    try {
      const sheets = await readXlsx(file);
      const data = sheets[0]?.data ?? [];
      return toTable(data.map((row) => row.map((value) => (value === null || value === undefined ? '' : String(value)))));
    } catch (cause) {
      throw new CodeFileError(m.codefile_excel_unreadable(), { cause });
    }
  }
  if (/\.xls$/i.test(file.name)) throw new CodeFileError(m.codefile_old_excel());
  return toTable(parseCsv(await file.text()));
}

/** Which column most likely holds tracking codes: a header that says so, else the first column. */
export function guessCodeColumn(headers: readonly string[]): number {
  const hint = /(tracking|m[aã] v[aậ]n [dđ][oơ]n|v[aậ]n [dđ][oơ]n|waybill|awb|shipping code|order code|m[aã] [dđ][oơ]n)/i;
  const found = headers.findIndex((header) => hint.test(header.normalize('NFC')));
  return found === -1 ? 0 : found;
}
