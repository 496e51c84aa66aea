import type { CostEstimateView, RetentionSavingsView, UsagePoint } from '../api/storageApi';
import type { UsageDayDelta, UsageTotals } from '../ports/storageLedger';
import type { Retention } from './retention';
import { GB, GIB, storagePrices } from './storagePrices';
import { addDays } from './usageDay';

const bytesOf = (t: UsageTotals): number => t.footageBytes + t.clipBytes;
const filesOf = (t: UsageTotals): number => t.footageFiles + t.clipFiles;

/**
 * What was stored at the end of each of the `days` days up to `today`: the
 * running total minus every net change recorded after that day.
 */
export function usageSeries(totals: UsageTotals, deltas: readonly UsageDayDelta[], today: string, days: number): UsagePoint[] {
  const byDay = new Map(deltas.map((delta) => [delta.day, delta]));
  const points: UsagePoint[] = [];
  let bytes = bytesOf(totals);
  let files = filesOf(totals);
  for (let back = 0; back < days; back += 1) {
    const day = addDays(today, -back);
    points.push({ day, bytes: Math.max(0, bytes), files: Math.max(0, files) });
    const delta = byDay.get(day);
    if (delta !== undefined) {
      bytes -= bytesOf(delta);
      files -= filesOf(delta);
    }
  }
  return points.reverse();
}

/**
 * The calendar month's estimated cost: storage for the days gone at what was
 * stored each day, and for the rest at today's size; transfer and processing
 * for the footage added this month (processing as if it were on for all of it).
 */
export function estimateMonthCost(series: readonly UsagePoint[], deltas: readonly UsageDayDelta[], today: string): CostEstimateView {
  const month = today.slice(0, 7);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const daysInMonth = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  const dayOfMonth = Number(today.slice(8, 10));
  const todayBytes = series.at(-1)?.bytes ?? 0;
  let byteDays = 0;
  for (const point of series) if (point.day.startsWith(month)) byteDays += point.bytes;
  byteDays += todayBytes * (daysInMonth - dayOfMonth);
  const storage = (byteDays / daysInMonth / GB) * storagePrices.storagePerGbMonth;
  const footageAdded = deltas.filter((delta) => delta.day.startsWith(month)).reduce((sum, delta) => sum + delta.footageAddedBytes, 0);
  const transfer = (footageAdded / GIB) * storagePrices.transferPerGib;
  const processing = (footageAdded / GB / storagePrices.gbPerFootageHour) * storagePrices.processingPerFootageHour;
  return { month, storage: cents(storage), transfer: cents(transfer), processing: cents(processing), total: cents(storage + transfer + processing) };
}

/**
 * What the chosen retention saves: at the last 30 days' rate of new footage and
 * clips, what a year from now would be stored keeping everything against what
 * the retention keeps (its days' worth), and the storage dollars a month between.
 */
export function retentionSavings(deltas: readonly UsageDayDelta[], retention: Retention, today: string): RetentionSavingsView {
  const from = addDays(today, -29);
  const recent = deltas.filter((delta) => delta.day >= from && delta.day <= today);
  const footageBytesPerDay = recent.reduce((sum, d) => sum + d.footageAddedBytes, 0) / 30;
  const clipBytesPerDay = recent.reduce((sum, d) => sum + d.clipAddedBytes, 0) / 30;
  const year = 365;
  const keepAllBytes = (footageBytesPerDay + clipBytesPerDay) * year;
  const withRetentionBytes = footageBytesPerDay * Math.min(retention.footageDays ?? year, year) + clipBytesPerDay * Math.min(retention.clipDays ?? year, year);
  return {
    footageBytesPerDay: Math.round(footageBytesPerDay),
    clipBytesPerDay: Math.round(clipBytesPerDay),
    keepAllBytes: Math.round(keepAllBytes),
    withRetentionBytes: Math.round(withRetentionBytes),
    savesPerMonth: cents(((keepAllBytes - withRetentionBytes) / GB) * storagePrices.storagePerGbMonth),
  };
}

const cents = (dollars: number): number => Math.round(dollars * 100) / 100;
