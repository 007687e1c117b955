import { describe, expect, it } from 'vitest';
import { readRawOption } from './raw-option';

const argv = (...args: string[]) => ['node', 'asyncjob', ...args];

describe('readRawOption', () => {
  it.each<[string[], string | undefined]>([
    [argv('submit', 'revor', 'dispatch', '--idempotency-key', '0012'), '0012'],
    [argv('submit', '--idempotency-key=0x10'), '0x10'],
    [argv('submit', '--idempotencyKey', '007'), '007'],
    [argv('submit', '--idempotency-key', 'a', '--idempotency-key', 'b'), 'b'],
    [argv('submit', '--idempotency-key'), undefined],
    [argv('submit', '--idempotency-key', '--wait'), undefined],
    [argv('submit'), undefined],
    [argv('submit', '--', '--idempotency-key', 'after-dashes'), undefined],
  ])('%j gives %j', (args, expected) => {
    expect(readRawOption(args, ['idempotency-key', 'idempotencyKey'])).toBe(expected);
  });

  it('keeps JSON text as typed', () => {
    expect(readRawOption(argv('submit', '--data', '[]'), ['data'])).toBe('[]');
    expect(readRawOption(argv('submit', '--data={"a":1}'), ['data'])).toBe('{"a":1}');
  });
});
