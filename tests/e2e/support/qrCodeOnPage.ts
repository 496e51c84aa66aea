import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Locator } from 'playwright-core';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let ready: Promise<unknown> | undefined;

/** zxing-wasm from its own package file (the default would fetch it from the network). */
function zxingReady(): Promise<unknown> {
  ready ??= readFile(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm')).then((wasm) =>
    prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true }),
  );
  return ready;
}

/** What the QR codes in an element say, read from its pixels as Chromium drew them: what a phone's camera would get. */
export async function qrTextsOn(element: Locator): Promise<string[]> {
  await zxingReady();
  const png = await element.screenshot();
  const reads = await readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true });
  return reads.filter((read) => read.isValid).map((read) => read.text);
}
