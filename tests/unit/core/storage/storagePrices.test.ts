/**
 * The Storage page's estimate (core/storage/storagePrices.ts) and docs/COSTS.md
 * must say the same prices: the doc's table of the page's figures names each
 * constant with its value, and each value is the one the doc's own sections
 * work out (S3 Standard in the price list, the totals per GiB transferred and
 * per footage hour processed). A price changed in one place only fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storagePrices } from '../../../../core/storage/storagePrices';

const costs = readFileSync(new URL('../../../../docs/COSTS.md', import.meta.url), 'utf8');

/** The rows of the first Markdown table after `heading`, as cells (header and rule rows left out). */
function tableAfter(heading: string): string[][] {
  const start = costs.indexOf(heading);
  if (start < 0) throw new Error(`docs/COSTS.md has no "${heading}"`);
  const lines = costs.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const table: string[] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  return table.slice(2).map((line) => line.split('|').slice(1, -1).map((cell) => cell.trim()));
}

/** The first dollar figure (or plain number) in a cell: "≈ $0.0010 per GiB" → 0.001. */
function firstNumber(cell: string, what: string): number {
  const match = /\$?(\d+(?:\.\d+)?)/.exec(cell.replaceAll(',', ''));
  if (match === null) throw new Error(`${what}: no number in "${cell}"`);
  return Number(match[1]);
}

const rowOf = (rows: string[][], label: RegExp, what: string): string[] => {
  const row = rows.find((cells) => label.test(cells[0] ?? ''));
  if (row === undefined) throw new Error(`${what}: no row matching ${String(label)}`);
  return row;
};

describe('storage prices and docs/COSTS.md', () => {
  const figures = tableAfter("## The Storage page's estimate");

  it('lists every constant of storagePrices.ts with the value the code uses, and no other', () => {
    // Act
    const documented = Object.fromEntries(figures.map(([name = '', value = '']) => [name.replaceAll('`', ''), firstNumber(value, name)]));

    // Assess
    expect(documented).toEqual({ ...storagePrices });
  });

  it('takes each price from the section of COSTS.md that works it out', () => {
    // Prepare
    const cited = Object.fromEntries(figures.map(([name = '', value = '']) => [name.replaceAll('`', ''), firstNumber(value, name)]));
    const s3 = rowOf(tableAfter('| item | list price used |'), /^S3 Standard$/, 'price list');
    const transferTotal = rowOf(tableAfter('## Per 1 GiB file transferred'), /total to transfer/, 'per GiB transferred');
    const processingTotal = rowOf(tableAfter('## Per footage hour processed'), /^\*\*total\*\*$/, 'per footage hour');

    // Assess
    expect(Number(/\$(\d+(?:\.\d+)?) per GB-month/.exec(s3[1] ?? '')?.[1])).toBe(cited['storagePerGbMonth']);
    expect(firstNumber(transferTotal[2] ?? '', 'transfer total')).toBe(cited['transferPerGib']);
    expect(firstNumber(processingTotal[2] ?? '', 'processing total')).toBe(cited['processingPerFootageHour']);
  });
});
