import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { resolveTransferOptions } from '../../../../core/transfer/resolveTransferOptions';
import { transferDefaults } from '../../../../core/transfer/transferTypes';

describe('resolveTransferOptions', () => {
  test('fills the defaults, a checkpoint write at most once a second among them', () => {
    // Act
    const resolved = resolveTransferOptions({});

    // Assess
    expect(resolved).toMatchObject({ ...transferDefaults, retryFailed: false });
    expect(resolved.checkpointIntervalMs).toBe(1_000);
  });

  test('0 is a checkpoint write per part', () => {
    expect(resolveTransferOptions({ checkpointIntervalMs: 0 }).checkpointIntervalMs).toBe(0);
  });

  test.each([
    ['checkpointIntervalMs', { checkpointIntervalMs: -1 }],
    ['checkpointIntervalMs', { checkpointIntervalMs: 0.5 }],
    ['uploadConcurrency', { uploadConcurrency: 0 }],
    ['leaseMs', { leaseMs: Number.NaN }],
  ])('a bad %s is a ValidationError naming it', (field, options) => {
    // Act
    let error: unknown;
    try {
      resolveTransferOptions(options);
    } catch (caught) {
      error = caught;
    }

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field });
  });
});
