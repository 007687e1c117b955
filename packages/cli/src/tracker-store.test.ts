import { asyncJobError, MemoryStore, pollTimeoutError, type TrackedJobState } from '@asyncjob/core';
import { describe, expect, it } from 'vitest';
import { trackerStore } from './tracker-store';

const T0 = Date.parse('2026-05-20T10:00:00.000Z');

const state = (ref: string): TrackedJobState => ({
  ref,
  operation: 'wait',
  status: 'running',
  rawStatus: 'running',
  trackedAt: T0,
  deadline: T0 + 1_000,
  dueAt: T0 + 500,
  phaseSince: T0,
  attempt: 2,
  scheduledAt: null,
  nextAttemptAt: null,
});

describe('trackerStore', () => {
  it('reports a poll timeout as settled without recording it: the job stays unsettled', async () => {
    const memory = new MemoryStore(() => T0);
    const store = trackerStore(memory);
    await store.put(state('revor:a'));
    const timedOut = { type: 'error', error: pollTimeoutError('revor', null) } as const;
    expect((await store.markSettled('revor:a', timedOut, T0))._unsafeUnwrap()).toBe(true);
    expect((await memory.listUnsettled())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:a']);
  });

  it('records every other outcome, errors included, through the store', async () => {
    const memory = new MemoryStore(() => T0);
    const store = trackerStore(memory);
    await store.put(state('outx:b'));
    const error = asyncJobError('not_found', 'gone', { provider: 'outx', httpStatus: 404 });
    expect((await store.markSettled('outx:b', { type: 'error', error }, T0 + 1))._unsafeUnwrap()).toBe(true);
    expect((await store.markSettled('outx:b', { type: 'error', error }, T0 + 2))._unsafeUnwrap()).toBe(false);
    expect((await memory.list())._unsafeUnwrap()).toMatchObject([
      {
        state: { ref: 'outx:b' },
        outcome: { type: 'error', error: { kind: 'not_found' } },
        settledAt: T0 + 1,
      },
    ]);
  });

  it('gives every job it lists unsettled the new deadline, and changes nothing in the store', async () => {
    const memory = new MemoryStore(() => T0);
    await memory.put(state('revor:a'));
    const resumed = trackerStore(memory, { deadline: T0 + 60_000 });
    expect((await resumed.listUnsettled())._unsafeUnwrap().map((job) => job.state)).toEqual([
      { ...state('revor:a'), deadline: T0 + 60_000 },
    ]);
    expect((await memory.listUnsettled())._unsafeUnwrap()[0]?.state.deadline).toBe(T0 + 1_000);
    const unchanged = trackerStore(memory);
    expect((await unchanged.listUnsettled())._unsafeUnwrap()[0]?.state.deadline).toBe(T0 + 1_000);
  });

  it('passes every other method to the store, bound to it (a class with private fields works)', async () => {
    const memory = new MemoryStore(() => T0);
    const store = trackerStore(memory);
    await store.put(state('revor:a'));
    await store.update({ ...state('revor:a'), status: 'queued' });
    expect((await store.list())._unsafeUnwrap().map((job) => job.state.status)).toEqual(['queued']);
    expect((await store.prune(T0))._unsafeUnwrap()).toBe(0);
  });
});
