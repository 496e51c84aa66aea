import type { AlertStatusView, CostEstimateView, UsageAlertCrossing } from '../api/storageApi';
import type { UsageAlert } from './storageSettings';
import { GB } from './storagePrices';

/**
 * Whether the tenant's threshold is crossed: stored GB now, or the month's
 * estimated cost. What crossed goes out as numbers (the web words and formats
 * them in the reader's language), never as a sentence.
 */
export function usageAlertStatus(alert: UsageAlert | null, storedBytes: number, cost: CostEstimateView): AlertStatusView {
  if (alert === null) return { alert, crossed: false, crossing: null };
  if (alert.kind === 'gb') {
    const thresholdBytes = alert.value * GB;
    return storedBytes >= thresholdBytes ? { alert, crossed: true, crossing: { kind: 'gb', thresholdBytes, measuredBytes: storedBytes } } : { alert, crossed: false, crossing: null };
  }
  return cost.total >= alert.value ? { alert, crossed: true, crossing: { kind: 'cost', thresholdUsd: alert.value, measuredUsd: cost.total } } : { alert, crossed: false, crossing: null };
}

/** The crossing in English, for the operators' records (the once-a-month claim and the audit detail), never shown to a tenant. */
export function crossingForRecords(crossing: UsageAlertCrossing): string {
  return crossing.kind === 'gb'
    ? `storage ${(crossing.measuredBytes / GB).toFixed(1)} GB, alert at ${crossing.thresholdBytes / GB} GB`
    : `estimated cost $${crossing.measuredUsd.toFixed(2)}, alert at $${crossing.thresholdUsd.toFixed(2)}`;
}
