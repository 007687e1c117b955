import { readdirSync } from 'node:fs';
import { loadFixture } from '@asyncjob/core/test';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  revkeenApprovalListResponseSchema,
  revkeenCreateRunResponseSchema,
  revkeenRunListResponseSchema,
  revkeenRunResponseSchema,
} from './revkeen-api';
import { createRevkeen } from './revkeen-client';

const fixture = (name: string) =>
  loadFixture<Record<string, unknown>>(import.meta.url, `__fixtures__/${name}`);
const fixtures = readdirSync(new URL('__fixtures__/', import.meta.url));
const successSchemas = [
  ['revkeen-run-get-', revkeenRunResponseSchema],
  ['revkeen-run-create-', revkeenCreateRunResponseSchema],
  ['revkeen-runs-list-', revkeenRunListResponseSchema],
  ['revkeen-approvals-list-', revkeenApprovalListResponseSchema],
] as const;

describe('wire schemas', () => {
  it.each(fixtures.filter((name) => successSchemas.some(([prefix]) => name.startsWith(prefix))))(
    'accept the fixture %s',
    (name) => {
      const schema = successSchemas.find(([prefix]) => name.startsWith(prefix))?.[1];
      expect(schema?.safeParse(fixture(name)).success).toBe(true);
    },
  );

  it('keep fields they do not declare (for raw) and never fail on them', () => {
    const parsed = revkeenRunResponseSchema.parse({
      data: { id: 'r1', status: 'running', brand_new: { nested: true }, steps: [{ id: 's1', extra: 1 }] },
      meta: 'x',
    });
    expect(parsed.data).toMatchObject({ brand_new: { nested: true }, steps: [{ id: 's1', extra: 1 }] });
  });

  it('accept a run with only its id and status', () => {
    expect(revkeenRunResponseSchema.safeParse({ data: { id: 'r1', status: 'queued' } }).success).toBe(true);
  });

  it.each([
    ['no id', { data: { status: 'queued' } }, 'data.id'],
    ['an empty id', { data: { id: '', status: 'queued' } }, 'data.id'],
    ['no status', { data: { id: 'r1' } }, 'data.status'],
    ['a numeric status', { data: { id: 'r1', status: 3 } }, 'data.status'],
    ['no data', { id: 'r1', status: 'queued' }, 'data'],
    ['steps that are not a list', { data: { id: 'r1', status: 'queued', steps: {} } }, 'data.steps'],
  ])('reject a run with %s', (_case, body, path) => {
    const parsed = revkeenRunResponseSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('accept a create answer without a status, but not without an id', () => {
    expect(revkeenCreateRunResponseSchema.safeParse({ data: { id: 'r1' } }).success).toBe(true);
    expect(revkeenCreateRunResponseSchema.safeParse({ data: { status: 'queued' } }).success).toBe(false);
  });

  it('drop a pagination block of an unexpected shape instead of failing the list', () => {
    const parsed = revkeenRunListResponseSchema.parse({
      data: [],
      pagination: { hasMore: 'yes', total: '3' },
    });
    expect(parsed.pagination).toMatchObject({ hasMore: undefined, total: undefined });
    expect(revkeenRunListResponseSchema.parse({ data: [], pagination: 'cursor' }).pagination).toBeUndefined();
  });
});

describe('drift, through the client', () => {
  const BASE = 'https://api.revkeen.com/v2';
  const revkeen = () => createRevkeen({ apiKey: 'rk_live_drift', createRetry: { limit: 0 } });
  const route = () => nock(BASE).get('/automations/a1/runs/r1');

  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });

  it('ignores extra fields and keeps them in raw', async () => {
    const scope = route().reply(200, {
      data: { id: 'r1', status: 'running', shiny_new: [1] },
      meta: { v: 2 },
    });
    const job = (await revkeen().get('a1/r1'))._unsafeUnwrap();
    expect(job).toMatchObject({ status: 'running', raw: { shiny_new: [1] } });
    scope.done();
  });

  it('accepts a run without its optional fields', async () => {
    const scope = route().reply(200, { data: { id: 'r1', status: 'succeeded' } });
    const job = (await revkeen().get('a1/r1'))._unsafeUnwrap();
    expect(job).toMatchObject({ status: 'succeeded', createdAt: null, finishedAt: null });
    expect(job.result).toEqual({
      summary: null,
      automationName: null,
      triggerSource: null,
      steps: [],
      approvals: [],
    });
    scope.done();
  });

  it('maps an unknown status to unknown and keeps the word', async () => {
    const scope = route().reply(200, { data: { id: 'r1', status: 'hibernating' } });
    expect((await revkeen().get('a1/r1'))._unsafeUnwrap()).toMatchObject({
      status: 'unknown',
      rawStatus: 'hibernating',
      terminal: false,
    });
    scope.done();
  });

  it('reports a missing required field as invalid_response (not retryable), with the issue', async () => {
    const scope = route().reply(200, { data: { id: 'r1' } });
    expect((await revkeen().get('a1/r1'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_response',
      retryable: false,
      issues: [{ path: 'data.status' }],
    });
    scope.done();
  });

  it('reports an HTML 502 as server_error', async () => {
    const scope = route().reply(502, '<html><body>Bad Gateway</body></html>', {
      'content-type': 'text/html',
    });
    expect((await revkeen().get('a1/r1'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'server_error',
      retryable: true,
      httpStatus: 502,
    });
    scope.done();
  });

  it('reports a 200 that is not JSON as a retryable invalid_response', async () => {
    const scope = route().reply(200, '{"data": {"id": "r1", "sta', { 'content-type': 'application/json' });
    expect((await revkeen().get('a1/r1'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_response',
      retryable: true,
    });
    scope.done();
  });

  it('reports a create answered with an empty body (documented, unexplained) as a retryable invalid_response', async () => {
    const scope = nock(BASE).post('/automations/a1/runs').reply(202, '');
    expect((await revkeen().runAutomation('a1'))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_response',
      retryable: true,
    });
    scope.done();
  });
});
