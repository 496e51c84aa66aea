import type { UsageAlertCrossing } from '../api/types';
import { m } from '../../paraglide/messages.js';
import { formatBytes } from './bytes';
import { formatUsd } from './money';

/** The usage alert banner's sentence, from the API's numbers, in the reader's language and formats. */
export function usageAlertText(crossing: UsageAlertCrossing): string {
  return crossing.kind === 'gb'
    ? m.usage_alert_gb({ stored: formatBytes(crossing.measuredBytes), threshold: formatBytes(crossing.thresholdBytes) })
    : m.usage_alert_cost({ cost: formatUsd(crossing.measuredUsd), threshold: formatUsd(crossing.thresholdUsd) });
}
