import type { AsyncJob, AsyncJobError } from '@asyncjob/core';
import type { ResultAsync } from 'neverthrow';
import { createSubmitClients } from '../clients';
import type { RemoteSimulator } from '../simulator/remote-simulator';

/** Lookups per vendor: enough for V8 to compile the hot paths of the server and of the adapters. */
const LOOKUPS_PER_VENDOR = 25;

/**
 * Warms a fresh simulator (and the adapters in this process) with the vendors' second keys, so that no contender
 * pays for cold code, then zeroes the request counts. Every contender's simulator gets the same warm-up, so the
 * jobs drawn afterwards are the same for all.
 */
export async function warmUp(simulator: RemoteSimulator): Promise<void> {
  const clients = createSubmitClients(simulator, 1);
  const revkeenAutomation = simulator.automations.find((automation) => automation.requiresApproval !== true);
  // One after another: the order of creates decides which random draws each job gets.
  const creates: [string, () => ResultAsync<AsyncJob, AsyncJobError>][] = [
    [
      'revor',
      () =>
        clients.revor.dispatch({
          channel: 'email',
          accountId: 'connect_account_k2_email',
          recipient: { address: 'warm-up@example.com' },
          content: { subject: 'Warm-up', text: 'Warm-up' },
        }),
    ],
    ['outx', () => clients.outx.fetchProfile({ profileSlug: 'warm-up' })],
    [
      'oration',
      () =>
        clients.oration.createCustomerBatch({ customers: [{ identifier: 'warm-up' }], strategy: 'upsert' }),
    ],
    ['revkeen', () => clients.revkeen.runAutomation(revkeenAutomation?.id ?? '', { triggerPayload: null })],
  ];
  for (const [vendor, create] of creates) {
    const created = await create();
    if (created.isErr())
      throw new Error(`Warm-up could not create a ${vendor} job: ${created.error.message}`);
    const client = clients[created.value.provider as keyof typeof clients];
    for (let lookup = 0; lookup < LOOKUPS_PER_VENDOR; lookup += 1) await client.get(created.value.id);
  }
  await simulator.call('resetStats');
}
