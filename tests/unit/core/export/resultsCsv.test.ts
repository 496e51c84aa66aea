import { describe, expect, it } from 'vitest';
import { resultsCsv } from '../../../../core/export/resultsCsv';

describe('resultsCsv', () => {
  it('writes a BOM, a header and CRLF rows, quoting commas and quotes', () => {
    const csv = resultsCsv([
      { code: 'GHN1', status: 'found', camera: 'Bàn 1, "kho"', start: '2025-07-18 09:30:00', end: '2025-07-18 09:31:00', durationSec: 60, clipState: 'ready', file: 'GHN1.mp4' },
      { code: 'X9', status: 'not_found' },
    ]);

    expect(csv).toBe(
      '\uFEFFcode,status,camera,start,end,durationSec,clipState,file,note\r\n' +
        'GHN1,found,"Bàn 1, ""kho""",2025-07-18 09:30:00,2025-07-18 09:31:00,60,ready,GHN1.mp4,\r\n' +
        'X9,not_found,,,,,,,\r\n',
    );
  });

  it('keeps a spreadsheet from reading a cell as a formula', () => {
    expect(resultsCsv([{ code: '=HYPERLINK("x")', status: 'rejected' }])).toContain(`"'=HYPERLINK(""x"")",rejected`);
  });
});
