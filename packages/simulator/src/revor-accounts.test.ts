import { describe, expect, it } from 'vitest';
import { defaultRevorAccounts, filterAccounts, parseAccountFilter } from './revor-accounts';

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
