import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/startLocalStack';

export interface Harness {
  readonly stack: LocalStack;
  readonly dataDir: string;
  /** Stops the stack and removes its data folder. */
  close(): Promise<void>;
}

/**
 * A local stack in a fresh temp folder for one test file. The scheduler is
 * slowed right down so tests dispatch explicitly (dispatchNow) and see exactly
 * the runs they cause; retries are shortened so failure paths finish quickly.
 */
export async function startHarness(options: Partial<LocalStackOptions> = {}): Promise<Harness> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'vtrack-test-')));
  const stack = await startLocalStack({ dataDir, port: 0, quiet: true, schedulerIntervalMs: 3_600_000, retryIntervalMs: 5, ...options });
  return {
    stack,
    dataDir,
    close: async () => {
      await stack.stop();
      if (options.dataDir === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
}

/** A tiny client for the local API, as the web app talks to it. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async call<T = Record<string, unknown>>(method: string, pathname: string, body?: unknown, rawBody?: string): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: {
        ...(this.token === null ? {} : { authorization: `Bearer ${this.token}` }),
        ...(body === undefined && rawBody === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(rawBody !== undefined ? { body: rawBody } : body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === '' ? {} : JSON.parse(text)) as T };
  }

  /** Signs up a new tenant and returns a client carrying its token. */
  async signUp(email: string, tenantName = 'Test Shop', password = 'correct horse battery'): Promise<{ client: ApiClient; tenantId: string }> {
    const response = await this.call<{ token: string; user: { tenantId: string } }>('POST', '/api/auth/local/sign-up', {
      email,
      password,
      tenantName,
    });
    if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
    return { client: this.withToken(response.body.token), tenantId: response.body.user.tenantId };
  }
}

export const validDriveSource = {
  type: 'google_drive',
  name: 'Packing station Drive',
  intervalMinutes: 15,
  config: { folderIds: ['1AbCdEfGhIjKlMnOp'] },
} as const;

export const validLocalSource = {
  type: 'local',
  name: 'NVR export share',
  intervalMinutes: 30,
  config: { path: '/mnt/nvr-export' },
} as const;
