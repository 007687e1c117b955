import type { AsyncJob, AsyncJobError } from '@asyncjob/core';
import type { OrationClient } from '@asyncjob/oration';
import type { OutxClient } from '@asyncjob/outx';
import type { RevkeenClient } from '@asyncjob/revkeen';
import type { RevorAccount, RevorClient } from '@asyncjob/revor';
import type { SimulateDirective, SimulatedVendor } from '@asyncjob/simulator';
import type { ResultAsync } from 'neverthrow';

/** The typed adapter clients the demo creates jobs with. */
export interface DemoClients {
  readonly revor: RevorClient;
  readonly outx: OutxClient;
  readonly oration: OrationClient;
  readonly revkeen: RevkeenClient;
}

/** What the scenario needs to know about the vendors' accounts before it creates anything. */
export interface DemoContext {
  /** Revor Connect accounts, found with `listAccounts`. */
  readonly revorAccounts: {
    readonly email: RevorAccount;
    readonly linkedin: RevorAccount;
    readonly whatsapp: RevorAccount;
    /** A LinkedIn account that needs a reconnect: a dispatch through it fails. */
    readonly staleLinkedin: RevorAccount;
  };
  /** RevKeen automations: one that runs alone, one whose runs wait for a person's approval. */
  readonly automations: { readonly chaseInvoices: string; readonly refundReview: string };
}

/** What the demo does when a RevKeen run waits for approval. */
export type DemoApproval =
  | { readonly decision: 'approve' }
  | { readonly decision: 'reject'; readonly reason: string };

/** One job of the scenario. */
export interface DemoJobSpec {
  readonly vendor: SimulatedVendor;
  /** The operation, as the tracker learns durations by it. */
  readonly operation: string;
  /** For the log: what the job does. */
  readonly description: string;
  /** A fate forced through the simulator's per-job control, queued right before the create. */
  readonly forced?: SimulateDirective;
  readonly approval?: DemoApproval;
  create(clients: DemoClients, context: DemoContext): ResultAsync<AsyncJob, AsyncJobError>;
}

/** Revor's least gap between two tasks of one account and channel: tasks after the first come back scheduled. */
const PACING_SECONDS = 60;

const emailDispatch = (name: string, address: string, forced?: SimulateDirective): DemoJobSpec => ({
  vendor: 'revor',
  operation: 'dispatch',
  description: `email to ${address}`,
  ...(forced ? { forced } : {}),
  create: (clients, context) =>
    clients.revor.dispatch({
      channel: 'email',
      accountId: context.revorAccounts.email.accountId,
      recipient: { address, name },
      content: {
        subject: 'Tracking async jobs across vendors',
        text: `Hi ${name}, one poller for four vendors: worth a look?`,
      },
      minChannelTaskIntervalSeconds: PACING_SECONDS,
    }),
});

const profileFetch = (profileSlug: string, forced?: SimulateDirective): DemoJobSpec => ({
  vendor: 'outx',
  operation: 'fetch-profile',
  description: `profile of ${profileSlug}`,
  ...(forced ? { forced } : {}),
  create: (clients) => clients.outx.fetchProfile({ profileSlug }),
});

const invoiceRun = (invoiceAgeDays: number, forced?: SimulateDirective): DemoJobSpec => ({
  vendor: 'revkeen',
  operation: 'run',
  description: `chase invoices older than ${invoiceAgeDays} days`,
  ...(forced ? { forced } : {}),
  create: (clients, context) =>
    clients.revkeen.runAutomation(context.automations.chaseInvoices, { triggerPayload: { invoiceAgeDays } }),
});

const refundRun = (chargeId: string, approval: DemoApproval): DemoJobSpec => ({
  vendor: 'revkeen',
  operation: 'run',
  description: `refund review of ${chargeId}, to be ${approval.decision === 'approve' ? 'approved' : 'rejected'}`,
  approval,
  create: (clients, context) =>
    clients.revkeen.runAutomation(context.automations.refundReview, { triggerPayload: { chargeId } }),
});

/**
 * The demo's jobs: outreach on Revor (paced, so some are scheduled), LinkedIn tasks on OutX (pending while the
 * extension is off), customer imports on Oration and automation runs on RevKeen (two waiting for approval).
 * A few are forced to fail or be cancelled so the summary shows every outcome. Order matters within a vendor:
 * forced fates are queued first in, first out.
 */
export const DEMO_JOBS: readonly DemoJobSpec[] = [
  emailDispatch('Ada', 'ada@example.com'),
  emailDispatch('Grace', 'grace@example.com'),
  emailDispatch('Linus', 'linus@example.com', { outcome: 'failed' }),
  {
    vendor: 'revor',
    operation: 'post-like',
    description: 'like a recent post about async APIs',
    create: (clients, context) =>
      clients.revor.likePost({
        profileUrl: 'https://www.linkedin.com/in/ada-lovelace',
        topic: 'async APIs',
        accountId: context.revorAccounts.linkedin.accountId,
        minChannelTaskIntervalSeconds: PACING_SECONDS,
      }),
  },
  {
    vendor: 'revor',
    operation: 'dispatch',
    description: 'LinkedIn message to Grace',
    create: (clients, context) =>
      clients.revor.dispatch({
        channel: 'linkedin',
        accountId: context.revorAccounts.linkedin.accountId,
        recipient: { profileUrl: 'https://www.linkedin.com/in/grace-hopper' },
        content: { text: 'Thanks for the talk on compilers. Could we compare notes on job queues?' },
        minChannelTaskIntervalSeconds: PACING_SECONDS,
      }),
  },
  {
    vendor: 'revor',
    operation: 'dispatch',
    description: 'LinkedIn message through an account that needs a reconnect',
    create: (clients, context) =>
      clients.revor.dispatch({
        channel: 'linkedin',
        accountId: context.revorAccounts.staleLinkedin.accountId,
        recipient: { profileUrl: 'https://www.linkedin.com/in/linus-torvalds' },
        content: { text: 'Hello from the old account.' },
      }),
  },
  {
    vendor: 'revor',
    operation: 'dispatch',
    description: 'WhatsApp reminder (cancelled)',
    forced: { outcome: 'cancelled' },
    create: (clients, context) =>
      clients.revor.dispatch({
        channel: 'whatsapp',
        accountId: context.revorAccounts.whatsapp.accountId,
        recipient: { phone: '+15550100001' },
        content: { text: 'Your demo slot is tomorrow at 10:00.' },
      }),
  },
  profileFetch('williamhgates'),
  profileFetch('satyanadella'),
  profileFetch('jeffweiner08', { outcome: 'failed' }),
  {
    vendor: 'outx',
    operation: 'send-connection-request',
    description: 'connection request with a note',
    create: (clients) =>
      clients.outx.sendConnectionRequest({
        profileUrn: 'urn:li:fsd_profile:ACoAAA8BYqEBCGLg',
        note: 'Enjoyed your post on polling budgets. Happy to connect.',
      }),
  },
  {
    vendor: 'oration',
    operation: 'customers-batch',
    description: 'import 3 customers (one retry)',
    forced: { retries: 1 },
    create: (clients) =>
      clients.oration.createCustomerBatch({
        customers: [
          { identifier: 'cus_001', name: 'Ada Lovelace', phoneNumber: '+14155550101', priority: 1 },
          { identifier: 'cus_002', name: 'Grace Hopper', phoneNumber: '+14155550102' },
          { identifier: 'cus_003', name: 'Alan Turing', email: 'alan@example.com' },
        ],
      }),
  },
  {
    vendor: 'oration',
    operation: 'customers-batch',
    description: 'upsert 2 customers (fails)',
    forced: { outcome: 'failed' },
    create: (clients) =>
      clients.oration.createCustomerBatch({
        customers: [
          { identifier: 'cus_001', name: 'Ada King', metadata: { plan: 'pro' } },
          { identifier: 'cus_004', name: 'Edsger Dijkstra', phoneNumber: '+31205550104' },
        ],
        strategy: 'upsert',
      }),
  },
  invoiceRun(7),
  invoiceRun(30, { outcome: 'failed' }),
  refundRun('ch_3PqRefund01', { decision: 'approve' }),
  refundRun('ch_3PqRefund02', { decision: 'reject', reason: 'The charge is older than the refund window.' }),
];
