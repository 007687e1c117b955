import { type AsyncJob, waitForJob } from '@asyncjob/core';
import { createFakeClock, loadFixture } from '@asyncjob/core/test';
import { ok } from 'neverthrow';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OutxResult } from './convert-outx-job';
import { createOutx } from './outx-client';
import type { OutxSettings } from './outx-settings';

const API_KEY = 'outx_test_KEY_4f9a2c7e81d3';
const ORIGIN = 'https://api.outx.ai';
const TASK_ID = '550e8400-e29b-41d4-a716-446655440000';
const completed = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/outx-get-task-status-completed.json',
);
const pending = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/outx-get-task-status-pending.json',
);
const created = loadFixture<Record<string, unknown>>(
  import.meta.url,
  '__fixtures__/outx-fetch-profile-created.json',
);

/** Keeps a copy of every request the client sends, then lets nock answer it. */
function recorder() {
  const requests: Request[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    requests.push(input instanceof Request ? input.clone() : new Request(input, init));
    return globalThis.fetch(input, init);
  };
  return { requests, fetch };
}

async function describeRequest(request: Request | undefined) {
  if (!request) throw new Error('no request was sent');
  const headers = Object.fromEntries([...request.headers].filter(([name]) => name !== 'x-api-key'));
  const text = await request.text();
  return { method: request.method, url: request.url, headers, body: text ? JSON.parse(text) : undefined };
}

function setup(settings: OutxSettings = {}) {
  const recorded = recorder();
  const client = createOutx({
    apiKey: API_KEY,
    fetch: recorded.fetch,
    createRetry: { limit: 0 },
    ...settings,
  });
  return { client, requests: recorded.requests };
}

const statusPath = '/linkedin-agent/get-task-status';
const noDates = {
  createdAt: null,
  updatedAt: null,
  scheduledAt: null,
  startedAt: null,
  finishedAt: null,
  nextAttemptAt: null,
  attempts: null,
} as const;

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.unstubAllEnvs();
});
afterAll(() => nock.enableNetConnect());

describe('get', () => {
  it('reads a completed task into a succeeded job, sending the key as x-api-key', async () => {
    const scope = nock(ORIGIN).get(statusPath).query({ api_agent_task_id: TASK_ID }).reply(200, completed);
    const { client, requests } = setup();
    const expected: AsyncJob<OutxResult> = {
      ref: `outx:${TASK_ID}`,
      provider: 'outx',
      id: TASK_ID,
      status: 'succeeded',
      rawStatus: 'completed',
      terminal: true,
      result: { name: 'Bill Gates', headline: 'Co-chair, Bill & Melinda Gates Foundation' },
      failure: null,
      ...noDates,
      raw: completed,
    };
    expect(await client.get(TASK_ID)).toEqual(ok(expected));
    expect(requests[0]?.headers.get('x-api-key')).toBe(API_KEY);
    expect(await describeRequest(requests[0])).toMatchInlineSnapshot(`
      {
        "body": undefined,
        "headers": {
          "accept": "application/json",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
        },
        "method": "GET",
        "url": "https://api.outx.ai/linkedin-agent/get-task-status?api_agent_task_id=550e8400-e29b-41d4-a716-446655440000",
      }
    `);
    scope.done();
  });

  it('reads a failed action task as Ok with status failed', async () => {
    const failed = loadFixture<Record<string, unknown>>(
      import.meta.url,
      '__fixtures__/outx-get-task-status-send-message-failed.json',
    );
    const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const scope = nock(ORIGIN).get(statusPath).query({ api_agent_task_id: id }).reply(200, failed);
    const job = (await setup().client.get(id))._unsafeUnwrap();
    expect(job).toMatchObject({
      status: 'failed',
      terminal: true,
      failure: { code: 'task_failed', message: 'Recipient is not a 1st-degree connection', retryable: false },
    });
    scope.done();
  });

  it.each([
    ['a/b', 'a%2Fb'],
    ['a?b=c', 'a%3Fb%3Dc'],
    ['a#b', 'a%23b'],
    ['..', '..'],
    ['../../admin', '..%2F..%2Fadmin'],
    ['a b&c', 'a+b%26c'],
  ])('keeps the id %j inside the query string', async (id, encoded) => {
    const scope = nock(ORIGIN).get(statusPath).query({ api_agent_task_id: id }).reply(200, pending);
    const { client, requests } = setup();
    expect((await client.get(id)).isOk()).toBe(true);
    expect(requests[0]?.url).toBe(`${ORIGIN}${statusPath}?api_agent_task_id=${encoded}`);
    scope.done();
  });

  it('refuses a blank id before any request', async () => {
    const { client, requests } = setup();
    expect((await client.get(' '))._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'id',
    });
    expect(requests).toHaveLength(0);
  });

  it('reports the response hints and honours an abort', async () => {
    const scope = nock(ORIGIN).get(statusPath).query(true).reply(200, pending, { 'x-request-id': 'req_1' });
    const { client } = setup();
    const onResponse = vi.fn();
    await client.get(TASK_ID, { onResponse });
    expect(onResponse).toHaveBeenCalledWith(expect.objectContaining({ httpStatus: 200, requestId: 'req_1' }));
    const aborted = await client.get(TASK_ID, { signal: AbortSignal.abort() });
    expect(aborted._unsafeUnwrapErr()).toMatchObject({ kind: 'aborted', provider: 'outx' });
    scope.done();
  });
});

describe('creates', () => {
  const createdJob: AsyncJob<OutxResult> = {
    ref: `outx:${TASK_ID}`,
    provider: 'outx',
    id: TASK_ID,
    status: 'queued',
    rawStatus: 'pending',
    terminal: false,
    result: null,
    failure: null,
    ...noDates,
    raw: created,
  };

  it('fetchProfile posts the slug and returns a queued job', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/fetch-profile').reply(200, created);
    const { client, requests } = setup({ headers: { 'x-team': 'growth', 'X-Api-Key': 'ignored' } });
    expect(await client.fetchProfile({ profileSlug: 'williamhgates' })).toEqual(ok(createdJob));
    expect(requests[0]?.headers.get('x-api-key')).toBe(API_KEY);
    expect(await describeRequest(requests[0])).toMatchInlineSnapshot(`
      {
        "body": {
          "profile_slug": "williamhgates",
        },
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
          "x-team": "growth",
        },
        "method": "POST",
        "url": "https://api.outx.ai/linkedin-agent/fetch-profile",
      }
    `);
    scope.done();
  });

  it('fetchConnections posts the paging fields', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/fetch-connections').reply(201, created);
    const { client, requests } = setup();
    const job = await client.fetchConnections({
      keyword: 'Ada',
      sortType: 'RECENTLY_ADDED',
      start: 40,
      count: 40,
    });
    expect(job).toEqual(ok(createdJob));
    expect(await describeRequest(requests[0])).toMatchInlineSnapshot(`
      {
        "body": {
          "count": 40,
          "keyword": "Ada",
          "sort_type": "RECENTLY_ADDED",
          "start": 40,
        },
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
        },
        "method": "POST",
        "url": "https://api.outx.ai/linkedin-agent/fetch-connections",
      }
    `);
    scope.done();
  });

  it('sendConnectionRequest posts the URN and the trimmed note', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/send-connection-request').reply(200, created);
    const { client, requests } = setup();
    const job = await client.sendConnectionRequest({
      profileUrn: 'urn:li:fsd_profile:ACoAAB',
      note: ' Hello! ',
    });
    expect(job).toEqual(ok(createdJob));
    expect(await describeRequest(requests[0])).toMatchInlineSnapshot(`
      {
        "body": {
          "note": "Hello!",
          "profile_urn": "urn:li:fsd_profile:ACoAAB",
        },
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
        },
        "method": "POST",
        "url": "https://api.outx.ai/linkedin-agent/send-connection-request",
      }
    `);
    scope.done();
  });

  it('sendMessage posts the recipient and the text', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/send-message').reply(200, created);
    const { client, requests } = setup();
    const job = await client.sendMessage({
      recipientUrn: 'urn:li:person:ACoAAB',
      message: 'Thanks for connecting!',
    });
    expect(job).toEqual(ok(createdJob));
    expect(await describeRequest(requests[0])).toMatchInlineSnapshot(`
      {
        "body": {
          "message": "Thanks for connecting!",
          "recipient_urn": "urn:li:person:ACoAAB",
        },
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
        },
        "method": "POST",
        "url": "https://api.outx.ai/linkedin-agent/send-message",
      }
    `);
    scope.done();
  });

  it('likePost posts the social URN', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/like-post').reply(200, created);
    const { client, requests } = setup();
    expect(await client.likePost({ socialUrn: 'urn:li:activity:7123' })).toEqual(ok(createdJob));
    expect(await describeRequest(requests[0])).toMatchInlineSnapshot(`
      {
        "body": {
          "social_urn": "urn:li:activity:7123",
        },
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
        },
        "method": "POST",
        "url": "https://api.outx.ai/linkedin-agent/like-post",
      }
    `);
    scope.done();
  });

  it('searchProfiles posts the filters in snake_case', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/search-profiles').reply(200, created);
    const { client, requests } = setup();
    const job = await client.searchProfiles({
      title: 'CTO',
      firstName: 'Ada',
      geoUrn: ['urn:li:geo:103644278'],
    });
    expect(job).toEqual(ok(createdJob));
    expect(await describeRequest(requests[0])).toMatchInlineSnapshot(`
      {
        "body": {
          "first_name": "Ada",
          "geo_urn": [
            "urn:li:geo:103644278",
          ],
          "title": "CTO",
        },
        "headers": {
          "accept": "application/json",
          "content-type": "application/json",
          "user-agent": "asyncjob/0.1 (+https://www.npmjs.com/package/@asyncjob/core)",
        },
        "method": "POST",
        "url": "https://api.outx.ai/linkedin-agent/search-profiles",
      }
    `);
    scope.done();
  });

  it('refuses a note over 300 characters without sending anything', async () => {
    const { client, requests } = setup();
    const result = await client.sendConnectionRequest({ profileUrn: 'ACo', note: 'n'.repeat(301) });
    expect(result._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'note',
      provider: 'outx',
    });
    expect(requests).toHaveLength(0);
  });

  it('sends a create once: a 503 is returned as is, even with retries configured', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/send-message').reply(503, 'Service Unavailable');
    const { client, requests } = setup({ createRetry: { limit: 3, delayMs: 1 } });
    const result = await client.sendMessage({ recipientUrn: 'urn:li:person:1', message: 'Hi' });
    expect(result._unsafeUnwrapErr()).toMatchObject({
      kind: 'server_error',
      httpStatus: 503,
      retryable: true,
    });
    expect(requests).toHaveLength(1);
    scope.done();
  });

  it('ignores idempotencyKey: OutX has no such header', async () => {
    const scope = nock(ORIGIN).post('/linkedin-agent/like-post').reply(200, created);
    const { client, requests } = setup();
    await client.likePost({ socialUrn: 'urn:li:activity:1' }, { idempotencyKey: 'key-1' });
    expect(requests[0]?.headers.get('idempotency-key')).toBeNull();
    scope.done();
  });
});

describe('submit', () => {
  it('validates untyped input and dispatches to the operation', async () => {
    const scope = nock(ORIGIN)
      .post('/linkedin-agent/fetch-profile', { profile_slug: 'williamhgates' })
      .reply(200, created);
    const { client } = setup();
    expect((await client.submit('fetch-profile', { profileSlug: 'williamhgates' }))._unsafeUnwrap().id).toBe(
      TASK_ID,
    );
    scope.done();
  });

  it('names the bad field and the unknown operation without sending anything', async () => {
    const { client, requests } = setup();
    const badInput = await client.submit('send-message', { recipientUrn: 'urn:li:person:1' });
    expect(badInput._unsafeUnwrapErr()).toEqual({
      kind: 'invalid_request',
      provider: 'outx',
      message: 'outx send-message: message is required.',
      field: 'message',
      retryable: false,
    });
    const unknown = await client.submit('comment-post', {});
    expect(unknown._unsafeUnwrapErr()).toMatchObject({ kind: 'invalid_request', field: 'operation' });
    expect(requests).toHaveLength(0);
  });

  it('exposes its operations, polling advice and ref check', () => {
    const { client } = setup();
    expect(client.provider).toBe('outx');
    expect(client.operations).toEqual([
      'fetch-profile',
      'fetch-connections',
      'send-connection-request',
      'send-message',
      'like-post',
      'search-profiles',
    ]);
    expect(client.pollingAdvice).toEqual({ defaultDelayMs: 5000, minDelayMs: 2000, maxDelayMs: 60000 });
    expect(client.parseId(TASK_ID)).toEqual(ok(TASK_ID));
    expect(client.parseId('')._unsafeUnwrapErr()).toMatchObject({ kind: 'config', field: 'ref' });
  });
});

describe('waitForJob with the OutX client', () => {
  it('polls pending → completed on the vendor advice and ends with the succeeded job', async () => {
    const scope = nock(ORIGIN)
      .get(statusPath)
      .query({ api_agent_task_id: TASK_ID })
      .times(2)
      .reply(200, pending)
      .get(statusPath)
      .query({ api_agent_task_id: TASK_ID })
      .reply(200, completed);
    const { client } = setup();
    const clock = createFakeClock();
    const statuses: string[] = [];
    const result = await waitForJob(client, TASK_ID, {
      now: clock.now,
      delay: clock.delay,
      random: () => 0.5,
      timeoutMs: 150_000,
      onStatusChange: (job) => statuses.push(job.status),
    });
    expect(result._unsafeUnwrap()).toMatchObject({ status: 'succeeded', result: { name: 'Bill Gates' } });
    // OutX has no running state: pending covers waiting and executing alike.
    expect(statuses).toEqual(['queued', 'succeeded']);
    // Full jitter (random 0.5) between the 2 s floor and a ceiling of 5 s, then 8 s (5 s × 1.6).
    expect(clock.delay.calls).toEqual([3500, 5000]);
    scope.done();
  });

  it('keeps polling through a status word it does not know', async () => {
    const processing = {
      success: true,
      data: { ...(pending as { data: object }).data, status: 'processing' },
    };
    const scope = nock(ORIGIN)
      .get(statusPath)
      .query(true)
      .reply(200, pending)
      .get(statusPath)
      .query(true)
      .reply(200, processing)
      .get(statusPath)
      .query(true)
      .reply(200, completed);
    const { client } = setup();
    const clock = createFakeClock();
    const statuses: string[] = [];
    const unknownWords: string[] = [];
    const result = await waitForJob(client, TASK_ID, {
      now: clock.now,
      delay: clock.delay,
      onStatusChange: (job) => statuses.push(job.status),
      onUnknownStatus: (job) => unknownWords.push(job.rawStatus),
    });
    expect(result.isOk()).toBe(true);
    expect(statuses).toEqual(['queued', 'unknown', 'succeeded']);
    expect(unknownWords).toEqual(['processing']);
    scope.done();
  });
});
