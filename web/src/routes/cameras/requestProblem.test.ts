/**
 * A camera request the device failed: the main message is ours for the code,
 * in the page's language; the device's own English is only the detail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CameraRequestView } from '../../lib/api/types';
import { chooseLocale } from '../../lib/i18n/locale';
import { requestDetail, requestProblem } from './requestProblem';

afterEach(() => chooseLocale('en'));

const failed = (reason: NonNullable<CameraRequestView['error']>['reason'], message: string): CameraRequestView => ({
  requestId: 'req_1',
  kind: 'probe',
  agentId: 'agt_1',
  state: 'failed',
  requestedAt: '2026-12-04T10:00:00.000Z',
  device: null,
  snapshotUrl: null,
  error: { reason, message },
});

describe('requestProblem', () => {
  it('says in Vietnamese that the device reported an error, without the device’s English', () => {
    chooseLocale('vi');
    const view = failed('device_error', 'the camera at 192.168.1.64:80 reported an error (SOAP Fault: Sender not Authorized)');
    expect(requestProblem(view, 'Máy kho')).toBe('Camera báo lỗi.');
    expect(requestDetail(view)).toBe('the camera at 192.168.1.64:80 reported an error (SOAP Fault: Sender not Authorized)');
  });

  it('has no detail when it worked or the reason says it all', () => {
    expect(requestDetail(failed('wrong_password', 'the camera at 192.168.1.64:80 refused the user name or password'))).toBeNull();
    expect(requestDetail({ ...failed('device_error', 'x'), state: 'answered', error: null })).toBeNull();
  });
});
