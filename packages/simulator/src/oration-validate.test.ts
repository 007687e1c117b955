import { describe, expect, it } from 'vitest';
import { findRowProblems, validateCustomerBatch } from './oration-validate';

describe('validateCustomerBatch', () => {
  it.each([
    [null, 'Request body must be a JSON object'],
    [{}, 'customers must be a non-empty array'],
    [{ customers: [] }, 'customers must be a non-empty array'],
    [{ customers: [{ identifier: 'a' }], strategy: 'merge' }, 'strategy must be "insert" or "upsert"'],
    [
      { customers: [{ identifier: 'a' }], strategy: 'upsert', partial: true },
      'partial is only valid with strategy "insert"',
    ],
    [{ customers: [{ identifier: 'a' }], partial: 'yes' }, 'partial must be a boolean'],
    [{ customers: [{ name: 'A' }] }, 'customers[0].identifier is required'],
    [{ customers: [{ identifier: 'a' }, 'b'] }, 'customers[1] must be an object'],
    [{ customers: [{ identifier: 'a', phoneNumber: 123 }] }, 'customers[0].phoneNumber must be a string'],
    [{ customers: [{ identifier: 'a', priority: 1.5 }] }, 'customers[0].priority must be an integer'],
  ])('%j → %s', (body, message) => {
    expect(validateCustomerBatch(body)).toEqual({ ok: false, message });
  });

  it('defaults to insert without partial', () => {
    expect(validateCustomerBatch({ customers: [{ identifier: 'a' }] })).toEqual({
      ok: true,
      value: { customers: [{ identifier: 'a' }], strategy: 'insert', partial: false },
    });
  });
});

describe('findRowProblems', () => {
  const batch = (strategy: 'insert' | 'upsert', ...customers: Record<string, unknown>[]) => ({
    customers,
    strategy,
    partial: false,
  });

  it.each([
    [batch('insert', { identifier: 'a', phoneNumber: '+12345678901', email: 'a@b.co' }), [], []],
    [
      batch('insert', { identifier: 'a', phoneNumber: '555-0100' }),
      [],
      ['Row 1 (a): phoneNumber must be in E.164 format'],
    ],
    [batch('insert', { identifier: 'a', email: 'nope' }), [], ['Row 1 (a): invalid email']],
    [
      batch('insert', { identifier: 'a' }, { identifier: 'a' }),
      [],
      ['Row 2 (a): a customer with this identifier already exists'],
    ],
    [
      batch('insert', { identifier: 'a' }),
      ['a'],
      ['Row 1 (a): a customer with this identifier already exists'],
    ],
    [batch('upsert', { identifier: 'a' }, { identifier: 'a' }), ['a'], []],
  ])('%j with %j', (request, existing, problems) => {
    expect(findRowProblems(request, new Set(existing))).toEqual(problems);
  });
});
