import type { FunctionSpec } from './catalog';

/** The camera functions of the catalogue (recorded cameras, their health, adding them), kept apart so catalog.ts stays readable. */
export const cameraFunctions: readonly FunctionSpec[] = [
  {
    name: 'Cameras',
    entry: 'functions/api/cameras/camerasApi.ts',
    kind: 'http',
    routes: ['GET /api/cameras'],
    role: 'admin',
    needs: ['table:read'],
  },
  {
    name: 'CameraHealth',
    entry: 'functions/api/cameras/cameraHealthApi.ts',
    kind: 'http',
    routes: ['GET /api/cameras/health', 'GET /api/cameras/health/history', 'POST /api/cameras/health/dismissals'],
    // Every member sees the sign-in alert and the history; changing cameras stays with admins.
    role: 'staff',
    needs: ['table:read', 'table:write'],
  },
  {
    name: 'CameraOnboarding',
    entry: 'functions/api/cameras/cameraOnboardingApi.ts',
    kind: 'http',
    routes: [
      'GET /api/cameras/added',
      'POST /api/cameras/probes',
      'POST /api/cameras/probes/{requestId}/snapshot',
      'GET /api/cameras/requests/{requestId}',
      'POST /api/cameras',
      'PATCH /api/cameras/{cameraId}',
      'POST /api/cameras/{cameraId}/snapshot',
      'DELETE /api/cameras/{cameraId}',
    ],
    role: 'admin',
    // Sealing camera passwords; the bucket: snapshot URLs, and removing a camera with its footage.
    needs: ['table:read', 'table:write', 'bucket:read', 'bucket:write', 'kms:camera-credentials'],
    timeoutSeconds: 29,
  },
  {
    // Judges every watched tenant's cameras every minute, so a camera that goes offline unseen is in its history and alerts on time.
    name: 'CameraHealthSchedule',
    entry: 'functions/cameras/cameraHealthSchedule.ts',
    kind: 'task',
    eventRule: 'every-minute',
    needs: ['table:read', 'table:write'],
    timeoutSeconds: 55,
  },
];
