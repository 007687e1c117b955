import { describe, expect, it } from 'vitest';
import { createOutput, REDACTED } from './output';
import { createTestIo } from './test-support';

describe('createOutput', () => {
  it('writes results to stdout and messages to stderr, one line each', () => {
    const test = createTestIo();
    const output = createOutput(test.io);
    output.result('a job');
    output.message('a note');
    expect(test.stdout()).toBe('a job\n');
    expect(test.stderr()).toBe('a note\n');
  });

  it('blanks out every registered secret on both streams', () => {
    const test = createTestIo();
    const output = createOutput(test.io);
    output.addSecrets(['sk-revor-SECRET-123', undefined, 'abc']);
    output.result('{"echo":"sk-revor-SECRET-123"}');
    output.message('key sk-revor-SECRET-123 refused; abc stays');
    expect(test.all()).not.toContain('sk-revor-SECRET-123');
    expect(test.stdout()).toBe(`{"echo":"${REDACTED}"}\n`);
    expect(test.stderr()).toBe(`key ${REDACTED} refused; abc stays\n`);
  });

  it('runs writes inside the wrapper while one is set', () => {
    const test = createTestIo();
    const output = createOutput(test.io);
    const calls: string[] = [];
    output.wrap((write) => {
      calls.push('clear');
      write();
      calls.push('redraw');
    });
    output.result('line');
    output.wrap(null);
    output.result('plain');
    expect(calls).toEqual(['clear', 'redraw']);
    expect(test.stdout()).toBe('line\nplain\n');
  });
});
