import { createWriteStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { RecordingPullError } from '../onvif/recordingPullError';
import { isapiAddress, isapiRequest, type IsapiTarget } from './isapiRequest';

export interface DownloadOutcome {
  readonly bytes: number;
  /** How many times a dropped connection was picked up again. */
  readonly resumes: number;
}

/**
 * `GET /ISAPI/ContentMgmt/download?playbackURI=…` into a file. A connection
 * that drops mid-file (Wi-Fi, the NVR busy) is picked up where it stopped with
 * `Range: bytes=N-`; a device that ignores the range and sends the whole file
 * again (200) is written from the start. Complete when the bytes reach the
 * announced length (or the answer ends cleanly when none was announced).
 */
export async function downloadIsapiRecording(target: IsapiTarget, playbackUri: string, file: string, options: { maxResumes?: number; signal?: AbortSignal } = {}): Promise<DownloadOutcome> {
  const path = `/ISAPI/ContentMgmt/download?playbackURI=${encodeURIComponent(playbackUri)}`;
  const maxResumes = options.maxResumes ?? 5;
  let resumes = 0;
  await truncate(file, 0).catch(() => undefined);
  for (;;) {
    options.signal?.throwIfAborted();
    const have = (await stat(file).catch(() => null))?.size ?? 0;
    let expected: number | null = null;
    try {
      const response = await isapiRequest(target, 'GET', path, { headers: have > 0 ? { Range: `bytes=${have}-` } : {} });
      if (response.status === 404) {
        response.body.resume();
        throw new RecordingPullError('no_footage', isapiAddress(target), 'the recorder no longer has that recording');
      }
      if (response.status !== 200 && response.status !== 206) {
        response.body.resume();
        throw new RecordingPullError('device_error', isapiAddress(target), `ISAPI download answered ${response.status}`);
      }
      const resumed = response.status === 206 && have > 0;
      const length = Number(response.headers['content-length'] ?? Number.NaN);
      expected = Number.isFinite(length) ? (resumed ? have : 0) + length : null;
      await pipeline(response.body, createWriteStream(file, { flags: resumed ? 'a' : 'w' }), { signal: options.signal });
      if (!response.body.complete) throw new Error('the connection dropped');
    } catch (error) {
      if (error instanceof RecordingPullError && error.reason !== 'unreachable') throw error;
      if (options.signal?.aborted === true) throw error;
      if (resumes >= maxResumes) throw new RecordingPullError('unreachable', isapiAddress(target), `the download kept dropping (${resumes} resumes): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      resumes++;
      continue;
    }
    const bytes = (await stat(file)).size;
    if (expected !== null && bytes < expected) {
      if (resumes >= maxResumes) throw new RecordingPullError('unreachable', isapiAddress(target), `the download kept stopping short (${bytes} of ${expected} bytes)`);
      resumes++;
      continue;
    }
    return { bytes, resumes };
  }
}
