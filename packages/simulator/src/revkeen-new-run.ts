import { PLAN_SHARE, type RevkeenRun } from './revkeen-run-state';
import { sampleJob } from './sample-job';
import type { SimulateDirective } from './simulate-directive';
import type { SimulatorAutomation } from './simulator-options';
import type { Caller, VendorDeps } from './vendor-module';

const RUN_FAILURES = [
  'Step "Execute actions" failed: the payment provider returned 502',
  'Step "Plan actions" failed: the model output did not match the action schema',
  'Timed out waiting for the CRM integration',
];

/** What a new run needs besides the shared dependencies. */
export interface NewRunInput {
  readonly caller: Caller;
  readonly automation: SimulatorAutomation;
  readonly triggerPayload: unknown;
  readonly directive: SimulateDirective;
  readonly approverUserId: string;
  readonly nowMs: number;
}

/**
 * Draws a new run's fate. It waits for an approval when the directive says so, else when the automation always
 * does, else with the `approval` probability; the approval appears after the planning part of the run.
 */
export function newRevkeenRun(deps: VendorDeps, input: NewRunInput): RevkeenRun {
  const { options, idRandom } = deps;
  const { automation, directive } = input;
  // RevKeen runs are not retried.
  const sampled = sampleJob(
    deps.jobRandom,
    options.vendors.revkeen,
    { ...directive, retries: 0 },
    {
      createdAt: input.nowMs,
      timeScale: options.timeScale,
    },
  );
  const attempt = sampled.plan.attempts[0];
  const needsApproval = directive.approval ?? (automation.requiresApproval === true || sampled.approval);
  return {
    id: idRandom.uuid(),
    apiKey: input.caller.apiKey,
    automation,
    versionId: idRandom.uuid(),
    threadId: idRandom.uuid(),
    jobId: `job_${idRandom.hex(20)}`,
    triggerPayload: input.triggerPayload,
    plan: sampled.plan,
    approval:
      needsApproval && attempt
        ? {
            id: idRandom.uuid(),
            requestedAtMs: attempt.startAt + Math.round((attempt.endAt - attempt.startAt) * PLAN_SHARE),
            actionSummary: `${automation.name}: 1 action needs approval`,
            actions: [{ type: 'send_email', target: 'customer', template: 'automation_default' }],
          }
        : null,
    decision: null,
    errorMessage: RUN_FAILURES[Math.floor(sampled.detail * RUN_FAILURES.length)] as string,
    childIds: Array.from({ length: 6 }, () => idRandom.uuid()),
    approverUserId: input.approverUserId,
  };
}
