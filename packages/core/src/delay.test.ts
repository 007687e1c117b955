import { describe, expect, it } from 'vitest';
import { linkSignal, timerDelay } from './delay';

describe('timerDelay', () => {
  it('resolves after the time', async () => {
    const started = performance.now();
    await timerDelay(5);
    expect(performance.now() - started).toBeGreaterThanOrEqual(4);
  });

  it('resolves at once on abort and leaves no timer', async () => {
    const controller = new AbortController();
    const before = process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const sleeping = timerDelay(60_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length).toBe(before);
  });

  it('resolves at once for an already aborted signal', async () => {
    await timerDelay(60_000, AbortSignal.abort());
  });
});

describe('linkSignal', () => {
  it('follows the parent until disposed', () => {
    const parent = new AbortController();
    const link = linkSignal(parent.signal);
    parent.abort('stop');
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('stop');

    const second = new AbortController();
    const detached = linkSignal(second.signal);
    detached.dispose();
    second.abort();
    expect(detached.signal.aborted).toBe(false);
  });

  it('starts aborted under an aborted parent and works without one', () => {
    expect(linkSignal(AbortSignal.abort()).signal.aborted).toBe(true);
    const alone = linkSignal();
    alone.abort();
    expect(alone.signal.aborted).toBe(true);
  });
});
