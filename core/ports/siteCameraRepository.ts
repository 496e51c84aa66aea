import type { CameraRequest, CameraRequestAnswer } from '../cameras/cameraRequest';
import type { SiteCamera } from '../cameras/siteCamera';

/** Cameras added from the web app, the requests about cameras waiting for agents, and when the Cameras page was last open. */
export interface SiteCameraRepository {
  get(tenantId: string, cameraId: string): Promise<SiteCamera | null>;
  list(tenantId: string): Promise<readonly SiteCamera[]>;
  /** ConflictError when the id exists. */
  create(camera: SiteCamera): Promise<void>;
  /** NotFoundError when it is gone. */
  update(tenantId: string, cameraId: string, changes: Partial<Pick<SiteCamera, 'name' | 'profile' | 'schedule' | 'paused' | 'snapshot' | 'segmentSeconds' | 'roi' | 'username' | 'password' | 'nvr' | 'capture'>>, now: string): Promise<SiteCamera>;
  delete(tenantId: string, cameraId: string): Promise<void>;
  putRequest(request: CameraRequest): Promise<void>;
  getRequest(tenantId: string, requestId: string): Promise<CameraRequest | null>;
  /** The requests of the tenant not answered yet (all agents; a handful at most). */
  listPendingRequests(tenantId: string): Promise<readonly CameraRequest[]>;
  /** Stores the answer once; false when it was answered already or is gone. */
  answerRequest(tenantId: string, requestId: string, answer: CameraRequestAnswer): Promise<boolean>;
  /** The Cameras page was loaded at `at` (written at most once a minute by the caller). */
  markInterest(tenantId: string, at: string): Promise<void>;
  interestAt(tenantId: string): Promise<string | null>;
}
