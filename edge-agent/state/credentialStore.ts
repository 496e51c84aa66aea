import { chmod, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from './writeFileDurably';

export interface StoredCredential {
  readonly apiUrl: string;
  readonly tenantId: string;
  readonly agentId: string;
  readonly credential: string;
}

const FILE = 'credential.json';

/** The agent's own credential, readable by the agent's user only. */
export async function saveCredential(stateDir: string, stored: StoredCredential): Promise<void> {
  const file = path.join(stateDir, FILE);
  await writeFileDurably(file, JSON.stringify(stored));
  await chmod(file, 0o600);
}

export async function loadCredential(stateDir: string): Promise<StoredCredential | null> {
  const text = await readFile(path.join(stateDir, FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<StoredCredential>;
    if (typeof value.apiUrl !== 'string' || typeof value.credential !== 'string' || typeof value.agentId !== 'string' || typeof value.tenantId !== 'string') return null;
    return { apiUrl: value.apiUrl, tenantId: value.tenantId, agentId: value.agentId, credential: value.credential };
  } catch {
    return null;
  }
}
