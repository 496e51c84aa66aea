import { describe, expect, it } from 'vitest';
import { fingerprintSamples, FINGERPRINT_SAMPLE_BYTES } from '../../../../core/edge/contentFingerprint';
import { localFileVerdict } from '../../../../core/edge/localFileVerdict';

describe('localFileVerdict', () => {
  it.each(['Cam1_20250718_093000.mp4', 'Quầy đóng gói 2_20250718_093000.MP4', 'ch01_20250718.dav', 'x.mkv'])('takes the video %s', (name) => {
    expect(localFileVerdict(name, 1000).take).toBe(true);
  });

  it.each([
    ['Cam1.mp4.part', 'temporary'],
    ['Cam1.mp4.crdownload', 'temporary'],
    ['.Cam1.mp4.AbC123', 'temporary'],
    ['~$report.mp4', 'temporary'],
    ['Thumbs.db', 'not a video file'],
    ['notes.txt', 'not a video file'],
  ])('skips %s with a reason', (name, reason) => {
    const verdict = localFileVerdict(name, 1000);
    expect(verdict.take).toBe(false);
    expect(verdict.take ? '' : verdict.reason).toContain(reason);
  });

  it('skips an empty video', () => {
    expect(localFileVerdict('Cam1.mp4', 0)).toEqual({ take: false, code: 'empty', detail: null, reason: 'an empty file (0 bytes)' });
  });
});

describe('fingerprintSamples', () => {
  it('reads a small file whole and a large one at its start, middle and end', () => {
    expect(fingerprintSamples(1000)).toEqual([{ offset: 0, length: 1000 }]);
    const size = 10 * FINGERPRINT_SAMPLE_BYTES + 7;
    const samples = fingerprintSamples(size);
    expect(samples).toHaveLength(3);
    expect(samples[0]).toEqual({ offset: 0, length: FINGERPRINT_SAMPLE_BYTES });
    expect(samples[2]).toEqual({ offset: size - FINGERPRINT_SAMPLE_BYTES, length: FINGERPRINT_SAMPLE_BYTES });
    expect(samples[1]?.offset).toBeGreaterThan(FINGERPRINT_SAMPLE_BYTES);
    expect((samples[1]?.offset ?? 0) + FINGERPRINT_SAMPLE_BYTES).toBeLessThan(size - FINGERPRINT_SAMPLE_BYTES);
  });
});
