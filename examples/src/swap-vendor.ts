/**
 * One waiting code path, four vendors: only the config changes.
 *
 *   pnpm --filter @asyncjob/examples swap-vendor revor    (or outx, oration, revkeen)
 *
 * It runs against the bundled vendor simulator, so it needs no vendor account. Against a real vendor, the
 * config would come from the environment instead: `configFromEnv(process.env)`.
 */
import { createJobClient, type ProviderConfig, type ProviderFactories, waitForJob } from '@asyncjob/core';
import { orationFactory } from '@asyncjob/oration';
import { outxFactory } from '@asyncjob/outx';
import { revkeenFactory } from '@asyncjob/revkeen';
import { revorFactory } from '@asyncjob/revor';
import { type RunningSimulator, startSimulator } from '@asyncjob/simulator';

const factories: ProviderFactories = {
  revor: revorFactory,
  outx: outxFactory,
  oration: orationFactory,
  revkeen: revkeenFactory,
};

/** The only vendor-specific part: a config, and what to create there. */
function vendorSetup(provider: string, simulator: RunningSimulator) {
  const { baseUrls, keys } = simulator;
  const setups: Record<string, { config: ProviderConfig; operation: string; input: unknown }> = {
    revor: {
      config: { provider: 'revor', apiKey: keys.revor[0] ?? '', baseUrl: baseUrls.revor },
      operation: 'dispatch',
      input: {
        channel: 'email',
        accountId: 'connect_account_k1_email', // from `listAccounts()`
        recipient: { address: 'ada@example.com', name: 'Ada' },
        content: { subject: 'Hello', text: 'A short note.' },
      },
    },
    outx: {
      config: { provider: 'outx', apiKey: keys.outx[0] ?? '', baseUrl: baseUrls.outx },
      operation: 'fetch-profile',
      input: { profileSlug: 'williamhgates' },
    },
    oration: {
      config: {
        provider: 'oration',
        apiKey: keys.oration[0]?.apiKey ?? '',
        workspaceSlug: keys.oration[0]?.workspaceSlug,
        baseUrl: baseUrls.oration,
      },
      operation: 'customers-batch',
      input: { customers: [{ identifier: 'cust-1', name: 'Ada Lovelace' }], strategy: 'upsert' },
    },
    revkeen: {
      config: { provider: 'revkeen', apiKey: keys.revkeen[0] ?? '', baseUrl: baseUrls.revkeen },
      operation: 'run',
      input: { automationId: simulator.automations[0]?.id ?? '', triggerPayload: { invoice: 'inv_1' } },
    },
  };
  return setups[provider];
}

const provider = process.argv[2] ?? 'revor';
const started = await startSimulator({ seed: 7, timeScale: 0.05 });
if (started.isErr()) {
  console.error(`The simulator did not start: ${started.error.message}`);
  process.exit(1);
}
const simulator = started.value;
const setup = vendorSetup(provider, simulator);
if (setup) {
  // From here on, nothing depends on the vendor.
  const outcome = await createJobClient(setup.config, factories).asyncAndThen((client) =>
    client.submit(setup.operation, setup.input).andThen((created) => {
      console.log(`created ${created.ref} (${created.status})`);
      return waitForJob(client, created.id, {
        initialJob: created,
        timeoutMs: 60_000,
        onStatusChange: (job, previous) => console.log(`  ${previous?.status ?? 'start'} → ${job.status}`),
      });
    }),
  );
  outcome.match(
    (job) => {
      if (job.status === 'succeeded') console.log(`${job.ref} succeeded:`, job.result);
      else console.log(`${job.ref} ended ${job.status}: ${job.failure?.message ?? 'no reason given'}`);
    },
    (error) => console.error(`${error.kind}: ${error.message}`),
  );
} else {
  console.error(`Unknown provider "${provider}": use revor, outx, oration or revkeen.`);
  process.exitCode = 2;
}
await simulator.close();
