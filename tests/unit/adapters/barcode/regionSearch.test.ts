import { beforeAll, describe, expect, it } from 'vitest';
import { createPixmapReader } from '../../../../adapters/barcode/zxingPixmapReader.mjs';
import { DEFAULT_REUSE } from '../../../../adapters/barcode/regionSearch.mjs';
import { labelFrame, type LabelFrame } from '../../../contracts/support/labelFrames';

let qr: LabelFrame;
beforeAll(() => {
  qr = labelFrame([{ code: 'GHN11111111111', kind: 'QRCode', x: 230, y: 150 }]);
});

describe('the regions search over a sequence of frames', () => {
  it('reads a still label once, gives that read again while nothing changes, and reads it afresh every maxReuses + 1 frames', async () => {
    // Prepare
    const reader = await createPixmapReader({ search: 'regions' });
    const frames = DEFAULT_REUSE.maxReuses + 3;
    // Act
    const texts = [];
    for (let i = 0; i < frames; i += 1) texts.push(reader.read(qr.frame.data, qr.frame.width, qr.frame.height).map((read) => read.text));
    // Assess: first frame and frame maxReuses + 2 read, the others reused
    for (const t of texts) expect(t).toEqual(['GHN11111111111']);
    expect(reader.stats).toMatchObject({ frames, regions: frames, reused: frames - 2 });
  });

  it('reads every frame afresh with reuse off', async () => {
    // Prepare
    const reader = await createPixmapReader({ search: 'regions', reuse: false });
    // Act
    for (let i = 0; i < 4; i += 1) expect(reader.read(qr.frame.data, qr.frame.width, qr.frame.height).map((read) => read.text)).toEqual(['GHN11111111111']);
    // Assess
    expect(reader.stats).toMatchObject({ frames: 4, reused: 0 });
  });

  it('reads afresh a region where one block changed', async () => {
    // Prepare: a copy of the frame with a hand-sized grey patch over one corner of the label
    const reader = await createPixmapReader({ search: 'regions' });
    const covered = new Uint8Array(qr.frame.data);
    for (let y = 150; y < 166; y += 1) covered.fill(128, y * qr.frame.width + 230, y * qr.frame.width + 246);
    reader.read(qr.frame.data, qr.frame.width, qr.frame.height);
    // Act
    reader.read(covered, qr.frame.width, qr.frame.height);
    // Assess
    expect(reader.stats?.reused).toBe(0);
  });
});
