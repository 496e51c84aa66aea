import { ZxingBarcodeReader } from '../../adapters/barcode/zxingBarcodeReader';
import { describeBarcodeReaderContract } from './barcodeReaderContract';

describeBarcodeReaderContract('ZxingBarcodeReader', async () => {
  const reader = await ZxingBarcodeReader.create();
  return { make: async () => reader };
});
