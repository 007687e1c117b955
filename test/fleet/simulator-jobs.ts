// Creates jobs at the simulator through the adapters, paced under its per-key rate limit.
import { type AsyncJob, type AsyncJobError, configFromEnv, type ProviderConfig } from '@asyncjob/core';
import { createOration } from '@asyncjob/oration';
import { createOutx } from '@asyncjob/outx';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor } from '@asyncjob/revor';
import type { JobTruth, RunningSimulator, SimulatedVendor } from '@asyncjob/simulator';
import type { Result, ResultAsync } from 'neverthrow';

/** The environment that points `configFromEnv` (and so a worker process) at the simulator's first keys. */
export function vendorEnv(simulator: Pick<RunningSimulator, 'baseUrls' | 'keys'>): Record<string, string> {
  const oration = simulator.keys.oration[0];
  return {
    REVOR_BASE_URL: simulator.baseUrls.revor,
    REVOR_API_KEY: simulator.keys.revor[0] ?? '',
    OUTX_BASE_URL: simulator.baseUrls.outx,
    OUTX_API_KEY: simulator.keys.outx[0] ?? '',
    ORATION_BASE_URL: simulator.baseUrls.oration,
    ORATION_API_KEY: oration?.apiKey ?? '',
    ORATION_WORKSPACE_SLUG: oration?.workspaceSlug ?? '',
    REVKEEN_BASE_URL: simulator.baseUrls.revkeen,
    REVKEEN_API_KEY: simulator.keys.revkeen[0] ?? '',
  };
}

export function vendorConfigs(simulator: Pick<RunningSimulator, 'baseUrls' | 'keys'>): ProviderConfig[] {
  return unwrap(configFromEnv(vendorEnv(simulator)), 'read the vendor configs');
}

/** The value of a Result, or an exception that says what failed and why. */
export function unwrap<T>(
  result: Result<T, { readonly kind: string; readonly message: string }>,
  what: string,
): T {
  if (result.isErr()) throw new Error(`Could not ${what}: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** A created job and the operation it was created with. */
export interface CreatedJob {
  readonly vendor: SimulatedVendor;
  readonly operation: string;
  readonly job: AsyncJob;
}

/**
 * Creates `perVendor` jobs at each vendor, the vendors side by side, each at most `perSecond` creates a second
 * (a create refused with a 429 waits and goes again).
 */
export async function createSimulatorJobs(
  simulator: RunningSimulator,
  perVendor: number,
  perSecond: number,
): Promise<CreatedJob[]> {
  const env = vendorEnv(simulator);
  const revor = createRevor({ apiKey: env.REVOR_API_KEY, baseUrl: env.REVOR_BASE_URL });
  const outx = createOutx({ apiKey: env.OUTX_API_KEY, baseUrl: env.OUTX_BASE_URL });
  const oration = createOration({
    apiKey: env.ORATION_API_KEY,
    workspaceSlug: env.ORATION_WORKSPACE_SLUG,
    baseUrl: env.ORATION_BASE_URL,
  });
  const revkeen = createRevkeen({ apiKey: env.REVKEEN_API_KEY, baseUrl: env.REVKEEN_BASE_URL });
  const accounts = unwrap(await revor.listAccounts(), 'list the Revor accounts');
  const email = accounts.find((account) => account.channel === 'email' && account.canSend);
  const automation = simulator.automations.find((candidate) => !candidate.requiresApproval);
  if (!email || !automation)
    throw new Error('the simulator has no sending email account or plain automation');
  const makers: Record<SimulatedVendor, (index: number) => [string, ResultAsync<AsyncJob, AsyncJobError>]> = {
    revor: (index) => [
      'dispatch',
      revor.dispatch({
        channel: 'email',
        accountId: email.accountId,
        recipient: { address: `person${index}@example.com`, name: `Person ${index}` },
        content: { subject: 'Hello', text: `Message ${index}` },
      }),
    ],
    outx: (index) => ['fetch-profile', outx.fetchProfile({ profileSlug: `person-${index}` })],
    oration: (index) => [
      'customers-batch',
      oration.createCustomerBatch({
        customers: [{ identifier: `cus_${index}`, name: `Customer ${index}`, phoneNumber: '+14155550101' }],
      }),
    ],
    revkeen: (index) => [
      'run',
      revkeen.runAutomation(automation.id, { triggerPayload: { invoiceAgeDays: 7 + (index % 30) } }),
    ],
  };
  const spacingMs = 1000 / perSecond;
  const perVendorJobs = await Promise.all(
    (Object.keys(makers) as SimulatedVendor[]).map(async (vendor) => {
      const created: CreatedJob[] = [];
      for (let index = 0; index < perVendor; index += 1) {
        const startedAt = Date.now();
        for (;;) {
          const [operation, request] = makers[vendor](index);
          const result = await request;
          if (result.isOk()) {
            created.push({ vendor, operation, job: result.value });
            break;
          }
          if (result.error.kind !== 'rate_limited')
            throw new Error(`create at ${vendor}: ${result.error.message}`);
          await sleep(result.error.retryAfterMs ?? 1000);
        }
        await sleep(Math.max(0, spacingMs - (Date.now() - startedAt)));
      }
      return created;
    }),
  );
  return perVendorJobs.flat();
}

/** The simulator's truth about a job (RevKeen knows runs by their run id). */
export function truthOf(simulator: RunningSimulator, job: AsyncJob): JobTruth | undefined {
  const vendor = job.provider as SimulatedVendor;
  const id = vendor === 'revkeen' ? (job.id.split('/').pop() ?? job.id) : job.id;
  return simulator.control.jobTruth(vendor, id);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `done` until it holds or `timeoutMs` passes. */
export async function waitUntil(
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms ${describe()}`);
    await sleep(50);
  }
}
