import type { AlertStatusView, CostEstimateView } from '../api/storageApi';
import type { UsageAlert } from './storageSettings';
import { GB } from './storagePrices';

/** Whether the tenant's threshold is crossed: stored GB now, or the month's estimated cost. */
export function usageAlertStatus(alert: UsageAlert | null, storedBytes: number, cost: CostEstimateView): AlertStatusView {
  if (alert === null) return { alert, crossed: false, message: null };
  if (alert.kind === 'gb') {
    const gb = storedBytes / GB;
    return gb >= alert.value
      ? { alert, crossed: true, message: `Storage is ${gb.toFixed(1)} GB, over your alert of ${alert.value} GB.` }
      : { alert, crossed: false, message: null };
  }
  return cost.total >= alert.value
    ? { alert, crossed: true, message: `This month's estimated cost is $${cost.total.toFixed(2)}, over your alert of $${alert.value.toFixed(2)}.` }
    : { alert, crossed: false, message: null };
}
