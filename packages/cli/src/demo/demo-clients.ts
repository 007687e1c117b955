import { type AsyncJob, type AsyncJobError, asyncJobError } from '@asyncjob/core';
import { createOration } from '@asyncjob/oration';
import { createOutx } from '@asyncjob/outx';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor, type RevorAccount } from '@asyncjob/revor';
import type { RunningSimulator } from '@asyncjob/simulator';
import { err, ok, Result, type ResultAsync } from 'neverthrow';
import type { DemoClients, DemoContext, DemoJobSpec } from './demo-scenario';

/** The typed clients of every vendor, pointed at the simulator with its first test key. */
export function createDemoClients(env: Readonly<Record<string, string>>): DemoClients {
  return {
    revor: createRevor({ apiKey: env.REVOR_API_KEY, baseUrl: env.REVOR_BASE_URL }),
    outx: createOutx({ apiKey: env.OUTX_API_KEY, baseUrl: env.OUTX_BASE_URL }),
    oration: createOration({
      apiKey: env.ORATION_API_KEY,
      workspaceSlug: env.ORATION_WORKSPACE_SLUG,
      baseUrl: env.ORATION_BASE_URL,
    }),
    revkeen: createRevkeen({ apiKey: env.REVKEEN_API_KEY, baseUrl: env.REVKEEN_BASE_URL }),
  };
}

/** Finds the Revor accounts (with `listAccounts`) and the RevKeen automations the scenario uses. */
export function loadDemoContext(
  clients: DemoClients,
  simulator: Pick<RunningSimulator, 'automations'>,
): ResultAsync<DemoContext, AsyncJobError> {
  const chaseInvoices = simulator.automations.find((automation) => !automation.requiresApproval);
  const refundReview = simulator.automations.find((automation) => automation.requiresApproval);
  return clients.revor.listAccounts().andThen((accounts) => {
    const pick = (channel: string, canSend: boolean): Result<RevorAccount, AsyncJobError> => {
      const found = accounts.find((account) => account.channel === channel && account.canSend === canSend);
      return found
        ? ok(found)
        : err(asyncJobError('not_found', `No ${channel} account with canSend=${canSend} at Revor.`));
    };
    if (!chaseInvoices || !refundReview) {
      return err(
        asyncJobError('not_found', 'The simulator has no RevKeen automation that needs an approval.'),
      );
    }
    return Result.combine([
      pick('email', true),
      pick('linkedin', true),
      pick('whatsapp', true),
      pick('linkedin', false),
    ]).map(([email, linkedin, whatsapp, staleLinkedin]) => ({
      revorAccounts: { email, linkedin, whatsapp, staleLinkedin },
      automations: { chaseInvoices: chaseInvoices.id, refundReview: refundReview.id },
    }));
  });
}

/** A created job, or why it could not be created. */
export type DemoCreation =
  | { readonly spec: DemoJobSpec; readonly job: AsyncJob }
  | { readonly spec: DemoJobSpec; readonly error: AsyncJobError };

/**
 * Creates every job of the scenario, one after another in the scenario's order: the simulator draws every job's
 * fate from one seeded sequence, so a fixed order makes a seed replay the same run. Forced fates are queued just
 * before their job.
 */
export async function createDemoJobs(
  specs: readonly DemoJobSpec[],
  clients: DemoClients,
  context: DemoContext,
  simulator: Pick<RunningSimulator, 'control'>,
): Promise<DemoCreation[]> {
  const creations: DemoCreation[] = [];
  for (const spec of specs) {
    if (spec.forced) simulator.control.planNextJob(spec.vendor, spec.forced);
    const created = await spec.create(clients, context);
    creations.push(
      created.match(
        (job) => ({ spec, job }),
        (error) => ({ spec, error }),
      ),
    );
  }
  return creations;
}
