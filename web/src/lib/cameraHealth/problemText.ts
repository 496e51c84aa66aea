import { currentLocale } from '../i18n/locale';
import { formatAbsolute } from '../format/time';
import type { CameraHealthProblem } from '../api/types';
import { m } from '../../paraglide/messages.js';
import { deviceFailureClause } from './deviceFailureText';

function rate(value: number): string {
  return new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 1 }).format(value);
}

/** A health problem in the reader's language (a device's failure from its code), times in the tenant's zone and the locale's format. */
export function problemText(problem: CameraHealthProblem): string {
  switch (problem.kind) {
    case 'agent_offline':
      return problem.since === null ? m.camera_problem_agent_never() : m.camera_problem_agent_offline({ since: formatAbsolute(problem.since) });
    case 'offline': {
      const text = problem.since === null ? m.camera_problem_offline_yet() : m.camera_problem_offline({ since: formatAbsolute(problem.since) });
      return problem.error === null ? text : m.camera_problem_with_error({ problem: text, error: deviceFailureClause(problem.errorCode) });
    }
    case 'stream_errors':
      return m.camera_problem_stream_errors({ count: problem.count, reason: problem.lastReason === null ? m.camera_problem_unknown_reason() : deviceFailureClause(problem.lastReasonCode) });
    case 'recording_gaps':
      return m.camera_problem_recording_gaps({ count: problem.minutes });
    case 'decode_failures':
      return m.camera_problem_decode_failures({ count: problem.count });
    case 'read_rate_drop':
      return m.camera_problem_read_rate_drop({ recent: rate(problem.recent), baseline: rate(problem.baseline) });
  }
}

/**
 * The device's or ffmpeg's own words behind a problem, for a secondary
 * "details" line only (they are English whatever the page's language).
 */
export function problemDetail(problem: CameraHealthProblem): string | null {
  if (problem.kind === 'offline') return problem.error;
  if (problem.kind === 'stream_errors') return problem.lastReason;
  return null;
}

/** A problem's kind in a few words ("no footage"), for a history's "resolved" line. */
export function problemKindText(kind: CameraHealthProblem['kind']): string {
  return {
    agent_offline: m.camera_kind_agent_offline,
    offline: m.camera_kind_offline,
    stream_errors: m.camera_kind_stream_errors,
    recording_gaps: m.camera_kind_recording_gaps,
    decode_failures: m.camera_kind_decode_failures,
    read_rate_drop: m.camera_kind_read_rate_drop,
  }[kind]();
}

/** What the tenant can do about a problem that alerts. */
export function problemAdvice(kind: CameraHealthProblem['kind']): string {
  switch (kind) {
    case 'agent_offline':
      return m.camera_advice_agent_offline();
    case 'offline':
    case 'stream_errors':
    case 'recording_gaps':
      return m.camera_advice_offline();
    case 'read_rate_drop':
      return m.camera_advice_read_rate_drop();
    case 'decode_failures':
      return m.camera_advice_decode_failures();
  }
}

/** The badge's word for a status. */
export function statusText(status: 'ok' | 'warning' | 'offline' | 'paused'): string {
  return { ok: m.camera_health_ok, warning: m.camera_health_warning, offline: m.camera_health_offline, paused: m.camera_health_paused }[status]();
}
