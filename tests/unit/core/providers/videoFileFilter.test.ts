import { describe, expect, it } from 'vitest';
import { videoFileVerdict } from '../../../../core/providers/videoFileFilter';

describe('videoFileVerdict', () => {
  it.each([
    ['Cam1_20250718_093000.mp4', 'video/mp4'],
    ['export.DAV', 'application/octet-stream'],
    ['stream', 'video/x-matroska'],
  ])('takes %s (%s)', (name, mimeType) => {
    expect(videoFileVerdict({ name, mimeType, size: 10 })).toEqual({ take: true });
  });

  it('skips Google Docs with a reason a person understands', () => {
    expect(videoFileVerdict({ name: 'Notes', mimeType: 'application/vnd.google-apps.document', size: null })).toEqual({
      take: false,
      code: 'google_document',
      detail: 'document',
      reason: 'a Google Drive document (not a video file)',
    });
  });

  it('skips other files naming their type', () => {
    expect(videoFileVerdict({ name: 'label.pdf', mimeType: 'application/pdf', size: 5 })).toEqual({ take: false, code: 'not_video', detail: 'application/pdf', reason: 'not a video file (application/pdf)' });
  });
});
