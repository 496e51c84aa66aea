/**
 * AWS list prices the usage page estimates with (us-east-1, docs/COSTS.md):
 * keep the two in step when prices move (tests/unit/core/storage/storagePrices.test.ts
 * compares them with the doc's table).
 */
export const storagePrices = {
  /** S3 Standard (and Intelligent-Tiering's frequent tier) per GB-month; footage read less often costs less, so this is an upper bound. */
  storagePerGbMonth: 0.023,
  /** Moving one GiB from Google Drive into S3 (requests, Lambda, DynamoDB; "Per 1 GiB file transferred"). */
  transferPerGib: 0.001,
  /** Finding orders and cutting clips, per footage hour at the benchmark's density (one order every 10 s): an upper bound. */
  processingPerFootageHour: 0.05,
  /** Footage per hour of one camera (the figure for 720p packing footage). */
  gbPerFootageHour: 0.45,
} as const;

export const GB = 1_000_000_000;
export const GIB = 1024 ** 3;
