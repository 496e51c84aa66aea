import path from 'node:path';
import type { AgentJob } from './agentJob';
import { ConfigStore } from './config/configStore';
import { CameraHistory } from './processing/cameraHistory';
import { DurableQueue } from './spool/durableQueue';
import { FootageLedger } from './state/footageLedger';
import { SeenFiles } from './state/seenFiles';

/** Everything the agent keeps, all under one state folder (`/var/lib/vtrack-agent` when installed). */
export interface AgentState {
  readonly stateDir: string;
  readonly config: ConfigStore;
  readonly seen: SeenFiles;
  readonly queue: DurableQueue<AgentJob>;
  readonly history: CameraHistory;
  /** Events and clips waiting for upload. */
  readonly outboxDir: string;
  /** Footage taken and still on this box, with when it reached the cloud (for the disk guard). */
  readonly ledger: FootageLedger;
}

export async function openAgentState(stateDir: string): Promise<AgentState> {
  return {
    stateDir,
    config: await ConfigStore.open(stateDir),
    seen: await SeenFiles.open(stateDir),
    queue: await DurableQueue.open<AgentJob>(path.join(stateDir, 'queue')),
    history: await CameraHistory.open(stateDir),
    outboxDir: path.join(stateDir, 'outbox'),
    ledger: await FootageLedger.open(stateDir),
  };
}
