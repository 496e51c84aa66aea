import { describe, expect, test } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { MiB, planParts, S3_MAX_PARTS } from '../../../../core/transfer/planParts';

describe('planParts', () => {
  test.each([
    { size: 0, expected: { partSize: 8 * MiB, partCount: 1, singlePut: true } },
    { size: 1, expected: { partSize: 8 * MiB, partCount: 1, singlePut: true } },
    { size: 8 * MiB, expected: { partSize: 8 * MiB, partCount: 1, singlePut: true } },
    { size: 8 * MiB + 1, expected: { partSize: 8 * MiB, partCount: 2, singlePut: false } },
    { size: 1024 * MiB, expected: { partSize: 8 * MiB, partCount: 128, singlePut: false } },
  ])('uses 8 MiB parts up to 80 GiB: $size B → $expected.partCount part(s)', ({ size, expected }) => {
    // Act
    const plan = planParts(size);

    // Assess
    expect(plan).toEqual(expected);
  });

  test('a file too large for 10,000 parts of 8 MiB gets the smallest whole-MiB part size that fits', () => {
    // Prepare
    const size = 200 * 1024 * MiB;

    // Act
    const plan = planParts(size);

    // Assess
    expect(plan.partSize).toBe(21 * MiB);
    expect(plan.partCount).toBeLessThanOrEqual(S3_MAX_PARTS);
    expect(planParts(size).partSize - MiB).toBeLessThan(Math.ceil(size / S3_MAX_PARTS));
  });

  test('takes a smaller minimum part size down to S3\'s 5 MiB, and refuses less', () => {
    // Act
    const plan = planParts(12 * MiB, 5 * MiB);
    const refused = () => planParts(12 * MiB, 5 * MiB - 1);

    // Assess
    expect(plan).toEqual({ partSize: 5 * MiB, partCount: 3, singlePut: false });
    expect(refused).toThrow(ValidationError);
  });

  test('refuses negative, fractional and over-5-TiB sizes', () => {
    // Assess
    expect(() => planParts(-1)).toThrow(ValidationError);
    expect(() => planParts(1.5)).toThrow(ValidationError);
    expect(() => planParts(5 * 1024 * 1024 * MiB + 1)).toThrow(ValidationError);
  });
});
