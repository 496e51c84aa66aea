/**
 * Calls `tick` now and then every `intervalMs`, one call at a time (a slow
 * response never stacks up a second request), paused while the tab is hidden
 * and run at once when it becomes visible again. Returns a stop function,
 * which also aborts a request in flight.
 */
export function poll(tick: (signal: AbortSignal) => Promise<void>, intervalMs: number): () => void {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  const run = async (): Promise<void> => {
    clearTimeout(timer);
    if (running || controller.signal.aborted) return;
    running = true;
    try {
      await tick(controller.signal);
    } catch {
      // `tick` reports its own errors; polling just carries on.
    } finally {
      running = false;
    }
    if (!controller.signal.aborted && !document.hidden) timer = setTimeout(run, intervalMs);
  };

  const onVisibility = (): void => {
    if (!document.hidden) void run();
  };

  document.addEventListener('visibilitychange', onVisibility);
  void run();
  return () => {
    controller.abort();
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
