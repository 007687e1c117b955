import type { AsyncJob, AsyncJobError } from '@asyncjob/core';
import type { ResultAsync } from 'neverthrow';
import type { SubmitClients } from '../clients';
import type { RemoteSimulator } from '../simulator/remote-simulator';
import type { RevorChannelName, S1Arrival } from './s1-population';

/** The RevKeen automations of the mix: one that always asks for an approval, one that never does. */
export interface S1Automations {
  readonly approval: string;
  readonly plain: string;
}

export function findAutomations(simulator: RemoteSimulator): S1Automations {
  const approval = simulator.automations.find((automation) => automation.requiresApproval === true);
  const plain = simulator.automations.find((automation) => automation.requiresApproval !== true);
  if (!approval || !plain)
    throw new Error('The simulator needs one RevKeen automation with approval, one without');
  return { approval: approval.id, plain: plain.id };
}

const RECIPIENTS = {
  email: (index: number) => ({ address: `lead-${index}@example.com`, name: `Lead ${index}` }),
  linkedin: (index: number) => ({ profileUrl: `https://www.linkedin.com/in/lead-${index}` }),
  whatsapp: (index: number) => ({ phone: `+1555020${String(index).padStart(4, '0')}` }),
} as const;

function dispatch(clients: SubmitClients, channel: RevorChannelName, index: number, gapSeconds: number) {
  const common = { accountId: `connect_account_k1_${channel}`, minChannelTaskIntervalSeconds: gapSeconds };
  switch (channel) {
    case 'email':
      return clients.revor.dispatch({
        ...common,
        channel,
        recipient: RECIPIENTS.email(index),
        content: { subject: 'Following up', text: 'A short note.' },
      });
    case 'linkedin':
      return clients.revor.dispatch({
        ...common,
        channel,
        recipient: RECIPIENTS.linkedin(index),
        content: { text: 'A short note.' },
      });
    case 'whatsapp':
      return clients.revor.dispatch({
        ...common,
        channel,
        recipient: RECIPIENTS.whatsapp(index),
        content: { text: 'A short note.' },
      });
  }
}

/** Creates the job of one arrival through the vendor's typed create, as an application would. */
export function submitArrival(
  clients: SubmitClients,
  automations: S1Automations,
  arrival: S1Arrival,
  revorGapSeconds: number,
): ResultAsync<AsyncJob, AsyncJobError> {
  const { index } = arrival;
  switch (arrival.kind) {
    case 'revor-batch':
      return dispatch(clients, arrival.channel ?? 'email', index, revorGapSeconds);
    case 'outx-extension':
      return clients.outx.fetchProfile({ profileSlug: `lead-${index}` });
    case 'revkeen-approval':
      return clients.revkeen.runAutomation(automations.approval, {
        triggerPayload: { refund: `re_${index}` },
      });
    case 'revkeen-plain':
      return clients.revkeen.runAutomation(automations.plain, { triggerPayload: { invoice: `in_${index}` } });
    case 'oration-plain':
      return clients.oration.createCustomerBatch({
        customers: [{ identifier: `customer-${index}`, name: `Customer ${index}` }],
        strategy: 'upsert',
      });
  }
}
