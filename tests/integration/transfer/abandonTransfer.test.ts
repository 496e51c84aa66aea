import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { abandonTransfer } from '../../../core/transfer/abandonTransfer';
import { transferFile } from '../../../core/transfer/transferFile';
import { MemoryStorageProvider, SyntheticContent } from '../../fakes/memoryStorageProvider';
import { ManualClock, PART, TransferHarness } from './support/transferHarness';

describe('abandonTransfer', () => {
  const harness = new TransferHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  test('a file removed at the source mid-transfer: its upload is aborted, its checkpoint forgotten, and a second call is harmless', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    provider.addFile({ id: 'removed', content: new SyntheticContent(3 * PART, 41) });
    const planned = await harness.plan(provider, 'removed', clock);
    provider.injectFault({ kind: 'cut', onRead: 1, afterBytes: PART + 10 });
    await transferFile(harness.deps(provider, clock), { ...harness.ref('removed'), runId: 'run-1' }, { minPartSize: PART, maxResumesPerCall: 0 });
    const uploadsBefore = await harness.openUploads();
    await harness.plan(provider, 'removed', clock, { status: 'removed', reason: 'deleted in Drive' });

    // Act
    const first = await abandonTransfer(harness.deps(provider, clock), harness.ref('removed'));
    const second = await abandonTransfer(harness.deps(provider, clock), harness.ref('removed'));

    // Assess
    expect(uploadsBefore).toHaveLength(1);
    expect(uploadsBefore[0]).toBe(`${planned.s3Key}#${first.abortedUploadId}`);
    expect(second).toEqual({ abortedUploadId: null });
    expect(await harness.openUploads()).toEqual([]);
    expect(await harness.row('removed')).toMatchObject({ status: 'removed', reason: 'deleted in Drive', checkpoint: null, bytesTransferred: 0 });
  });
});
