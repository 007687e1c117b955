/**
 * Calls a caller's hook. A hook that throws must not stop a poll or a tracker half way (a job would be left
 * unscheduled, a `drain()` unresolved): its exception is dropped here, and the work goes on. Hooks should catch
 * their own errors.
 */
export function callHook<A extends unknown[]>(hook: ((...args: A) => void) | undefined, ...args: A): void {
  if (!hook) return;
  try {
    hook(...args);
  } catch {
    // Dropped on purpose: see above.
  }
}
