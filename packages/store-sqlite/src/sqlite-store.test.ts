import {
  asyncJobError,
  createAsyncJob,
  jobToJson,
  pollTimeoutError,
  type StoredOutcome,
} from '@asyncjob/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store';
import type { SqliteStore } from './sqlite-store';
import { T0, tempDir, trackedState } from './test-helpers';

const succeededJob = createAsyncJob({
  provider: 'revor',
  id: 'j1',
  status: 'succeeded',
  rawStatus: 'succeeded',
  result: { messageId: 'm-1' },
  createdAt: new Date(T0),
  finishedAt: new Date(T0 + 5000),
  attempts: 1,
  raw: { id: 'j1', status: 'succeeded' },
});
const jobOutcome: StoredOutcome = { type: 'job', job: jobToJson(succeededJob, { raw: true }) };

describe('SqliteStore', () => {
  let temp: ReturnType<typeof tempDir>;
  let store: SqliteStore;
  let now: number;

  beforeEach(() => {
    temp = tempDir();
    now = T0;
    store = openSqliteStore(temp.file(), { now: () => now })._unsafeUnwrap();
  });

  afterEach(async () => {
    await store.close();
    temp.cleanup();
  });

  it('put records a job once; a second put of the same ref keeps the first', async () => {
    expect((await store.put(trackedState('revor:j1', { operation: 'dispatch' }))).isOk()).toBe(true);
    now = T0 + 10;
    await store.put(
      trackedState('revor:j1', { operation: 'other', status: 'running', rawStatus: 'running' }),
    );
    const jobs = (await store.list())._unsafeUnwrap();
    expect(jobs).toEqual([
      {
        state: trackedState('revor:j1', { operation: 'dispatch' }),
        updatedAt: T0,
        outcome: null,
        settledAt: null,
        handledAt: null,
      },
    ]);
  });

  it('update replaces the state of an unsettled job and ignores unknown or settled ones', async () => {
    await store.put(trackedState('revor:j1'));
    await store.put(trackedState('revor:j2'));
    now = T0 + 100;
    const running = trackedState('revor:j1', { status: 'running', rawStatus: 'running', dueAt: T0 + 2000 });
    expect((await store.update(running)).isOk()).toBe(true);
    expect((await store.update(trackedState('revor:missing'))).isOk()).toBe(true);
    await store.markSettled('revor:j2', jobOutcome, T0 + 200);
    now = T0 + 300;
    await store.update(trackedState('revor:j2', { status: 'running', rawStatus: 'running' }));
    const jobs = (await store.list())._unsafeUnwrap();
    expect(jobs.map((job) => [job.state.ref, job.state.status, job.updatedAt])).toEqual([
      ['revor:j1', 'running', T0 + 100],
      ['revor:j2', null, T0 + 200],
    ]);
  });

  it('markSettled is true the first time only, and false for a ref it never recorded', async () => {
    await store.put(trackedState('revor:j1'));
    expect((await store.markSettled('revor:j1', jobOutcome, T0 + 5000))._unsafeUnwrap()).toBe(true);
    const second: StoredOutcome = { type: 'error', error: asyncJobError('not_found', 'gone') };
    expect((await store.markSettled('revor:j1', second, T0 + 6000))._unsafeUnwrap()).toBe(false);
    expect((await store.markSettled('revor:nope', jobOutcome, T0))._unsafeUnwrap()).toBe(false);
    const stored = (await store.get('revor:j1'))._unsafeUnwrap();
    expect(stored).toEqual({
      state: trackedState('revor:j1'),
      updatedAt: T0 + 5000,
      outcome: jobOutcome,
      settledAt: T0 + 5000,
      handledAt: null,
    });
    expect((await store.get('revor:nope'))._unsafeUnwrap()).toBeNull();
  });

  it('remove forgets a job, settled or not', async () => {
    await store.put(trackedState('revor:j1'));
    await store.put(trackedState('revor:j2'));
    await store.markSettled('revor:j2', jobOutcome, T0 + 10);
    await store.remove('revor:j1');
    await store.remove('revor:j2');
    await store.remove('revor:missing');
    expect((await store.list())._unsafeUnwrap()).toEqual([]);
  });

  it('markHandled marks a settled job once, and listUnhandled lists the settled jobs not yet handled', async () => {
    await store.put(trackedState('revor:j1'));
    await store.put(trackedState('revor:j2'));
    await store.put(trackedState('revor:j3'));
    await store.markSettled('revor:j1', jobOutcome, T0 + 10);
    await store.markSettled('revor:j2', jobOutcome, T0 + 20);
    await store.markHandled('revor:j1', T0 + 30);
    await store.markHandled('revor:j1', T0 + 40);
    await store.markHandled('revor:j3', T0 + 50);
    expect((await store.listUnhandled())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:j2']);
    expect((await store.get('revor:j1'))._unsafeUnwrap()?.handledAt).toBe(T0 + 30);
    expect((await store.get('revor:j3'))._unsafeUnwrap()?.handledAt).toBeNull();
  });

  it('keeps error outcomes, including a poll timeout with its last job as a real AsyncJob', async () => {
    const lastJob = createAsyncJob({
      provider: 'outx',
      id: 't1',
      status: 'running',
      rawStatus: 'pending',
      createdAt: new Date(T0),
    });
    const timeout: StoredOutcome = { type: 'error', error: pollTimeoutError('outx', lastJob) };
    const refused: StoredOutcome = {
      type: 'error',
      error: asyncJobError('unauthorized', 'The key was revoked.', {
        provider: 'revor',
        httpStatus: 401,
        code: 'api_key_revoked',
        cause: { name: 'HTTPError', message: 'Request failed with status code 401' },
      }),
    };
    await store.put(trackedState('outx:t1'));
    await store.put(trackedState('revor:j2'));
    await store.markSettled('outx:t1', timeout, T0 + 1);
    await store.markSettled('revor:j2', refused, T0 + 2);
    const jobs = (await store.list())._unsafeUnwrap();
    expect(jobs.map((job) => job.outcome)).toEqual([
      { type: 'error', error: { ...pollTimeoutError('outx', lastJob), lastJob: { ...lastJob, raw: null } } },
      refused,
    ]);
    const read = jobs[0]?.outcome;
    expect(
      read?.type === 'error' && read.error.kind === 'poll_timeout' && read.error.lastJob?.createdAt,
    ).toEqual(new Date(T0));
  });

  it('lists every job, or the unsettled ones, oldest first', async () => {
    for (const id of ['c', 'a', 'b', 'd']) await store.put(trackedState(`revor:${id}`));
    await store.markSettled('revor:a', jobOutcome, T0 + 1);
    const all = (await store.list())._unsafeUnwrap().map((job) => job.state.ref);
    const unsettled = (await store.listUnsettled())._unsafeUnwrap().map((job) => job.state.ref);
    expect(all).toEqual(['revor:c', 'revor:a', 'revor:b', 'revor:d']);
    expect(unsettled).toEqual(['revor:c', 'revor:b', 'revor:d']);
  });

  it('prune deletes settled jobs settled before the cut-off and returns how many', async () => {
    for (const id of ['a', 'b', 'c', 'd']) await store.put(trackedState(`revor:${id}`));
    await store.markSettled('revor:a', jobOutcome, T0 + 100);
    await store.markSettled('revor:b', jobOutcome, T0 + 200);
    await store.markSettled('revor:c', jobOutcome, T0 + 300);
    expect((await store.prune(T0 + 300))._unsafeUnwrap()).toBe(2);
    expect((await store.prune(T0 + 300))._unsafeUnwrap()).toBe(0);
    expect((await store.list())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:c', 'revor:d']);
    // A pruned ref may be recorded again, as a new job.
    await store.put(trackedState('revor:a'));
    expect((await store.listUnsettled())._unsafeUnwrap().map((job) => job.state.ref)).toEqual([
      'revor:d',
      'revor:a',
    ]);
  });

  it('keeps everything across close and reopen', async () => {
    await store.put(trackedState('revor:a'));
    await store.put(trackedState('revor:b', { status: 'queued', rawStatus: 'queued' }));
    await store.markSettled('revor:a', jobOutcome, T0 + 1);
    const before = (await store.list())._unsafeUnwrap();
    await store.close();
    store = openSqliteStore(temp.file())._unsafeUnwrap();
    expect((await store.list())._unsafeUnwrap()).toEqual(before);
    expect((await store.listUnsettled())._unsafeUnwrap().map((job) => job.state.ref)).toEqual(['revor:b']);
  });

  it('answers a config error naming the file after close, and closes twice without harm', async () => {
    expect((await store.close()).isOk()).toBe(true);
    expect((await store.close()).isOk()).toBe(true);
    expect(store.open).toBe(false);
    const error = (await store.put(trackedState('revor:a')))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'config', field: 'store', retryable: false });
    expect(error.message).toContain(temp.file());
    expect(error.message).toContain('closed');
  });

  it('refuses data it cannot store as JSON with an error, not a throw', async () => {
    await store.put(trackedState('revor:a'));
    const job = { ...jobOutcome.job, raw: { big: 10n } };
    const result = await store.markSettled('revor:a', { type: 'job', job } as StoredOutcome, T0);
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_request', field: 'store' });
    expect((await store.listUnsettled())._unsafeUnwrap()).toHaveLength(1);
  });

  it('settles a job exactly once across two stores open on one file', async () => {
    const other = openSqliteStore(temp.file())._unsafeUnwrap();
    const refs = Array.from({ length: 50 }, (_, index) => `revor:job-${index}`);
    for (const ref of refs) await store.put(trackedState(ref));
    const wins = { first: 0, second: 0 };
    for (const [index, ref] of refs.entries()) {
      // Alternate which store tries first, so each wins some.
      const [a, b] = index % 2 === 0 ? [store, other] : [other, store];
      const first = (await a.markSettled(ref, jobOutcome, T0 + index))._unsafeUnwrap();
      const second = (await b.markSettled(ref, jobOutcome, T0 + index))._unsafeUnwrap();
      expect([first, second]).toEqual([true, false]);
      if (a === store) wins.first += 1;
      else wins.second += 1;
    }
    expect(wins).toEqual({ first: 25, second: 25 });
    expect((await other.listUnsettled())._unsafeUnwrap()).toEqual([]);
    await other.close();
  });
});
