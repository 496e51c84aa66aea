import { beforeAll, describe, expect, test } from 'vitest';
import type { BarcodeReader } from '../../core/ports/barcodeReader';
import type { BBox } from '../../core/processing/types/bBox';
import type { GrayFrame } from '../../core/processing/types/grayFrame';
import { useContractSubject, type ContractFactory } from './support/contractSubject';
import { blankFrame, coverage, labelFrame, type Label, type LabelFrame } from './support/labelFrames';

const QR: Label = { code: 'GHN11111111111', kind: 'QRCode', x: 230, y: 150 };
const CODE128: Label = { code: 'SPXVN0123456789', kind: 'Code128', x: 140, y: 180 };

/** The box is on the label (at least 90% of it inside) and not a speck (at least a quarter of the label). */
function expectBoxOn(bbox: BBox | undefined, label: BBox | undefined): void {
  if (bbox === undefined || label === undefined) throw new Error('no box to compare');
  expect(coverage(bbox, label)).toBeGreaterThanOrEqual(0.9);
  expect(bbox.width * bbox.height).toBeGreaterThanOrEqual(0.25 * label.width * label.height);
}

/**
 * What every BarcodeReader promises (core/ports/barcodeReader.ts), on frames
 * of labels drawn by zint and placed by ffmpeg: the text, the symbology, a box
 * on the label, nothing on an empty table, labels turned as the port says.
 */
export function describeBarcodeReaderContract(name: string, factory: ContractFactory<BarcodeReader>): void {
  describe(`BarcodeReader contract: ${name}`, () => {
    const fresh = useContractSubject(factory);
    let qr: LabelFrame;
    let code128: LabelFrame;
    let blank: GrayFrame;
    beforeAll(() => {
      qr = labelFrame([QR]);
      code128 = labelFrame([CODE128]);
      blank = blankFrame();
    });

    test('reads a QR code: its text, QRCode, and a box on the label', async () => {
      // Act
      const reads = await (await fresh()).read(qr.frame);

      // Assess
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ text: QR.code, symbology: 'QRCode' });
      expectBoxOn(reads[0]?.bbox, qr.boxes[0]);
    });

    test('reads a Code128: its text, Code128, and a box on the label', async () => {
      // Act
      const reads = await (await fresh()).read(code128.frame);

      // Assess
      expect(reads).toHaveLength(1);
      expect(reads[0]).toMatchObject({ text: CODE128.code, symbology: 'Code128' });
      expectBoxOn(reads[0]?.bbox, code128.boxes[0]);
    });

    test('finds nothing on an empty table', async () => {
      // Act
      const reads = await (await fresh()).read(blank);

      // Assess
      expect(reads).toEqual([]);
    });

    test('finds every symbol on a frame with two labels', async () => {
      // Prepare
      const both = labelFrame([{ ...QR, x: 40, y: 40 }, { ...CODE128, x: 250, y: 300 }]);

      // Act
      const reads = await (await fresh()).read(both.frame);

      // Assess
      expect(reads.map((read) => `${read.symbology}:${read.text}`).sort()).toEqual([`Code128:${CODE128.code}`, `QRCode:${QR.code}`]);
    });

    test.each([30, 90, 180, 235])('reads a QR code turned %i°', async (angleDeg) => {
      // Prepare
      const turned = labelFrame([{ ...QR, angleDeg }]);

      // Act
      const reads = await (await fresh()).read(turned.frame);

      // Assess
      expect(reads.map((read) => read.text)).toEqual([QR.code]);
    });

    test.each([180, 8, -8, 188])('reads a Code128 upside down or tilted (%i°)', async (angleDeg) => {
      // Prepare
      const turned = labelFrame([{ ...CODE128, angleDeg }]);

      // Act
      const reads = await (await fresh()).read(turned.frame);

      // Assess
      expect(reads.map((read) => read.text)).toEqual([CODE128.code]);
    });

    test('reads a still label on every frame, and the label put in its place instead, and nothing once it is gone', async () => {
      // Prepare: the same spot, first one QR code, then another of the same size, then the bare table.
      const reader = await fresh();
      const other = labelFrame([{ ...QR, code: 'GHN22222222222' }]);

      // Act
      const still: Awaited<ReturnType<BarcodeReader['read']>>[] = [];
      for (let i = 0; i < 12; i += 1) still.push(await reader.read(qr.frame));
      const replaced = await reader.read(other.frame);
      const gone = await reader.read(blank);

      // Assess
      for (const reads of still) expect(reads.map((read) => read.text)).toEqual([QR.code]);
      expect(replaced.map((read) => read.text)).toEqual(['GHN22222222222']);
      expect(gone).toEqual([]);
    });

    test('reads a frame whose buffer the caller refilled with another picture as that picture', async () => {
      // Prepare: one buffer, as a frame source that reuses its buffer would hand it over.
      const reader = await fresh();
      const data = new Uint8Array(qr.frame.data);
      const frame: GrayFrame = { ...qr.frame, data };
      const first = await reader.read(frame);

      // Act
      data.set(code128.frame.data);
      const second = await reader.read(frame);

      // Assess
      expect(first.map((read) => read.text)).toEqual([QR.code]);
      expect(second.map((read) => read.text)).toEqual([CODE128.code]);
    });

    test('answers reads in flight at once each with its own frame', async () => {
      // Prepare
      const reader = await fresh();

      // Act
      const [a, b, c] = await Promise.all([reader.read(qr.frame), reader.read(blank), reader.read(code128.frame)]);

      // Assess
      expect(a?.map((read) => read.text)).toEqual([QR.code]);
      expect(b).toEqual([]);
      expect(c?.map((read) => read.text)).toEqual([CODE128.code]);
    });
  });
}
