import { createAsyncJob, jobToJson, pollTimeoutError } from '@asyncjob/core';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './open-sqlite-store';
import { outcomeToText, rowToStoredJob } from './stored-job-row';
import { T0, tempDir, trackedState } from './test-helpers';

const PATH = '/data/jobs.db';

function row(overrides: Record<string, unknown> = {}) {
  return {
    ref: 'revor:a',
    state: JSON.stringify(trackedState('revor:a')),
    updated_at: T0,
    outcome: null,
    settled_at: null,
    handled_at: null,
    ...overrides,
  };
}

describe('rowToStoredJob', () => {
  it('reads a well-formed row', () => {
    expect(rowToStoredJob(PATH, row())._unsafeUnwrap()).toEqual({
      state: trackedState('revor:a'),
      updatedAt: T0,
      outcome: null,
      settledAt: null,
      handledAt: null,
    });
  });

  it.each([
    ['state that is not JSON', { state: '{"ref":' }, 'state: not valid JSON'],
    ['state of the wrong shape', { state: JSON.stringify({ ref: 'revor:a' }) }, 'state.operation'],
    ['state of another ref', { state: JSON.stringify(trackedState('revor:b')) }, 'state.ref'],
    [
      'an unknown status',
      { state: JSON.stringify({ ...trackedState('revor:a'), status: 'done' }) },
      'state.status',
    ],
    ['a column of the wrong type', { updated_at: 'yesterday' }, 'row.updated_at'],
    ['an outcome of no known type', { outcome: '{"type":"maybe"}', settled_at: T0 }, 'outcome.type'],
    [
      'a job outcome that is not a job',
      { outcome: '{"type":"job","job":{"id":1}}', settled_at: T0 },
      'outcome.job',
    ],
    [
      'an error outcome of an unknown kind',
      {
        outcome: '{"type":"error","error":{"kind":"oops","provider":null,"message":"x","retryable":false}}',
        settled_at: T0,
      },
      'outcome.error.kind',
    ],
  ])('answers invalid_response naming the file and the ref for %s', (_name, overrides, where) => {
    const error = rowToStoredJob(PATH, row(overrides))._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, field: 'store' });
    expect(error.message).toContain(PATH);
    expect(error.message).toContain('revor:a');
    expect(error.message).toContain(where);
  });

  it('names an unknown ref when the row has none', () => {
    const error = rowToStoredJob(PATH, { state: '{}' })._unsafeUnwrapErr();
    expect(error.message).toContain('(unknown ref)');
  });

  it('writes a poll timeout with its last job as JSON and reads it back as a job with dates', () => {
    const lastJob = createAsyncJob({
      provider: 'oration',
      id: 'o1',
      status: 'queued',
      rawStatus: 'created',
      createdAt: new Date(T0),
    });
    const text = outcomeToText({ type: 'error', error: pollTimeoutError('oration', lastJob) });
    expect(JSON.parse(text).error.lastJob).toEqual(jobToJson(lastJob, { raw: true }));
    const read = rowToStoredJob(PATH, row({ outcome: text, settled_at: T0 }))._unsafeUnwrap();
    expect(read.outcome).toEqual({ type: 'error', error: pollTimeoutError('oration', lastJob) });
  });
});

describe('a malformed row in a store file', () => {
  let temp: ReturnType<typeof tempDir>;

  beforeEach(() => {
    temp = tempDir();
  });

  afterEach(() => {
    temp.cleanup();
  });

  it('makes list and listUnsettled answer invalid_response naming the file and the ref, never throw', async () => {
    const path = temp.file();
    const store = openSqliteStore(path)._unsafeUnwrap();
    await store.put(trackedState('revor:good'));
    await store.put(trackedState('revor:bad'));
    const raw = new Database(path);
    raw.prepare("UPDATE jobs SET state = json_set(state, '$.attempt', -3) WHERE ref = 'revor:bad'").run();
    raw.close();
    for (const result of [await store.list(), await store.listUnsettled(), await store.get('revor:bad')]) {
      const error = result._unsafeUnwrapErr();
      expect(error.kind).toBe('invalid_response');
      expect(error.message).toContain(path);
      expect(error.message).toContain('revor:bad');
    }
    expect((await store.get('revor:good'))._unsafeUnwrap()?.state.ref).toBe('revor:good');
    await store.close();
  });
});
