/** A span of time in which a team's Chrome extension was running, `[fromMs, toMs)`. */
export interface ActiveSpan {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * A team's OutX Chrome extension. Tasks progress only while it runs; once it has been silent for 48 hours (or is
 * uninstalled) every API call fails with 403 (https://docs.outx.ai/linkedin-api/authentication).
 */
export interface ExtensionState {
  readonly installed: boolean;
  /** Past activity, oldest first. */
  readonly history: readonly ActiveSpan[];
  /** When the current run began; null while the extension is not running. */
  readonly activeSinceMs: number | null;
}

/** How long after its last heartbeat an extension still counts as installed. */
export const EXTENSION_HEARTBEAT_WINDOW_MS = 48 * 60 * 60 * 1000;

/** An installed extension that has always been running. */
export const ALWAYS_ACTIVE_EXTENSION: ExtensionState = {
  installed: true,
  history: [],
  activeSinceMs: Number.NEGATIVE_INFINITY,
};

/** Starts or stops the extension at `nowMs`; history before `nowMs` is kept, so past completions stay. */
export function setExtensionRunning(state: ExtensionState, running: boolean, nowMs: number): ExtensionState {
  if (running) return state.activeSinceMs !== null ? state : { ...state, activeSinceMs: nowMs };
  if (state.activeSinceMs === null) return state;
  return {
    ...state,
    history: [...state.history, { fromMs: state.activeSinceMs, toMs: nowMs }],
    activeSinceMs: null,
  };
}

/** Whether the extension is running at `nowMs`. */
export function isExtensionRunning(state: ExtensionState): boolean {
  return state.activeSinceMs !== null;
}

/** Whether API calls are accepted: installed, and running now or within the heartbeat window. */
export function isExtensionAvailable(state: ExtensionState, nowMs: number): boolean {
  if (!state.installed) return false;
  if (state.activeSinceMs !== null) return true;
  const lastSpan = state.history[state.history.length - 1];
  return lastSpan !== undefined && nowMs - lastSpan.toMs <= EXTENSION_HEARTBEAT_WINDOW_MS;
}

/**
 * When a task created at `fromMs` that needs `workMs` of running extension finishes, or null when it cannot
 * finish unless the extension starts again.
 */
export function extensionCompletionTime(
  state: ExtensionState,
  fromMs: number,
  workMs: number,
): number | null {
  const spans: ActiveSpan[] =
    state.activeSinceMs === null
      ? [...state.history]
      : [...state.history, { fromMs: state.activeSinceMs, toMs: Number.POSITIVE_INFINITY }];
  let remaining = Math.max(0, workMs);
  for (const span of spans) {
    if (span.toMs <= fromMs) continue;
    const start = Math.max(span.fromMs, fromMs);
    const available = span.toMs - start;
    if (available >= remaining) return start + remaining;
    remaining -= available;
  }
  return null;
}
