/** The UTC day (YYYY-MM-DD) a time falls on: the unit of the usage counters. */
export function usageDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `days` days before `day` (may be negative for after). */
export function addDays(day: string, days: number): string {
  return usageDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));
}

/** The tenant of an object key: its first segment (every key starts with the tenant). */
export function tenantOfKey(key: string): string {
  return key.split('/')[0] ?? '';
}
