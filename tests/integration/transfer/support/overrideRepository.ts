import type { TrackedFileRepository } from '../../../../core/ports/trackedFileRepository';

/** A repository that answers from `overrides` where given and from `inner` otherwise. */
export function overrideRepository(inner: TrackedFileRepository, overrides: Partial<TrackedFileRepository>): TrackedFileRepository {
  return {
    get: overrides.get ?? ((...args) => inner.get(...args)),
    upsert: overrides.upsert ?? ((...args) => inner.upsert(...args)),
    claimForTransfer: overrides.claimForTransfer ?? ((...args) => inner.claimForTransfer(...args)),
    saveCheckpoint: overrides.saveCheckpoint ?? ((...args) => inner.saveCheckpoint(...args)),
    releaseClaim: overrides.releaseClaim ?? ((...args) => inner.releaseClaim(...args)),
    releaseForRetry: overrides.releaseForRetry ?? ((...args) => inner.releaseForRetry(...args)),
    markDone: overrides.markDone ?? ((...args) => inner.markDone(...args)),
    markFailed: overrides.markFailed ?? ((...args) => inner.markFailed(...args)),
    requeueFailed: overrides.requeueFailed ?? ((...args) => inner.requeueFailed(...args)),
    forgetPreviousKey: overrides.forgetPreviousKey ?? ((...args) => inner.forgetPreviousKey(...args)),
    markExpired: overrides.markExpired ?? ((...args) => inner.markExpired(...args)),
    clearCheckpoint: overrides.clearCheckpoint ?? ((...args) => inner.clearCheckpoint(...args)),
    listByStatus: overrides.listByStatus ?? ((...args) => inner.listByStatus(...args)),
    list: overrides.list ?? ((...args) => inner.list(...args)),
  };
}
