import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { digestHeader } from '../onvif/fetchWithDigest';
import { RecordingPullError } from '../onvif/recordingPullError';

export interface IsapiTarget {
  readonly host: string;
  /** The device's HTTP port; default 80. */
  readonly port?: number;
  readonly username: string;
  readonly password: string;
  /** How long a request may wait for its answer or for more bytes. Default 15 s. */
  readonly timeoutMs?: number;
}

export interface IsapiResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The open response body (read it, or call resume() to drop it). */
  readonly body: IncomingMessage;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);

export const isapiAddress = (target: IsapiTarget) => `${target.host}:${target.port ?? 80}`;

/**
 * One ISAPI request over HTTP with the device's digest challenge answered (a
 * first try without credentials, as Hikvision devices expect). A device that
 * still answers 401 refused the password; nothing answering is `unreachable`.
 */
export async function isapiRequest(target: IsapiTarget, method: 'GET' | 'POST', pathAndQuery: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<IsapiResponse> {
  const url = `http://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port ?? 80}${pathAndQuery}`;
  const first = await send(target, method, url, options, undefined);
  if (first.status !== 401) return first;
  first.body.resume();
  const challenge = ([] as string[]).concat(first.headers['www-authenticate'] ?? []).join(', ');
  if (!/Digest\s/i.test(challenge)) throw new RecordingPullError('wrong_password', isapiAddress(target), 'the device asked for an authentication it does not name');
  const second = await send(target, method, url, options, digestHeader(challenge, url, target, method));
  if (second.status === 401 || second.status === 403) {
    second.body.resume();
    throw new RecordingPullError('wrong_password', isapiAddress(target), `ISAPI answered ${second.status}`);
  }
  return second;
}

function send(target: IsapiTarget, method: string, url: string, options: { body?: string; headers?: Record<string, string> }, authorization: string | undefined): Promise<IsapiResponse> {
  const timeoutMs = target.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (authorization !== undefined) headers['Authorization'] = authorization;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/xml; charset="UTF-8"';
      headers['Content-Length'] = String(Buffer.byteLength(options.body));
    }
    const req = request(url, { method, headers, timeout: timeoutMs }, (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }));
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', (error: Error & { code?: string }) => {
      const unreachable = error.code !== undefined && UNREACHABLE.has(error.code);
      reject(new RecordingPullError(unreachable ? 'unreachable' : 'device_error', isapiAddress(target), error.message, { cause: error }));
    });
    req.end(options.body);
  });
}

/** The whole body as text (small XML answers). */
export async function readText(response: IsapiResponse, maxBytes = 4 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error(`the answer is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
