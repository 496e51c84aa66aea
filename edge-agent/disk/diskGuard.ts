import { stat, statfs, unlink } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { AgentConfig } from '../../core/edge/agentConfigSchema';
import { planDiskCleanup, type CleanupReason } from '../../core/edge/planDiskCleanup';
import type { FootageLedger } from '../state/footageLedger';
import { folderBytes } from './folderBytes';

export interface DiskDeletion {
  readonly file: string;
  readonly bytes: number;
  readonly reason: CleanupReason;
  readonly at: string;
}

export interface DiskGuardReport {
  readonly usedBytes: number;
  readonly freeBytes: number;
  readonly refusingNew: boolean;
  readonly deleted: readonly DiskDeletion[];
}

export interface DiskGuardOptions {
  readonly stateDir: string;
  readonly outboxDir: string;
  readonly ledger: FootageLedger;
  readonly logger: Logger;
  /** Free bytes of the state folder's disk (statfs); tests hand in a small disk. */
  readonly freeBytes?: () => Promise<number>;
  readonly nowMs?: () => number;
}

/**
 * Keeps the agent within its disk limits (core/edge/planDiskCleanup): measures
 * the footage it holds plus its outbox and the disk's free space, deletes
 * exactly the footage files the plan names — each logged with its reason and
 * kept for the next heartbeat — and says when new footage must be refused.
 * A file is deleted only if it is still the one taken (same size); one that
 * changed is dropped from the ledger without being touched.
 */
export class DiskGuard {
  private refusing = false;
  private unreported: DiskDeletion[] = [];
  private last: { usedBytes: number; freeBytes: number } = { usedBytes: 0, freeBytes: 0 };

  constructor(private readonly options: DiskGuardOptions) {}

  get refusingNew(): boolean {
    return this.refusing;
  }

  /** Deletions since the last heartbeat took them. */
  takeDeletions(): DiskDeletion[] {
    const taken = this.unreported;
    this.unreported = [];
    return taken;
  }

  /** Deletions a heartbeat could not deliver, to go with the next one. */
  putBack(deletions: readonly DiskDeletion[]): void {
    this.unreported = [...deletions, ...this.unreported];
  }

  get lastReading(): { usedBytes: number; freeBytes: number } {
    return this.last;
  }

  async check(config: AgentConfig): Promise<DiskGuardReport> {
    const { ledger, logger } = this.options;
    const now = this.options.nowMs?.() ?? Date.now();
    const usedBytes = ledger.bytes + (await folderBytes(this.options.outboxDir));
    const freeBytes = await (this.options.freeBytes ?? (() => freeOf(this.options.stateDir)))();
    const plan = planDiskCleanup(ledger.list(), { usedBytes, freeBytes }, config.disk, now);
    const deleted: DiskDeletion[] = [];
    for (const item of plan.delete) {
      const footage = ledger.get(item.id);
      if (footage === undefined) continue;
      const at = new Date(now).toISOString();
      const current = await stat(footage.absolutePath).catch(() => null);
      if (current !== null && current.size === footage.bytes) await unlink(footage.absolutePath);
      await ledger.deleted(item.id, at, item.reason);
      if (current === null || current.size !== footage.bytes) {
        logger.warn({ file: footage.absolutePath }, 'footage changed or gone since it was taken; forgotten, not deleted');
        continue;
      }
      const deletion = { file: footage.absolutePath, bytes: footage.bytes, reason: item.reason, at };
      deleted.push(deletion);
      const log = item.reason === 'not_uploaded_dropped' ? logger.error.bind(logger) : logger.info.bind(logger);
      log({ file: footage.absolutePath, bytes: footage.bytes, reason: item.reason, recordedAt: footage.recordedAt }, item.reason === 'not_uploaded_dropped' ? 'footage deleted before upload: the disk is full (drop_oldest)' : 'footage deleted');
    }
    this.unreported.push(...deleted);
    if (plan.refuseNew !== this.refusing) {
      if (plan.refuseNew) logger.error({ overBytes: plan.stillOverBytes, usedBytes, freeBytes }, 'disk full: new footage is refused until space is back (refuse_new)');
      else logger.info({ usedBytes, freeBytes }, 'disk has room again: new footage is taken');
    }
    this.refusing = plan.refuseNew;
    const freed = deleted.reduce((sum, item) => sum + item.bytes, 0);
    this.last = { usedBytes: usedBytes - freed, freeBytes: freeBytes + freed };
    return { usedBytes: this.last.usedBytes, freeBytes: this.last.freeBytes, refusingNew: plan.refuseNew, deleted };
  }
}

async function freeOf(folder: string): Promise<number> {
  const disk = await statfs(folder);
  return disk.bavail * disk.bsize;
}
