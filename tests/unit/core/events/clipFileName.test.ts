import { describe, expect, it } from 'vitest';
import { attachmentDisposition, clipFileName } from '../../../../core/events/clipFileName';
import { parseTimeZone } from '../../../../core/time/timeZone';

describe('clipFileName', () => {
  const zone = parseTimeZone('Asia/Ho_Chi_Minh');

  it('names a clip <code>_<camera>_<local time>.mp4 in the tenant zone', () => {
    expect(clipFileName({ code: 'GHN123', cameraName: 'cam1', clipStart: '2025-07-18T02:30:05.400Z', zone })).toBe('GHN123_cam1_2025-07-18_09-30-05.mp4');
  });

  it('keeps Vietnamese letters and replaces what a file system refuses', () => {
    const name = clipFileName({ code: 'SPX/1', cameraName: 'Bàn đóng gói: số 2', clipStart: '2025-07-18T17:00:00Z', zone });

    expect(name).toBe('SPX-1_Bàn-đóng-gói-số-2_2025-07-19_00-00-00.mp4');
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name as RFC 5987 filename*', () => {
    const header = attachmentDisposition('GHN1_Bàn đóng gói_2025.mp4');

    expect(header).toBe(`attachment; filename="GHN1_Ban dong goi_2025.mp4"; filename*=UTF-8''GHN1_B%C3%A0n%20%C4%91%C3%B3ng%20g%C3%B3i_2025.mp4`);
    expect(decodeURIComponent(header.split("''")[1] ?? '')).toBe('GHN1_Bàn đóng gói_2025.mp4');
  });

  it('never lets a quote or a non-ASCII character into the plain filename', () => {
    const header = attachmentDisposition('a"b\\c_鏡頭.mp4');

    expect(header.startsWith('attachment; filename="a_b_c___.mp4";')).toBe(true);
  });
});
