import { describe, expect, it } from 'vitest';
import {
  encodeRevkeenId,
  formatRevkeenRunId,
  parseRevkeenRunId,
  revkeenIdempotencyKey,
  revkeenOperationSchemas,
  revkeenRunPath,
  toRevkeenListRunsQuery,
  toRevkeenRejectRequest,
  toRevkeenRunRequest,
  validateRevkeenInput,
} from './convert-to-revkeen-request';

describe('toRevkeenRunRequest', () => {
  it('sends the trigger payload as trigger_payload, null when there is none', () => {
    expect(toRevkeenRunRequest({ triggerPayload: { invoiceId: 'inv_1' } })._unsafeUnwrap()).toEqual({
      trigger_payload: { invoiceId: 'inv_1' },
    });
    expect(toRevkeenRunRequest(undefined)._unsafeUnwrap()).toEqual({ trigger_payload: null });
    expect(toRevkeenRunRequest({})._unsafeUnwrap()).toEqual({ trigger_payload: null });
  });

  it('rejects an unknown field (a snake_case slip would silently drop the payload)', () => {
    const input = { trigger_payload: 1 } as never;
    expect(toRevkeenRunRequest(input)._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'trigger_payload',
      message: 'revkeen runAutomation: trigger_payload is not a known field.',
    });
  });
});

describe('the run operation schema (submit)', () => {
  it('accepts an automation id and an optional payload', () => {
    expect(validateRevkeenInput(revkeenOperationSchemas.run, { automationId: 'a1' }, 'run').isOk()).toBe(
      true,
    );
  });

  it.each([
    [{}, 'automationId'],
    [{ automationId: '' }, 'automationId'],
    [{ automationId: 7 }, 'automationId'],
    [{ automationId: 'a1', extra: true }, 'extra'],
    [null, 'input'],
    ['a1', 'input'],
  ])('rejects %j naming %s', (input, field) => {
    expect(
      validateRevkeenInput(revkeenOperationSchemas.run, input, 'revkeen run')._unsafeUnwrapErr(),
    ).toMatchObject({ kind: 'invalid_request', provider: 'revkeen', field, retryable: false });
  });
});

describe('toRevkeenListRunsQuery', () => {
  it('passes the set filters only', () => {
    expect(toRevkeenListRunsQuery({ limit: 100, offset: 0, status: 'failed' })._unsafeUnwrap()).toEqual({
      limit: 100,
      offset: 0,
      status: 'failed',
    });
    expect(toRevkeenListRunsQuery(undefined)._unsafeUnwrap()).toEqual({});
  });

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 101 }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ offset: -1 }, 'offset'],
    [{ status: '' }, 'status'],
  ])('rejects %j naming %s', (query, field) => {
    expect(toRevkeenListRunsQuery(query)._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field,
    });
  });
});

describe('toRevkeenRejectRequest', () => {
  it('sends a reason only when there is one', () => {
    expect(toRevkeenRejectRequest({ reason: 'Paid already' })._unsafeUnwrap()).toEqual({
      reason: 'Paid already',
    });
    expect(toRevkeenRejectRequest(undefined)._unsafeUnwrap()).toBeUndefined();
    expect(toRevkeenRejectRequest({ reason: '' })._unsafeUnwrapErr()).toMatchObject({ field: 'reason' });
  });
});

describe('revkeenIdempotencyKey', () => {
  it('keeps the caller key and generates a UUID v4 otherwise', () => {
    expect(revkeenIdempotencyKey('my-key')._unsafeUnwrap()).toBe('my-key');
    expect(revkeenIdempotencyKey(undefined)._unsafeUnwrap()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(revkeenIdempotencyKey(undefined)._unsafeUnwrap()).not.toBe(
      revkeenIdempotencyKey(undefined)._unsafeUnwrap(),
    );
  });

  it.each(['', 'k'.repeat(256)])('rejects a key of %s characters', (key) => {
    expect(revkeenIdempotencyKey(key)._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'idempotencyKey',
    });
  });
});

describe('run ids', () => {
  it('parses exactly two non-empty parts', () => {
    expect(parseRevkeenRunId('a1/r1')._unsafeUnwrap()).toEqual({ automationId: 'a1', runId: 'r1' });
  });

  it.each(['a1', 'a1/', '/r1', 'a1/r1/x', '', '/', 'a1//r1', 42])(
    'rejects %j with a config error naming ref',
    (id) => {
      expect(parseRevkeenRunId(id)._unsafeUnwrapErr()).toMatchObject({
        kind: 'config',
        provider: 'revkeen',
        field: 'ref',
      });
    },
  );

  it('round-trips ids that hold / or %', () => {
    const ids = { automationId: 'a/1%', runId: 'r%2F' };
    const joined = formatRevkeenRunId(ids);
    expect(joined).toBe('a%2F1%25/r%252F');
    expect(parseRevkeenRunId(joined)._unsafeUnwrap()).toEqual(ids);
  });

  it('percent-encodes each id in the path', () => {
    expect(revkeenRunPath({ automationId: 'a?x=1', runId: 'r#f/g' })._unsafeUnwrap()).toBe(
      'automations/a%3Fx%3D1/runs/r%23f%2Fg',
    );
  });

  it.each(['..', '.'])('refuses %s as a path segment', (id) => {
    expect(revkeenRunPath({ automationId: id, runId: 'r1' })._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'automationId',
    });
    expect(encodeRevkeenId(id, 'approvalId')._unsafeUnwrapErr()).toMatchObject({ field: 'approvalId' });
  });
});
