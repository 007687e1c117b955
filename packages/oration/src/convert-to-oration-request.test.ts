import { describe, expect, it } from 'vitest';
import { convertToOrationCustomerBatchBody } from './convert-to-oration-request';

describe('convertToOrationCustomerBatchBody', () => {
  it('passes every documented field through and drops undefined ones', () => {
    const body = convertToOrationCustomerBatchBody({
      customers: [
        {
          identifier: 'crm-1',
          name: 'Ada Lovelace',
          phoneNumber: '+442071234567',
          email: 'ada@example.com',
          metadata: { segment: 'vip' },
          priority: 0,
          isDoNotDisturbEnabled: false,
          source: { method: 'api' },
        },
        { identifier: 'crm-2', name: undefined },
      ],
      strategy: 'insert',
      partial: true,
    });
    expect(body._unsafeUnwrap()).toMatchInlineSnapshot(`
      {
        "customers": [
          {
            "email": "ada@example.com",
            "identifier": "crm-1",
            "isDoNotDisturbEnabled": false,
            "metadata": {
              "segment": "vip",
            },
            "name": "Ada Lovelace",
            "phoneNumber": "+442071234567",
            "priority": 0,
            "source": {
              "method": "api",
            },
          },
          {
            "identifier": "crm-2",
          },
        ],
        "partial": true,
        "strategy": "insert",
      }
    `);
  });

  it('sends no strategy or partial when none is given (Oration defaults to insert)', () => {
    expect(
      convertToOrationCustomerBatchBody({ customers: [{ identifier: 'crm-1' }] })._unsafeUnwrap(),
    ).toEqual({
      customers: [{ identifier: 'crm-1' }],
    });
  });

  it.each([
    ['metadata as a string', { identifier: 'a', metadata: 'note' }, {}],
    ['metadata as null', { identifier: 'a', metadata: null }, {}],
    ['metadata as a number', { identifier: 'a', metadata: 3 }, {}],
    ['partial with the default strategy', { identifier: 'a' }, { partial: true }],
    ['partial false with upsert', { identifier: 'a' }, { strategy: 'upsert', partial: false }],
  ])('accepts %s', (_name, customer, extra: object) => {
    expect(convertToOrationCustomerBatchBody({ customers: [customer], ...extra }).isOk()).toBe(true);
  });

  it.each([
    ['no input', undefined, 'input'],
    ['no customers', {}, 'customers'],
    ['an empty batch', { customers: [] }, 'customers'],
    ['a missing identifier', { customers: [{ name: 'Ada' }] }, 'customers.0.identifier'],
    ['a blank identifier', { customers: [{ identifier: '  ' }] }, 'customers.0.identifier'],
    [
      'a local phone number',
      { customers: [{ identifier: 'a', phoneNumber: '07123 456789' }] },
      'customers.0.phoneNumber',
    ],
    [
      'a phone number without +',
      { customers: [{ identifier: 'a', phoneNumber: '12345678901' }] },
      'customers.0.phoneNumber',
    ],
    ['a fractional priority', { customers: [{ identifier: 'a', priority: 1.5 }] }, 'customers.0.priority'],
    ['a negative priority', { customers: [{ identifier: 'a', priority: -1 }] }, 'customers.0.priority'],
    ['an unknown customer field', { customers: [{ identifier: 'a', phone: '+1' }] }, 'customers.0.phone'],
    ['an unknown strategy', { customers: [{ identifier: 'a' }], strategy: 'merge' }, 'strategy'],
    [
      'partial with upsert',
      { customers: [{ identifier: 'a' }], strategy: 'upsert', partial: true },
      'partial',
    ],
    ['an unknown top-level field', { customers: [{ identifier: 'a' }], dryRun: true }, 'dryRun'],
  ])('refuses %s with an invalid_request naming the field', (_name, input, field) => {
    const error = convertToOrationCustomerBatchBody(input)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', provider: 'oration', field, retryable: false });
    expect(error.message).toContain(`customers-batch input: ${field} `);
  });
});
