import { agentCameraSchema, type AgentCamera } from '../../../../core/edge/agentCameraSchema';

/** 02:30:05 UTC: the crash tests' clock starts here (the fake NVR recorded from 02:30:00). */
export const CRASH_CLOCK_START = Date.parse('2026-03-02T02:30:05Z');

/** The crash tests' camera: 10 s segments, its footage on channel 1 of the ISAPI NVR at `port`. */
export function crashCamera(port: number, capture: 'live' | 'nvr'): AgentCamera {
  return agentCameraSchema.parse({
    cameraId: 'cam-mat-dien', sourceId: 'src-nvr', name: 'Bàn đóng gói 1', paused: false,
    onvif: { host: '127.0.0.1', port: 9, profileToken: 'Profile_1' }, rtspUrl: 'rtsp://127.0.0.1:9/Streaming/Channels/101', username: 'admin', password: 'camera-pw',
    segmentSeconds: 10, schedule: [], capture,
    nvr: { host: '127.0.0.1', port, username: 'admin', password: 'Đầu-ghi#2026', channel: 1 },
  });
}
