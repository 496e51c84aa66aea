import type {
  AgentEventsBody,
  AgentEventsView,
  AgentHeartbeat,
  AgentUnprocessableFileBody,
  AgentUnprocessableFileView,
  CompletedUploadView,
  CompleteUploadBody,
  EnrolledView,
  PartUrlBody,
  PartUrlView,
  StartUploadBody,
  UploadView,
} from '../../core/api/agentsApi';
import type { HeartbeatAnswer } from '../../core/agents/listingRequests';
import type { AgentCameraRequestsView, CameraRequestAnswerBody } from '../../core/cameras/cameraRequest';
import { NotFoundError, PermanentError, TransientError, UnauthorizedError } from '../../core/errors';

/**
 * The agent's side of the agent routes (functions/api/agent). Network failures
 * and 5xx are TransientError (the agent carries on offline and tries again);
 * 401 is UnauthorizedError (revoked: stop asking); 404 is NotFoundError (an upload
 * the cloud no longer has: start it again); other 4xx are PermanentError.
 */
export class AgentApiClient {
  constructor(
    private readonly apiUrl: string,
    private readonly credential: string | null,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  static async enrol(apiUrl: string, code: string, fetchImpl: typeof fetch = fetch): Promise<EnrolledView> {
    return (await new AgentApiClient(apiUrl, null, fetchImpl).call('POST', '/api/agent/enrol', { code })) as EnrolledView;
  }

  /** The configuration as the cloud sends it; the ConfigStore checks it. */
  getConfig(): Promise<unknown> {
    return this.call('GET', '/api/agent/config');
  }

  /** The cloud's answer: usually nothing (null); while the web app waits for a folder listing, what to list and when to check in. */
  async heartbeat(heartbeat: AgentHeartbeat): Promise<HeartbeatAnswer | null> {
    const answer = await this.call('POST', '/api/agent/heartbeat', heartbeat);
    return answer === null ? null : (answer as HeartbeatAnswer);
  }

  async startUpload(body: StartUploadBody): Promise<UploadView> {
    return (await this.call('POST', '/api/agent/uploads', body)) as UploadView;
  }

  async partUrl(body: PartUrlBody): Promise<PartUrlView> {
    return (await this.call('POST', '/api/agent/uploads/part-url', body)) as PartUrlView;
  }

  async completeUpload(body: CompleteUploadBody): Promise<CompletedUploadView> {
    return (await this.call('POST', '/api/agent/uploads/complete', body)) as CompletedUploadView;
  }

  async abortUpload(uploadId: string): Promise<void> {
    await this.call('POST', '/api/agent/uploads/abort', { uploadId });
  }

  async sendEvents(body: AgentEventsBody): Promise<AgentEventsView> {
    return (await this.call('POST', '/api/agent/events', body)) as AgentEventsView;
  }

  /** A file processing could not read on site: the source's page lists it as unprocessable. */
  async reportUnprocessable(body: AgentUnprocessableFileBody): Promise<AgentUnprocessableFileView> {
    return (await this.call('POST', '/api/agent/unprocessable-files', body)) as AgentUnprocessableFileView;
  }

  /** The web app's pending camera requests for this agent, and when to ask again (core/cameras/cameraRequest.ts). */
  async cameraRequests(): Promise<AgentCameraRequestsView> {
    return (await this.call('GET', '/api/agent/camera-requests')) as AgentCameraRequestsView;
  }

  async answerCameraRequest(requestId: string, answer: CameraRequestAnswerBody): Promise<void> {
    await this.call('POST', '/api/agent/camera-requests/answer', { requestId, answer });
  }

  /** A recorded camera's periodic snapshot (JPEG, base64). */
  async sendCameraSnapshot(cameraId: string, snapshot: string): Promise<void> {
    await this.call('POST', '/api/agent/camera-snapshots', { cameraId, snapshot });
  }

  private async call(method: string, pathname: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(new URL(pathname, this.apiUrl), {
        method,
        headers: {
          ...(this.credential === null ? {} : { authorization: `Bearer ${this.credential}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new TransientError(`the VTrack cloud at ${this.apiUrl} could not be reached`, { cause: error });
    }
    const text = await response.text();
    const parsed: unknown = text === '' ? null : safeJson(text);
    if (response.ok) return parsed;
    const message = messageOf(parsed) ?? `HTTP ${response.status}`;
    if (response.status === 401) throw new UnauthorizedError(message);
    if (response.status === 404) throw new NotFoundError(message);
    if (response.status >= 500 || response.status === 429) throw new TransientError(message);
    throw new PermanentError(message);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: { message?: unknown } }).error;
  return typeof error.message === 'string' ? error.message : undefined;
}
