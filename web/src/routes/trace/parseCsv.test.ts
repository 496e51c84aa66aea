import { describe, expect, it } from 'vitest';
import { parseCsv } from './parseCsv';

describe('parseCsv', () => {
  it('drops a BOM and reads CRLF rows', () => {
    expect(parseCsv('\uFEFFMã vận đơn,Tên\r\nGHN1,Áo\r\nGHN2,Quần\r\n')).toEqual([
      ['Mã vận đơn', 'Tên'],
      ['GHN1', 'Áo'],
      ['GHN2', 'Quần'],
    ]);
  });

  it('reads quoted cells with doubled quotes, delimiters and line breaks inside', () => {
    expect(parseCsv('code,note\n"SPX1","said ""hi"", then left"\n"SPX2","two\nlines"\n')).toEqual([
      ['code', 'note'],
      ['SPX1', 'said "hi", then left'],
      ['SPX2', 'two\nlines'],
    ]);
  });

  it('guesses semicolons and tabs from the first line', () => {
    expect(parseCsv('a;b\n1;2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a\tb\r1\t2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('skips blank lines and keeps short junk rows as they are', () => {
    expect(parseCsv('code\n\n,,\nGHN1\n---- total ----\n')).toEqual([['code'], ['GHN1'], ['---- total ----']]);
  });

  it('reads a last line without a line end, and an empty file as no rows', () => {
    expect(parseCsv('x,y\n1,2')).toEqual([
      ['x', 'y'],
      ['1', '2'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });
});
