import { createFakeClock } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import { retryRedis } from './redis-retry';

const offline = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), { code: 'ECONNREFUSED' });

describe('retryRedis', () => {
  it('retries with growing waits until the operation works', async () => {
    const clock = createFakeClock();
    const errors: string[] = [];
    let calls = 0;
    const result = await retryRedis(
      'track revor:1',
      async () => {
        calls += 1;
        if (calls < 4) throw offline();
        return 'done';
      },
      {
        maxElapsedMs: 30_000,
        now: clock.now,
        delay: clock.delay,
        random: () => 1,
        onError: (error) => errors.push(error.kind),
      },
    );
    expect(result._unsafeUnwrap()).toBe('done');
    expect(clock.delay.calls).toEqual([200, 400, 800]);
    expect(errors).toEqual(['network', 'network', 'network']);
  });

  it('returns the last error once the time is up', async () => {
    const clock = createFakeClock();
    const result = await retryRedis('track revor:1', () => Promise.reject(offline()), {
      maxElapsedMs: 5000,
      now: clock.now,
      delay: clock.delay,
      random: () => 1,
    });
    expect(result._unsafeUnwrapErr()).toMatchObject({ kind: 'network', retryable: true });
    expect(clock.delay.calls.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(5000);
  });

  it('does not retry an error that retrying cannot fix', async () => {
    let calls = 0;
    const result = await retryRedis(
      'track revor:1',
      () => {
        calls += 1;
        return Promise.reject(
          Object.assign(new Error('WRONGPASS invalid username-password pair'), { name: 'ReplyError' }),
        );
      },
      { maxElapsedMs: 30_000 },
    );
    expect(result._unsafeUnwrapErr().kind).toBe('config');
    expect(calls).toBe(1);
  });

  it('stops with aborted when its signal fires', async () => {
    const controller = new AbortController();
    const result = retryRedis('track revor:1', () => Promise.reject(offline()), {
      maxElapsedMs: 30_000,
      signal: controller.signal,
    });
    controller.abort();
    expect((await result)._unsafeUnwrapErr().kind).toBe('aborted');
  });
});
