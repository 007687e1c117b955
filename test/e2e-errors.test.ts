import { type AsyncJobError, createJobClient } from '@asyncjob/core';
import { createOration } from '@asyncjob/oration';
import { createOutx } from '@asyncjob/outx';
import { createRevkeen } from '@asyncjob/revkeen';
import { createRevor } from '@asyncjob/revor';
import type { RunningSimulator, SimulatedVendor } from '@asyncjob/simulator';
import { describe, expect, it } from 'vitest';
import {
  allKeys,
  expectNoSecret,
  factories,
  simulatorConfig,
  unwrap,
  unwrapErr,
  useSimulator,
} from './e2e/harness';

// Keys that are easy to spot in any output: none may ever appear in an error.
const WRONG_KEYS = {
  revor: 'sk-revor-e2e-WRONG-KEY-7f3a91',
  outx: 'outx-e2e-WRONG-KEY-7f3a91',
  oration: 'oration-e2e-WRONG-KEY-7f3a91',
  revkeen: 'rk_sandbox_e2e_WRONG_KEY_7f3a91',
} as const;

/** A fetch that drops the named headers, as a misconfigured proxy would: the vendor then sees no key at all. */
function fetchWithout(...headerNames: string[]): typeof globalThis.fetch {
  return (input, init) => {
    const request = new Request(input, init);
    for (const name of headerNames) request.headers.delete(name);
    return globalThis.fetch(request);
  };
}

/** Asserts the parts of an error a caller branches on, and that no key leaks through any field of it. */
function expectError(
  error: AsyncJobError,
  expected: Pick<AsyncJobError, 'kind' | 'provider'> & Partial<AsyncJobError>,
  simulator: RunningSimulator,
): void {
  expect(error).toMatchObject(expected);
  expectNoSecret(error, [...allKeys(simulator), ...Object.values(WRONG_KEYS)]);
  // A plain object: it survives a JSON round trip unchanged.
  expect(JSON.parse(JSON.stringify(error))).toEqual(error);
}

const revorDispatch = {
  channel: 'email',
  accountId: 'connect_account_k1_email',
  recipient: { address: 'grace@example.com' },
  content: { subject: 'Hello', text: 'Hello Grace' },
} as const;

describe('Revor errors', () => {
  it('answers a wrong, a missing and a revoked key with unauthorized and the vendor code', async () => {
    const simulator = await useSimulator({ seed: 301 });
    const { baseUrls, keys } = simulator;
    const wrong = createRevor({ apiKey: WRONG_KEYS.revor, baseUrl: baseUrls.revor });
    const stripped = createRevor({
      apiKey: keys.revor[0],
      baseUrl: baseUrls.revor,
      fetch: fetchWithout('authorization'),
    });
    const revoked = createRevor({ apiKey: keys.revor[1], baseUrl: baseUrls.revor, authScheme: 'x-api-key' });
    simulator.control.revokeKey('revor', keys.revor[1] as string);

    const unauthorized = {
      kind: 'unauthorized',
      provider: 'revor',
      httpStatus: 401,
      retryable: false,
    } as const;
    expectError(
      unwrapErr(await wrong.get('job_1')),
      { ...unauthorized, code: 'api_key_invalid', requestId: expect.any(String) },
      simulator,
    );
    expectError(
      unwrapErr(await stripped.listAccounts()),
      { ...unauthorized, code: 'api_key_missing' },
      simulator,
    );
    expectError(
      unwrapErr(await revoked.dispatch(revorDispatch)),
      { ...unauthorized, code: 'api_key_revoked' },
      simulator,
    );
    expect(simulator.stats().jobsCreated).toBe(0);
  });

  it('refuses a missing key in config before any request', async () => {
    const simulator = await useSimulator({ seed: 302 });
    const built = createJobClient(
      { provider: 'revor', apiKey: '', baseUrl: simulator.baseUrls.revor },
      factories,
    );
    expect(unwrapErr(built)).toMatchObject({ kind: 'config', field: 'revor.apiKey', retryable: false });
    expect(simulator.stats().requests).toBe(0);
  });

  it("reports another account's task as not found, as Revor documents", async () => {
    const simulator = await useSimulator({ seed: 303 });
    const { baseUrls, keys } = simulator;
    const owner = createRevor({ apiKey: keys.revor[0], baseUrl: baseUrls.revor });
    const other = createRevor({ apiKey: keys.revor[1], baseUrl: baseUrls.revor });
    const created = unwrap(await owner.dispatch(revorDispatch));
    expect(unwrap(await owner.get(created.id)).id).toBe(created.id);
    // The v1 job page lists 404 task_not_found for a task the key cannot see (the v2 skill material names
    // external_api_job_not_found instead; the adapter maps both to not_found).
    const expected = {
      kind: 'not_found',
      provider: 'revor',
      httpStatus: 404,
      code: 'task_not_found',
      retryable: false,
    } as const;
    expectError(unwrapErr(await other.get(created.id)), expected, simulator);
    expectError(unwrapErr(await owner.get('00000000-0000-4000-8000-000000000000')), expected, simulator);
  });

  it('answers bad input with invalid_request: the vendor 400 for a filter, a local check for a dispatch', async () => {
    const simulator = await useSimulator({ seed: 304 });
    const revor = createRevor({ apiKey: simulator.keys.revor[0], baseUrl: simulator.baseUrls.revor });
    expectError(
      unwrapErr(await revor.listAccounts({ channel: 'fax' })),
      {
        kind: 'invalid_request',
        provider: 'revor',
        httpStatus: 400,
        code: 'invalid_channel',
        retryable: false,
      },
      simulator,
    );
    const before = simulator.stats().requests;
    const local = unwrapErr(
      await revor.dispatch({ ...revorDispatch, recipient: { address: 'not an address' } } as never),
    );
    expectError(local, { kind: 'invalid_request', provider: 'revor', field: 'recipient.address' }, simulator);
    expect(local.httpStatus).toBeUndefined();
    expect(simulator.stats().requests).toBe(before);
  });

  it('replays a create sent again with the same key and body, and answers another body with conflict', async () => {
    const simulator = await useSimulator({ seed: 305 });
    const revor = createRevor({ apiKey: simulator.keys.revor[0], baseUrl: simulator.baseUrls.revor });
    const idempotencyKey = 'campaign-7/grace';
    const first = unwrap(await revor.dispatch(revorDispatch, { idempotencyKey }));
    const again = unwrap(await revor.dispatch(revorDispatch, { idempotencyKey }));
    expect(again.id).toBe(first.id);
    const conflict = unwrapErr(
      await revor.dispatch(
        { ...revorDispatch, content: { subject: 'Hello', text: 'Another text' } },
        { idempotencyKey },
      ),
    );
    expectError(
      conflict,
      {
        kind: 'conflict',
        provider: 'revor',
        httpStatus: 409,
        code: 'idempotency_conflict',
        retryable: false,
      },
      simulator,
    );
    expect(simulator.control.jobs('revor')).toHaveLength(1);
  });

  it('answers an unknown account with not_found and an account of another channel with conflict', async () => {
    const simulator = await useSimulator({ seed: 307 });
    const revor = createRevor({ apiKey: simulator.keys.revor[0], baseUrl: simulator.baseUrls.revor });
    expectError(
      unwrapErr(await revor.dispatch({ ...revorDispatch, accountId: 'connect_account_unknown' })),
      { kind: 'not_found', provider: 'revor', httpStatus: 404, code: 'account_not_found', retryable: false },
      simulator,
    );
    expectError(
      unwrapErr(await revor.dispatch({ ...revorDispatch, accountId: 'connect_account_k1_whatsapp' })),
      {
        kind: 'conflict',
        provider: 'revor',
        httpStatus: 409,
        code: 'account_channel_mismatch',
        retryable: false,
      },
      simulator,
    );
    expect(simulator.stats().jobsCreated).toBe(0);
  });

  it('answers a create while the worker queue is down with 503 task_unavailable, after retrying it', async () => {
    const simulator = await useSimulator({
      seed: 308,
      faults: { revor: { serverErrorRate: 1, htmlErrorShare: 0 } },
    });
    const revor = createRevor({
      apiKey: simulator.keys.revor[0],
      baseUrl: simulator.baseUrls.revor,
      createRetry: { limit: 2, delayMs: 10 },
    });
    expectError(
      unwrapErr(await revor.dispatch(revorDispatch)),
      { kind: 'server_error', provider: 'revor', httpStatus: 503, code: 'task_unavailable', retryable: true },
      simulator,
    );
    expect(simulator.stats().byVendor.revor.byEndpoint['POST /outreach/dispatches']).toBe(3);
    expect(simulator.stats().jobsCreated).toBe(0);
  });

  it('answers a request over the rate limit with rate_limited and the Retry-After wait', async () => {
    const simulator = await useSimulator({
      seed: 306,
      rateLimits: { revor: { limit: 1, windowMs: 60_000 } },
    });
    const revor = createRevor({ apiKey: simulator.keys.revor[0], baseUrl: simulator.baseUrls.revor });
    unwrap(await revor.listAccounts());
    expectError(
      unwrapErr(await revor.get('job_1')),
      {
        kind: 'rate_limited',
        provider: 'revor',
        httpStatus: 429,
        code: 'api_rate_limit_exceeded',
        retryAfterMs: 60_000,
        retryable: true,
      },
      simulator,
    );
  });
});

describe('OutX errors', () => {
  function outx(
    simulator: RunningSimulator,
    apiKey = simulator.keys.outx[0],
    fetch?: typeof globalThis.fetch,
  ) {
    return createOutx({ apiKey, baseUrl: simulator.baseUrls.outx, ...(fetch ? { fetch } : {}) });
  }

  it('answers a wrong and a missing key with unauthorized and a derived code', async () => {
    const simulator = await useSimulator({ seed: 311 });
    const unauthorized = {
      kind: 'unauthorized',
      provider: 'outx',
      httpStatus: 401,
      retryable: false,
    } as const;
    expectError(
      unwrapErr(await outx(simulator, WRONG_KEYS.outx).fetchProfile({ profileSlug: 'williamhgates' })),
      { ...unauthorized, code: 'invalid_api_key', message: expect.stringContaining('Invalid API Key') },
      simulator,
    );
    expectError(
      unwrapErr(await outx(simulator, simulator.keys.outx[0], fetchWithout('x-api-key')).get('task-1')),
      { ...unauthorized, code: 'missing_api_key' },
      simulator,
    );
    expect(simulator.stats().jobsCreated).toBe(0);
  });

  it("reports another team's task as not found", async () => {
    const simulator = await useSimulator({ seed: 312 });
    const created = unwrap(await outx(simulator).fetchProfile({ profileSlug: 'williamhgates' }));
    expectError(
      unwrapErr(await outx(simulator, simulator.keys.outx[1]).get(created.id)),
      { kind: 'not_found', provider: 'outx', httpStatus: 404, code: 'task_not_found', retryable: false },
      simulator,
    );
  });

  it('answers bad input with invalid_request: the vendor 400 for a sort order, a local check for a message', async () => {
    const simulator = await useSimulator({ seed: 313 });
    expectError(
      unwrapErr(await outx(simulator).fetchConnections({ sortType: 'OLDEST_FIRST' })),
      {
        kind: 'invalid_request',
        provider: 'outx',
        httpStatus: 400,
        code: 'invalid_input',
        message: expect.stringContaining("'sort_type'"),
      },
      simulator,
    );
    const before = simulator.stats().requests;
    const local = unwrapErr(
      await outx(simulator).sendMessage({ recipientUrn: 'urn:li:person:abc', message: '  ' }),
    );
    expectError(local, { kind: 'invalid_request', provider: 'outx', field: 'message' }, simulator);
    expect(simulator.stats().requests).toBe(before);
  });

  it('answers every call with forbidden and the extension hint while the team extension is inactive', async () => {
    const simulator = await useSimulator({ seed: 314 });
    const [key] = simulator.keys.outx as [string];
    const created = unwrap(await outx(simulator).fetchProfile({ profileSlug: 'williamhgates' }));
    simulator.control.setExtensionActive(key, false);
    const forbidden = {
      kind: 'forbidden',
      provider: 'outx',
      httpStatus: 403,
      code: 'extension_inactive',
      retryable: false,
      message: expect.stringMatching(
        /Plugin installation required.*Install and activate the OutX Chrome extension/s,
      ),
    } as const;
    expectError(unwrapErr(await outx(simulator).get(created.id)), forbidden, simulator);
    expectError(
      unwrapErr(await outx(simulator).likePost({ socialUrn: 'urn:li:activity:1' })),
      forbidden,
      simulator,
    );
    simulator.control.setExtensionActive(key, true);
    expect(unwrap(await outx(simulator).get(created.id)).id).toBe(created.id);
  });

  it('answers a request over the rate limit with rate_limited and the Retry-After wait', async () => {
    const simulator = await useSimulator({ seed: 315, rateLimits: { outx: { limit: 1, windowMs: 30_000 } } });
    unwrap(await outx(simulator).fetchProfile({ profileSlug: 'williamhgates' }));
    expectError(
      unwrapErr(await outx(simulator).get('task-1')),
      {
        kind: 'rate_limited',
        provider: 'outx',
        httpStatus: 429,
        code: 'rate_limit_exceeded',
        retryAfterMs: 30_000,
        retryable: true,
      },
      simulator,
    );
  });
});

describe('Oration errors', () => {
  function oration(
    simulator: RunningSimulator,
    index = 0,
    settings: Parameters<typeof createOration>[0] = {},
  ) {
    const key = simulator.keys.oration[index];
    return createOration({
      apiKey: key?.apiKey,
      workspaceSlug: key?.workspaceSlug,
      baseUrl: simulator.baseUrls.oration,
      ...settings,
    });
  }
  const batch = { customers: [{ identifier: 'crm-1', name: 'Ava Johnson' }], strategy: 'upsert' } as const;

  it('answers a wrong and a missing key with unauthorized and the vendor text', async () => {
    const simulator = await useSimulator({ seed: 321 });
    const unauthorized = {
      kind: 'unauthorized',
      provider: 'oration',
      httpStatus: 401,
      retryable: false,
    } as const;
    expectError(
      unwrapErr(await oration(simulator, 0, { apiKey: WRONG_KEYS.oration }).createCustomerBatch(batch)),
      { ...unauthorized, code: 'Unauthorized', message: expect.stringContaining('Invalid API key') },
      simulator,
    );
    expectError(
      unwrapErr(await oration(simulator, 0, { fetch: fetchWithout('x-api-key') }).get('job-1')),
      { ...unauthorized, message: expect.stringContaining('Missing x-api-key header') },
      simulator,
    );
    expect(simulator.stats().jobsCreated).toBe(0);
  });

  it('answers a key sent with another workspace with forbidden', async () => {
    const simulator = await useSimulator({ seed: 322 });
    const otherSlug = simulator.keys.oration[1]?.workspaceSlug;
    expectError(
      unwrapErr(await oration(simulator, 0, { workspaceSlug: otherSlug }).get('job-1')),
      { kind: 'forbidden', provider: 'oration', httpStatus: 403, retryable: false },
      simulator,
    );
  });

  it("reports another workspace's job as not found", async () => {
    const simulator = await useSimulator({ seed: 323 });
    const created = unwrap(await oration(simulator).createCustomerBatch(batch));
    expectError(
      unwrapErr(await oration(simulator, 1).get(created.id)),
      {
        kind: 'not_found',
        provider: 'oration',
        httpStatus: 404,
        retryable: false,
        message: expect.stringContaining('Job not found'),
      },
      simulator,
    );
  });

  it('answers bad input with invalid_request: the vendor 400 for an oversized batch, a local check otherwise', async () => {
    const simulator = await useSimulator({ seed: 324 });
    const customers = Array.from({ length: 10_001 }, (_, index) => ({ identifier: `c${index}` }));
    expectError(
      unwrapErr(await oration(simulator).createCustomerBatch({ customers })),
      {
        kind: 'invalid_request',
        provider: 'oration',
        httpStatus: 400,
        message: expect.stringContaining('customers must hold at most 10000 items'),
      },
      simulator,
    );
    const before = simulator.stats().requests;
    const local = unwrapErr(
      await oration(simulator).createCustomerBatch({
        customers: [{ identifier: 'c1', phoneNumber: '0155 555' }],
      }),
    );
    expectError(local, { kind: 'invalid_request', provider: 'oration' }, simulator);
    expect(local.message).toContain('phoneNumber');
    expect(simulator.stats().requests).toBe(before);
    expect(simulator.stats().jobsCreated).toBe(0);
  });

  it('answers a request over the rate limit with rate_limited and the Retry-After wait', async () => {
    const simulator = await useSimulator({
      seed: 325,
      rateLimits: { oration: { limit: 1, windowMs: 10_000 } },
    });
    unwrap(await oration(simulator).createCustomerBatch(batch));
    expectError(
      unwrapErr(await oration(simulator).get('job-1')),
      { kind: 'rate_limited', provider: 'oration', httpStatus: 429, retryAfterMs: 10_000, retryable: true },
      simulator,
    );
  });
});

describe('RevKeen errors', () => {
  function revkeen(
    simulator: RunningSimulator,
    apiKey = simulator.keys.revkeen[0],
    fetch?: typeof globalThis.fetch,
  ) {
    return createRevkeen({ apiKey, baseUrl: simulator.baseUrls.revkeen, ...(fetch ? { fetch } : {}) });
  }
  const automationId = (simulator: RunningSimulator) => simulator.automations[0]?.id as string;

  it('answers a wrong and a missing key with unauthorized and the vendor code', async () => {
    const simulator = await useSimulator({ seed: 331 });
    const unauthorized = {
      kind: 'unauthorized',
      provider: 'revkeen',
      httpStatus: 401,
      retryable: false,
    } as const;
    expectError(
      unwrapErr(await revkeen(simulator, WRONG_KEYS.revkeen).runAutomation(automationId(simulator))),
      { ...unauthorized, code: 'invalid_api_key', requestId: expect.any(String) },
      simulator,
    );
    expectError(
      unwrapErr(
        await revkeen(simulator, simulator.keys.revkeen[0], fetchWithout('x-api-key')).listApprovals(),
      ),
      { ...unauthorized, code: 'authentication_failed' },
      simulator,
    );
    expect(simulator.stats().jobsCreated).toBe(0);
  });

  it("reports another key's run, and an unknown automation, as not found", async () => {
    const simulator = await useSimulator({ seed: 332 });
    const created = unwrap(await revkeen(simulator).runAutomation(automationId(simulator)));
    const notFound = {
      kind: 'not_found',
      provider: 'revkeen',
      httpStatus: 404,
      code: 'resource_missing',
      retryable: false,
    } as const;
    expectError(
      unwrapErr(await revkeen(simulator, simulator.keys.revkeen[1]).get(created.id)),
      notFound,
      simulator,
    );
    expectError(
      unwrapErr(await revkeen(simulator).runAutomation('00000000-0000-4000-8000-000000000000')),
      notFound,
      simulator,
    );
  });

  it('answers bad input with invalid_request before any request', async () => {
    const simulator = await useSimulator({ seed: 333 });
    const client = revkeen(simulator);
    const errors = [
      unwrapErr(
        await client.runAutomation(automationId(simulator), { triggerPayload: 1, extra: true } as never),
      ),
      unwrapErr(await client.listRuns(automationId(simulator), { limit: 500 })),
      unwrapErr(await client.submit('run', { triggerPayload: {} })),
    ];
    expect(errors.map((error) => [error.kind, error.field])).toEqual([
      ['invalid_request', 'extra'],
      ['invalid_request', 'limit'],
      ['invalid_request', 'automationId'],
    ]);
    for (const error of errors)
      expectError(error, { kind: 'invalid_request', provider: 'revkeen' }, simulator);
    expect(simulator.stats().requests).toBe(0);
  });

  it('answers an idempotency key reused with another body with conflict', async () => {
    const simulator = await useSimulator({ seed: 334 });
    const client = revkeen(simulator);
    const idempotencyKey = '0f8fad5b-d9cb-469f-a165-70867728950e';
    const first = unwrap(
      await client.runAutomation(
        automationId(simulator),
        { triggerPayload: { invoice: 'a' } },
        { idempotencyKey },
      ),
    );
    const again = unwrap(
      await client.runAutomation(
        automationId(simulator),
        { triggerPayload: { invoice: 'a' } },
        { idempotencyKey },
      ),
    );
    expect(again.id).toBe(first.id);
    expectError(
      unwrapErr(
        await client.runAutomation(
          automationId(simulator),
          { triggerPayload: { invoice: 'b' } },
          { idempotencyKey },
        ),
      ),
      {
        kind: 'conflict',
        provider: 'revkeen',
        httpStatus: 409,
        code: 'idempotency_conflict',
        retryable: false,
      },
      simulator,
    );
    expect(simulator.control.jobs('revkeen')).toHaveLength(1);
  });

  it('answers a request over the rate limit with rate_limited and the Retry-After wait', async () => {
    const simulator = await useSimulator({
      seed: 335,
      rateLimits: { revkeen: { limit: 1, windowMs: 5_000 } },
    });
    const client = revkeen(simulator);
    unwrap(await client.listApprovals());
    expectError(
      unwrapErr(await client.listRuns(automationId(simulator))),
      {
        kind: 'rate_limited',
        provider: 'revkeen',
        httpStatus: 429,
        code: 'rate_limit_exceeded',
        retryAfterMs: 5_000,
        retryable: true,
      },
      simulator,
    );
  });
});

describe('transport faults, the same kinds at every vendor', () => {
  const FAULTS = [
    ['a JSON 5xx', { serverErrorRate: 1, htmlErrorShare: 0 }, { kind: 'server_error', retryable: true }],
    [
      "a proxy's HTML 5xx page",
      { serverErrorRate: 1, htmlErrorShare: 1 },
      { kind: 'server_error', retryable: true },
    ],
    ['a connection reset', { resetRate: 1 }, { kind: 'network', retryable: true }],
    [
      'a truncated body',
      { malformedRate: 1 },
      { kind: 'invalid_response', httpStatus: 200, retryable: true },
    ],
  ] as const;

  for (const vendor of ['revor', 'outx', 'oration', 'revkeen'] as const) {
    it(`${vendor}: a lookup meeting each fault fails with the fault's kind, and works once it is gone`, async () => {
      const simulator = await useSimulator({ seed: 341 });
      const client = unwrap(createJobClient(simulatorConfig(simulator, vendor), factories));
      const [operation, input] = CREATE[vendor](simulator);
      const created = unwrap(await client.submit(operation, input));
      for (const [, fault, expected] of FAULTS) {
        simulator.control.setFaults({ [vendor]: fault });
        const error = unwrapErr(await client.get(created.id));
        expectError(error, { provider: vendor, ...expected }, simulator);
        if (error.kind === 'server_error') expect(error.httpStatus).toBeGreaterThanOrEqual(500);
        if ('htmlErrorShare' in fault && fault.htmlErrorShare === 1) expect(error.code).toBeUndefined();
      }
      simulator.control.setFaults(undefined);
      expect(unwrap(await client.get(created.id)).id).toBe(created.id);
    });
  }
});

/** One untyped create per vendor, as the command's `submit` would send it. */
const CREATE: Record<SimulatedVendor, (simulator: RunningSimulator) => [string, unknown]> = {
  revor: () => ['dispatch', revorDispatch],
  outx: () => ['fetch-profile', { profileSlug: 'williamhgates' }],
  oration: () => ['customers-batch', { customers: [{ identifier: 'crm-1' }], strategy: 'upsert' }],
  revkeen: (simulator) => ['run', { automationId: simulator.automations[0]?.id }],
};
