/** Counts a tenant's API requests per fixed time window, atomically, wherever the API runs. */
export interface RequestCounter {
  /**
   * Adds one request to the tenant's window starting at `windowStart` (epoch
   * seconds) and answers the count including it; the counter may be forgotten
   * after `expiresAt` (epoch seconds).
   */
  increment(tenantId: string, windowStart: number, expiresAt: number): Promise<number>;
}
