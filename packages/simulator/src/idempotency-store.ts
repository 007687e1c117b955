import type { SimResponse } from './sim-http';

/** What the store says about a request that carries an idempotency key. */
export type IdempotencyLookup =
  | { readonly kind: 'miss' }
  | { readonly kind: 'replay'; readonly response: SimResponse }
  | { readonly kind: 'conflict' };

/** Remembers responses by (scope, idempotency key) for `ttlMs`. */
export interface IdempotencyStore {
  lookup(scope: string, fingerprint: string, nowMs: number): IdempotencyLookup;
  remember(scope: string, fingerprint: string, response: SimResponse, nowMs: number): void;
  clear(): void;
}

interface StoredEntry {
  readonly fingerprint: string;
  readonly response: SimResponse;
  readonly storedAt: number;
}

/** Both vendors that take keys keep them about a day (RevKeen documents 24 h; Revor does not say). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** An in-memory store; an expired entry counts as a miss. */
export function createIdempotencyStore(ttlMs = IDEMPOTENCY_TTL_MS): IdempotencyStore {
  const entries = new Map<string, StoredEntry>();
  return {
    lookup(scope, fingerprint, nowMs) {
      const entry = entries.get(scope);
      if (!entry || nowMs - entry.storedAt >= ttlMs) return { kind: 'miss' };
      return entry.fingerprint === fingerprint
        ? { kind: 'replay', response: entry.response }
        : { kind: 'conflict' };
    },
    remember(scope, fingerprint, response, nowMs) {
      entries.set(scope, { fingerprint, response, storedAt: nowMs });
    },
    clear: () => entries.clear(),
  };
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, canonicalize(record[key])]),
    );
  }
  return value;
}

/** A body's identity for idempotency: JSON compared by value (key order ignored), anything else as text. */
export function fingerprintBody(body: {
  readonly kind: string;
  readonly value?: unknown;
  readonly text?: string;
}): string {
  if (body.kind === 'json') return `json:${JSON.stringify(canonicalize(body.value))}`;
  return `text:${body.text ?? ''}`;
}
