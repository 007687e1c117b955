import type { ProviderName } from '@asyncjob/core';

/**
 * The BullMQ job id of a ref: the ref percent-encoded, so it holds no `:` (BullMQ refuses custom ids with one)
 * and is never a bare integer (BullMQ refuses those too). The same ref always gives the same id, which is what
 * makes tracking a ref twice a no-op.
 */
export function jobIdOf(ref: string): string {
  return encodeURIComponent(ref);
}

/** The ref behind a BullMQ job id made by `jobIdOf`. */
export function refOfJobId(jobId: string): string {
  return decodeURIComponent(jobId);
}

/** One BullMQ queue per vendor key: a registry holds one config per provider, so the provider names it. */
export function queueNameOf(provider: ProviderName): string {
  return provider;
}

// BullMQ keys are `<prefix>:<queue>:…` and a provider name starts with a letter, so `_fleet` cannot collide.
const OWN_SEGMENT = '_fleet';

/** Where a settled ref's outcome is kept (`SET NX` with the outcome TTL). */
export function outcomeKeyOf(prefix: string, ref: string): string {
  return `${prefix}:${OWN_SEGMENT}:outcome:${jobIdOf(ref)}`;
}

/** The Redis stream every settled outcome is appended to, once per ref. */
export function settledStreamKeyOf(prefix: string): string {
  return `${prefix}:${OWN_SEGMENT}:settled`;
}
