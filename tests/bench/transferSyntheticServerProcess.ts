/**
 * Runs the benchmark's synthetic-content server in its own process and reports
 * its endpoint over IPC. Drive is not on our event loop: sharing one with the
 * DynamoDB stand-in would make every checkpoint write stall the bytes being read.
 */
import { startSyntheticServer } from './transferSyntheticServer';

const server = await startSyntheticServer();
process.send?.({ endpoint: server.endpoint });
process.on('disconnect', () => {
  void server.stop().then(() => process.exit(0));
});
