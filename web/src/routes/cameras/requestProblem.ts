import type { CameraRequestView } from '../../lib/api/types';
import { m } from '../../paraglide/messages.js';

/** What to tell the user about an agent's answer to a camera request, in their language; null when it worked. */
export function requestProblem(view: CameraRequestView, agentName: string): string | null {
  if (view.state === 'answered') return null;
  if (view.state === 'no_answer') return m.camera_agent_no_answer({ agent: agentName });
  if (view.state === 'waiting') return null;
  switch (view.error?.reason) {
    case 'wrong_password':
      return m.camera_error_wrong_password();
    case 'unreachable':
      return m.camera_error_unreachable();
    case 'not_onvif':
      return m.camera_error_not_onvif();
    default:
      return m.camera_error_device();
  }
}

/**
 * The device's own (English) words when it failed with an error we have no
 * sentence for: shown only as secondary details under our message.
 */
export function requestDetail(view: CameraRequestView): string | null {
  if (view.state !== 'failed' || view.error === null || view.error.reason !== 'device_error') return null;
  return view.error.message.trim() === '' ? null : view.error.message;
}

/** `1280×720 · H264 · 15 fps`, leaving out what the camera did not say. */
export function profileSummary(profile: { width: number | null; height: number | null; encoding: string; fps: number | null }): string {
  return [profile.width !== null && profile.height !== null ? `${profile.width}×${profile.height}` : '', profile.encoding, profile.fps !== null ? `${profile.fps} fps` : ''].filter(Boolean).join(' · ');
}
