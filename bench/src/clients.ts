import {
  type AsyncJobClient,
  createJobRegistry,
  type JobRegistry,
  type ProviderConfig,
  type ProviderFactory,
  type ProviderName,
} from '@asyncjob/core';
import { createOration, type OrationClient, orationFactory } from '@asyncjob/oration';
import { createOutx, type OutxClient, outxFactory } from '@asyncjob/outx';
import { createRevkeen, type RevkeenClient, revkeenFactory } from '@asyncjob/revkeen';
import { createRevor, type RevorClient, revorFactory } from '@asyncjob/revor';
import type { RemoteSimulator } from './simulator/remote-simulator';

/** The typed clients the harness creates jobs with (first key of each vendor). */
export interface SubmitClients {
  readonly revor: RevorClient;
  readonly outx: OutxClient;
  readonly oration: OrationClient;
  readonly revkeen: RevkeenClient;
}

/** One config per vendor, pointing at the simulator with its first key. */
export function simulatorConfigs(simulator: RemoteSimulator): ProviderConfig[] {
  const { baseUrls, keys } = simulator;
  const oration = keys.oration[0];
  return [
    { provider: 'revor', apiKey: keys.revor[0] ?? '', baseUrl: baseUrls.revor },
    { provider: 'outx', apiKey: keys.outx[0] ?? '', baseUrl: baseUrls.outx },
    {
      provider: 'oration',
      apiKey: oration?.apiKey ?? '',
      workspaceSlug: oration?.workspaceSlug,
      baseUrl: baseUrls.oration,
    },
    { provider: 'revkeen', apiKey: keys.revkeen[0] ?? '', baseUrl: baseUrls.revkeen },
  ];
}

/**
 * The clients that create the scenario's jobs; contenders never share them. `keyIndex` picks the vendors' key
 * (each key is its own tenant: the warm-up uses the second, so it touches none of the scenario's jobs or pacing).
 */
export function createSubmitClients(simulator: RemoteSimulator, keyIndex = 0): SubmitClients {
  const { baseUrls, keys } = simulator;
  const oration = keys.oration[keyIndex];
  return {
    revor: createRevor({ apiKey: keys.revor[keyIndex], baseUrl: baseUrls.revor, createRetry: { limit: 5 } }),
    outx: createOutx({ apiKey: keys.outx[keyIndex], baseUrl: baseUrls.outx }),
    oration: createOration({
      apiKey: oration?.apiKey,
      workspaceSlug: oration?.workspaceSlug,
      baseUrl: baseUrls.oration,
    }),
    revkeen: createRevkeen({ apiKey: keys.revkeen[keyIndex], baseUrl: baseUrls.revkeen }),
  };
}

/**
 * The same client with its polling advice multiplied by the scenario's time scale: the simulator compresses every
 * duration by that factor, so every interval a poller derives from the advice is compressed alike.
 */
export function scaleClient<TResult>(
  client: AsyncJobClient<TResult>,
  timeScale: number,
  onGet?: (provider: string, id: string) => void,
): AsyncJobClient<TResult> {
  const advice = client.pollingAdvice;
  const scaled = (value: number | undefined) => (value === undefined ? undefined : value * timeScale);
  return {
    provider: client.provider,
    operations: client.operations,
    pollingAdvice: {
      defaultDelayMs: advice.defaultDelayMs * timeScale,
      ...(advice.minDelayMs === undefined ? {} : { minDelayMs: scaled(advice.minDelayMs) }),
      ...(advice.maxDelayMs === undefined ? {} : { maxDelayMs: scaled(advice.maxDelayMs) }),
    },
    get: (id, options) => {
      onGet?.(client.provider, id);
      return client.get(id, options);
    },
    submit: (operation, input, options) => client.submit(operation, input, options),
    parseId: (id) => client.parseId(id),
  };
}

const FACTORIES: Readonly<Record<string, ProviderFactory>> = {
  revor: revorFactory,
  outx: outxFactory,
  oration: orationFactory,
  revkeen: revkeenFactory,
};

/**
 * A registry of the four adapters against the simulator, each with its advice scaled; `onGet` hears every
 * lookup (to count requests per job).
 */
export function createPollingRegistry(
  simulator: RemoteSimulator,
  timeScale: number,
  onGet?: (provider: string, id: string) => void,
): JobRegistry {
  const factories = Object.fromEntries(
    Object.entries(FACTORIES).map(([provider, factory]) => [
      provider,
      ((config) =>
        factory(config).map((client) => scaleClient(client, timeScale, onGet))) satisfies ProviderFactory,
    ]),
  );
  const registry = createJobRegistry({ factories, configs: simulatorConfigs(simulator) });
  if (registry.isErr())
    throw new Error(`The benchmark's adapter configs are invalid: ${registry.error.message}`);
  return registry.value;
}

/** The registry's client for a provider; the benchmark configures all four, so a miss is a harness bug. */
export function pollingClient(registry: JobRegistry, provider: ProviderName): AsyncJobClient {
  const client = registry.client(provider);
  if (client.isErr()) throw new Error(client.error.message);
  return client.value;
}
