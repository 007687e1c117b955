import type { SimulatedVendor, SimulatorControl } from '@asyncjob/simulator';

/**
 * How often a job whose finish time is not known yet (it waits on a person or an extension) is looked at (real
 * ms). Once known, an exact timer takes over; the rest of such a job's run is longer than this.
 */
const UNKNOWN_FINISH_LOOK_MS = 10;

/**
 * Resolves with a job's finish time as soon as the simulator's truth says it has finished: a timer at the
 * expected finish time when it is known, a short look-again while it is not. This is what the oracle waits on.
 */
export function waitForFinish(
  control: SimulatorControl,
  vendor: SimulatedVendor,
  id: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const look = () => {
      const truth = control.jobTruth(vendor, id);
      if (!truth) {
        reject(new Error(`The simulator has no ${vendor} job ${id}`));
        return;
      }
      if (truth.terminal && truth.finishedAtMs !== null) {
        resolve(truth.finishedAtMs);
        return;
      }
      const expected = truth.expectedFinishAtMs;
      setTimeout(look, expected === null ? UNKNOWN_FINISH_LOOK_MS : Math.max(0, expected - Date.now()));
    };
    look();
  });
}
