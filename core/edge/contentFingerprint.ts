/**
 * How the agent recognises a file it has already taken after a rename, a move or
 * a re-copy: the size plus a hash of three samples (start, middle, end). Reading
 * three 64 KiB samples is cheap on a NAS where reading a 1 GB segment is not, and
 * two different recordings of one size agreeing on all three samples does not
 * happen with compressed video (timestamps and entropy-coded data differ from the
 * first bytes on). The full MD5 is still computed when the file is uploaded.
 */
export const FINGERPRINT_SAMPLE_BYTES = 64 * 1024;

export interface SampleRange {
  readonly offset: number;
  readonly length: number;
}

/** The byte ranges to read for a file of `size` bytes (fewer when the file is small). */
export function fingerprintSamples(size: number): readonly SampleRange[] {
  if (size <= 3 * FINGERPRINT_SAMPLE_BYTES) return [{ offset: 0, length: size }];
  const middle = Math.floor(size / 2 - FINGERPRINT_SAMPLE_BYTES / 2);
  return [
    { offset: 0, length: FINGERPRINT_SAMPLE_BYTES },
    { offset: middle, length: FINGERPRINT_SAMPLE_BYTES },
    { offset: size - FINGERPRINT_SAMPLE_BYTES, length: FINGERPRINT_SAMPLE_BYTES },
  ];
}

/** The fingerprint's text form: `<size>:<hex digest of the samples>`. */
export function formatFingerprint(size: number, sampleDigestHex: string): string {
  return `${size}:${sampleDigestHex}`;
}
