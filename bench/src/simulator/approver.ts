import type { RevkeenControl } from '@asyncjob/simulator';

/**
 * How often the approver looks for runs that have just asked for an approval (real ms). The decision itself is
 * timed from the request time, so looking less often costs nothing as long as it is well below the delays.
 */
const LOOK_EVERY_MS = 20;

/** A person who approves RevKeen runs, each a set time after the run asked. */
export interface Approver {
  approveAfter(runId: string, delayMs: number): void;
  stop(): void;
}

/**
 * Approves each registered run `delayMs` after its approval appeared. The approval's request time is only
 * visible once the run has reached it, so the approver looks every few milliseconds and then sets an exact timer.
 */
export function createApprover(control: RevkeenControl): Approver {
  const delays = new Map<string, number>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let looking: ReturnType<typeof setInterval> | null = null;

  const look = () => {
    if (delays.size === 0) {
      if (looking !== null) clearInterval(looking);
      looking = null;
      return;
    }
    for (const approval of control.listApprovals({ status: 'pending' })) {
      const delayMs = delays.get(approval.runId);
      if (delayMs === undefined) continue;
      delays.delete(approval.runId);
      const timer = setTimeout(
        () => {
          timers.delete(timer);
          control.decideApproval(approval.id, 'approve');
        },
        Math.max(0, approval.requestedAtMs + delayMs - Date.now()),
      );
      timers.add(timer);
    }
  };

  return {
    approveAfter(runId, delayMs) {
      delays.set(runId, delayMs);
      looking ??= setInterval(look, LOOK_EVERY_MS);
    },
    stop() {
      if (looking !== null) clearInterval(looking);
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      delays.clear();
    },
  };
}
