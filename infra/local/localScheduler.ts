/**
 * Plays the EventBridge rule: calls `fire` at a fixed rate, and once at start so
 * a fresh `npm start` dispatches due sources without waiting a whole period.
 * A failed tick is reported and the next one goes ahead, as with EventBridge.
 */
export function startLocalScheduler(fire: () => Promise<void>, intervalMs: number, onError: (error: unknown) => void): { stop(): void } {
  const tick = (): void => {
    fire().catch(onError);
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return { stop: () => clearInterval(timer) };
}
