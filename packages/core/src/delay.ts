/** The longest delay Node's timers accept (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/**
 * Waits `ms`, or less when `signal` aborts. It never rejects, and it leaves no timer or listener behind
 * either way. The poller takes it as an option so tests can pass a delay that does not wait.
 */
export type Delay = (ms: number, signal?: AbortSignal) => Promise<void>;

/** The real delay, on `setTimeout`. */
export const timerDelay: Delay = (ms, signal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, Math.max(0, Math.min(ms, MAX_TIMER_DELAY_MS)));
    signal?.addEventListener('abort', finish, { once: true });
  });

/** An AbortController that follows a parent signal until `dispose()` detaches it. */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  abort(): void;
  /** Removes the listener on the parent; call it when the work ends. */
  dispose(): void;
}

/**
 * Links a new controller to an optional parent signal. Unlike `AbortSignal.any`, the parent's listener is
 * removed on `dispose()`, so a long-lived caller signal does not collect one listener per wait.
 */
export function linkSignal(parent?: AbortSignal): LinkedSignal {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) controller.abort(parent.reason);
  else parent?.addEventListener('abort', onParentAbort, { once: true });
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    dispose: () => parent?.removeEventListener('abort', onParentAbort),
  };
}
