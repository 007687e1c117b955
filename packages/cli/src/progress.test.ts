import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutput } from './output';
import { createProgress, formatStateCounts, type RefState } from './progress';
import { createTestIo } from './test-support';

describe('formatStateCounts', () => {
  it.each<[RefState[], string]>([
    [[], '0 jobs'],
    [['checking'], '1 job: 1 checking'],
    [['succeeded', 'queued', 'queued', 'failed'], '4 jobs: 2 queued, 1 succeeded, 1 failed'],
    [['error', 'running', 'error', 'scheduled'], '4 jobs: 1 scheduled, 1 running, 2 errors'],
    [['cancelled', 'awaiting_action', 'error'], '3 jobs: 1 awaiting_action, 1 cancelled, 1 error'],
  ])('%j gives %j', (states, expected) => {
    expect(formatStateCounts(states)).toBe(expected);
  });
});

describe('createProgress', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('prints a plain line per interval when stderr is not a terminal, and nothing after stop', () => {
    vi.useFakeTimers();
    const test = createTestIo();
    const progress = createProgress(test.io, createOutput(test.io), { label: 'waiting', intervalMs: 1000 });
    progress.update('2 jobs: 2 queued');
    vi.advanceTimersByTime(1000);
    progress.update('2 jobs: 1 queued, 1 succeeded');
    vi.advanceTimersByTime(1000);
    progress.stop();
    vi.advanceTimersByTime(5000);
    expect(test.stderr()).toBe('waiting: 2 jobs: 2 queued\nwaiting: 2 jobs: 1 queued, 1 succeeded\n');
    expect(test.stdout()).toBe('');
  });

  it('draws a spinner on a terminal and clears it around every line', () => {
    let written = '';
    // The parts of a tty.WriteStream that ora uses.
    const stderr = {
      isTTY: true,
      columns: 80,
      write: (text: string) => {
        written += text;
        return true;
      },
      cursorTo: () => true,
      moveCursor: () => true,
      clearLine: () => true,
    };
    const test = createTestIo({ isTTY: true, stderr });
    const output = createOutput(test.io);
    const progress = createProgress(test.io, output, { label: 'waiting' });
    progress.update('1 job: 1 running');
    output.result('revor:job_1  succeeded');
    progress.stop();
    progress.stop();
    expect(written).toContain('waiting');
    // The cursor is hidden while the spinner runs and shown again at stop.
    expect(written).toContain('\u001b[?25l');
    expect(written).toContain('\u001b[?25h');
    expect(test.stdout()).toBe('revor:job_1  succeeded\n');
  });

  it('falls back to plain lines on a terminal of unknown width', () => {
    vi.useFakeTimers();
    const stderr = { isTTY: true, columns: 0, write: (_text: string) => true };
    const test = createTestIo({ isTTY: true, stderr });
    const lines: string[] = [];
    const output = createOutput({ ...test.io, stderr: { write: (text: string) => lines.push(text) } });
    const progress = createProgress({ ...test.io, stderr }, output, { intervalMs: 100 });
    progress.update('1 job: 1 queued');
    vi.advanceTimersByTime(100);
    progress.stop();
    expect(lines).toEqual(['waiting: 1 job: 1 queued\n']);
  });
});
