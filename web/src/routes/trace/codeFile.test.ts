import { describe, expect, it } from 'vitest';
import { CodeFileError, guessCodeColumn, MAX_CODE_FILE_BYTES, readCodeFile, toTable } from './codeFile';
import { rememberColumn, rememberedColumn } from './columnMemory';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const values = new Map<string, string>();
  return { getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}

describe('code files', () => {
  it('refuses a file over 20 MB before reading it, saying the limit', async () => {
    const big = new File([new Uint8Array(MAX_CODE_FILE_BYTES + 1)], 'orders.csv', { type: 'text/csv' });

    await expect(readCodeFile(big)).rejects.toThrow(CodeFileError);
    await expect(readCodeFile(big)).rejects.toThrow('the limit is 20 MB');
  });

  it('reads a CSV with junk rows into headers and padded rows', async () => {
    const file = new File(['\uFEFFSTT;Mã vận đơn;Ghi chú\n1;ghn 123;"a; b"\n\n---;;\nTổng\n'], 'shopee.csv');

    const table = await readCodeFile(file);

    expect(table.headers).toEqual(['STT', 'Mã vận đơn', 'Ghi chú']);
    expect(table.rows).toEqual([
      ['1', 'ghn 123', 'a; b'],
      ['---', '', ''],
      ['Tổng', '', ''],
    ]);
    expect(guessCodeColumn(table.headers)).toBe(1);
  });

  it('names headerless columns and guesses the first when no header says "tracking"', () => {
    expect(toTable([['a', '', 'c'], ['1', '2', '3', '4']]).headers).toEqual(['a', 'Column 2', 'c', 'Column 4']);
    expect(guessCodeColumn(['Order', 'Tracking Number'])).toBe(1);
    expect(guessCodeColumn(['x', 'y'])).toBe(0);
  });

  it('remembers the chosen column per header layout', () => {
    const storage = memoryStorage();
    rememberColumn(['STT', 'Mã vận đơn', 'Ghi chú'], 2, storage);

    expect(rememberedColumn([' stt', 'MÃ VẬN ĐƠN', 'Ghi chú'], storage)).toBe(2);
    expect(rememberedColumn(['Order', 'Tracking'], storage)).toBeNull();
  });
});
