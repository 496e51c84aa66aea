import { WorkerBarcodeReader } from '../../adapters/barcode/workerBarcodeReader';
import { describeBarcodeReaderContract } from './barcodeReaderContract';

describeBarcodeReaderContract('WorkerBarcodeReader', async () => {
  const reader = await WorkerBarcodeReader.create();
  return { make: async () => reader, close: () => reader.close() };
});
