import { describe, expect, it } from 'vitest';
import { version } from '../package.json';
import { main } from './main';
import { argv, createTestIo } from './test-support';

describe('main: help and usage errors', () => {
  it('prints the overall help with the exit codes and their order', async () => {
    const test = createTestIo();
    expect(await main(argv('--help'), test.io)).toBe(0);
    expect(test.stdout()).toContain('asyncjob status <ref>');
    expect(test.stdout()).toContain('asyncjob wait <ref>...');
    expect(test.stdout()).toContain('asyncjob submit <provider> <operation> --data <json>');
    expect(test.stdout()).toContain('asyncjob simulate');
    expect(test.stdout()).toContain('asyncjob demo');
    expect(test.stdout()).toContain('asyncjob resume --store <file>');
    expect(test.stdout()).toContain('asyncjob jobs --store <file>');
    expect(test.stdout()).toContain('the most serious wins, in this order: 130 > 2 > 3 > 4 > 1 > 0');
  });

  it.each(['status', 'wait', 'submit', 'resume', 'jobs', 'simulate', 'demo'])(
    'prints the help of %s',
    async (command) => {
      const test = createTestIo();
      expect(await main(argv(command, '--help'), test.io)).toBe(0);
      expect(test.stdout()).toContain(`Usage: asyncjob ${command}`);
      expect(test.stdout()).toContain('Exit codes:');
    },
  );

  it('prints the version', async () => {
    const test = createTestIo();
    expect(await main(argv('--version'), test.io)).toBe(0);
    expect(test.stdout()).toBe(`${version}\n`);
  });

  it('shows the help on stderr and exits 2 without a command', async () => {
    const test = createTestIo();
    expect(await main(argv(), test.io)).toBe(2);
    expect(test.stderr()).toContain('Usage:');
    expect(test.stdout()).toBe('');
  });

  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['status'], 'missing required args for command "status <ref>"'],
    [['wait'], 'missing required args for command "wait <...refs>"'],
    [['submit', 'revor'], 'missing required args'],
    [['status', 'revor:a', 'revor:b'], 'Unused args: "revor:b"'],
    [['status', 'revor:a', '--colour'], 'Unknown option "--colour"'],
    [['wait', 'revor:a', '--timeout'], 'value is missing'],
    [['wait', 'revor:a', '--timeout', 'soon'], '--timeout: "soon" is not a duration'],
    [['wait', 'revor:a', '--timeout', '0'], '--timeout: "0" is too short'],
    [['submit', 'revor', 'dispatch'], 'submit needs --data <json>'],
    [['submit', 'revor', 'dispatch', '--data', '{nope'], '--data is not valid JSON'],
    [['simulate', '--port', '70000'], '--port must be a whole number from 0 to 65535'],
    [['simulate', '--seed', '-3'], 'Unknown option "-3"'],
    [['demo', '--seed', '1.5'], '--seed must be a whole number'],
    [['resume'], 'resume needs --store <file>'],
    [['jobs', '--json'], 'jobs needs --store <file>'],
    [['jobs', '--store'], 'value is missing'],
    [['wait', 'revor:a', '--store', ':memory:'], '--store needs a file path, not ":memory:"'],
    [['submit', 'revor', 'dispatch', '--data', '{}', '--store', 'jobs.db'], 'add --wait'],
  ])('exits 2 for %j with one line', async (args, message) => {
    const test = createTestIo();
    expect(await main(argv(...args), test.io)).toBe(2);
    expect(test.stderr()).toContain(message);
    expect(test.stderr().trim().split('\n')).toHaveLength(1);
    expect(test.stdout()).toBe('');
  });

  it('exits 2 naming the variables when no provider is configured', async () => {
    const test = createTestIo({ env: {} });
    expect(await main(argv('status', 'revor:job_1'), test.io)).toBe(2);
    expect(test.stderr()).toBe(
      'error revor:job_1: config: Provider "revor" is not configured (configured: none): set REVOR_API_KEY (and REVOR_BASE_URL) or pass --config <file.json>.\n',
    );
  });

  it('exits 2 naming the variable of an incomplete config', async () => {
    const test = createTestIo({ env: { ORATION_API_KEY: 'oration-key-123' } });
    expect(await main(argv('wait', 'oration:job_1'), test.io)).toBe(2);
    expect(test.stderr()).toContain('ORATION_WORKSPACE_SLUG');
    expect(test.all()).not.toContain('oration-key-123');
  });
});
