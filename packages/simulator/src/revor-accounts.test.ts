import { describe, expect, it } from 'vitest';
import {
  defaultRevorAccounts,
  filterAccounts,
  parseAccountFilter,
  pickPostLikeAccount,
} from './revor-accounts';

describe('parseAccountFilter', () => {
  it.each([
    ['', { ok: true }],
    ['channel=email', { ok: true, channel: 'email' }],
    ['can_send=true', { ok: true, canSend: true }],
    ['can_send=0&channel=whatsapp', { ok: true, channel: 'whatsapp', canSend: false }],
    ['channel=EMAIL', { ok: false, code: 'invalid_channel' }],
    ['can_send=yes', { ok: false, code: 'invalid_can_send' }],
  ])('?%s', (query, expected) => {
    expect(parseAccountFilter(new URLSearchParams(query))).toEqual(expected);
  });
});

describe('filterAccounts', () => {
  it.each([
    [{}, 4],
    [{ channel: 'linkedin' as const }, 2],
    [{ canSend: true }, 3],
    [{ channel: 'linkedin' as const, canSend: false }, 1],
  ])('%j keeps %i accounts', (filter, count) => {
    expect(filterAccounts(defaultRevorAccounts(1), filter)).toHaveLength(count);
  });

  it('gives each key its own account ids', () => {
    const ids = (number: number) => defaultRevorAccounts(number).map((account) => account.account_id);
    expect(ids(1).some((id) => ids(2).includes(id))).toBe(false);
  });
});

describe('pickPostLikeAccount', () => {
  const accounts = defaultRevorAccounts(1);
  const usable = accounts.map((account) => ({ ...account, can_send: true }));

  it.each([
    [
      'the named LinkedIn account',
      accounts,
      'connect_account_k1_linkedin_stale',
      'connect_account_k1_linkedin_stale',
    ],
    ['the only usable one when none is named', accounts, undefined, 'connect_account_k1_linkedin'],
  ])('picks %s', (_name, list, accountId, expected) => {
    expect(pickPostLikeAccount(list, accountId)).toMatchObject({
      ok: true,
      account: { account_id: expected },
    });
  });

  it.each([
    ['an account of another channel', accounts, 'connect_account_k1_email', 404, 'account_not_found'],
    [
      'no usable account',
      accounts.filter((account) => account.channel !== 'linkedin'),
      undefined,
      404,
      'account_not_found',
    ],
    ['several usable accounts and none named', usable, undefined, 400, 'invalid_request'],
  ])('refuses %s', (_name, list, accountId, status, code) => {
    expect(pickPostLikeAccount(list, accountId)).toEqual({ ok: false, status, code });
  });
});
