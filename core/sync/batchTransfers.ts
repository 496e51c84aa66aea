/** Files per transfer step by default; more for huge runs so a run has at most MAX_BATCHES steps. */
const BATCH_FILES = 25;
const MAX_BATCHES = 400;

/**
 * Splits a run's files into the batches its Map state fans out over. Bounded
 * in number, so a 10,000-file first sync stays far from Step Functions'
 * 25,000-event history limit.
 */
export function batchTransfers(ids: readonly string[]): string[][] {
  const size = Math.max(BATCH_FILES, Math.ceil(ids.length / MAX_BATCHES));
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  return batches;
}
