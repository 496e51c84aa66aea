import { request } from './client';
import type { CameraNvrInput } from './cameraNvr';
import type { CameraRequestView, SiteCamera, SiteCamerasView } from './types';

/** Cameras added from this app (never with their password). Loading it also tells agents to check in often. */
export function listAddedCameras(signal?: AbortSignal): Promise<SiteCamerasView> {
  return request<SiteCamerasView>('GET', '/cameras/added', { signal });
}

/** Asks an agent to connect to a camera; the answer comes later (readCameraRequest). */
export function probeCamera(body: { agentId: string; address: string; username: string; password: string }): Promise<CameraRequestView> {
  return request<CameraRequestView>('POST', '/cameras/probes', { body });
}

export function snapshotOfProbe(probeId: string, profileToken: string): Promise<CameraRequestView> {
  return request<CameraRequestView>('POST', `/cameras/probes/${encodeURIComponent(probeId)}/snapshot`, { body: { profileToken } });
}

export function readCameraRequest(requestId: string, signal?: AbortSignal): Promise<CameraRequestView> {
  return request<CameraRequestView>('GET', `/cameras/requests/${encodeURIComponent(requestId)}`, { signal });
}

/** `schedule`: recording hours in the agent's zone; none records all the time. `capture: 'nvr'` takes its footage from `nvr` instead of recording it. */
export function addCamera(body: {
  probeId: string;
  profileToken: string;
  name: string;
  schedule?: readonly { days: number[]; start: string; end: string }[];
  capture?: SiteCamera['capture'];
  nvr?: CameraNvrInput;
}): Promise<SiteCamera> {
  return request<SiteCamera>('POST', '/cameras', { body });
}

/** What an edit may change; `probeId` saves the user name and password of a probe of this camera the device accepted. */
export interface CameraChanges {
  readonly name?: string;
  readonly profileToken?: string;
  readonly schedule?: SiteCamera['schedule'];
  readonly segmentSeconds?: number;
  readonly roi?: SiteCamera['roi'];
  readonly paused?: boolean;
  readonly probeId?: string;
}

export function editCamera(cameraId: string, body: CameraChanges): Promise<SiteCamera> {
  return request<SiteCamera>('PATCH', `/cameras/${encodeURIComponent(cameraId)}`, { body });
}

export function refreshSnapshot(cameraId: string): Promise<CameraRequestView> {
  return request<CameraRequestView>('POST', `/cameras/${encodeURIComponent(cameraId)}/snapshot`);
}

export function removeCamera(cameraId: string, keepFootage: boolean): Promise<unknown> {
  return request<unknown>('DELETE', `/cameras/${encodeURIComponent(cameraId)}?keepFootage=${keepFootage ? 'true' : 'false'}`);
}

/** Reads a request until the agent answers or the server says it has not in time. */
export async function waitForAnswer(requestId: string, signal: AbortSignal, everyMs = 1_500): Promise<CameraRequestView> {
  for (;;) {
    const view = await readCameraRequest(requestId, signal);
    if (view.state !== 'waiting') return view;
    await new Promise<void>((resolve) => setTimeout(resolve, everyMs));
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
  }
}
