import { err, ok } from 'neverthrow';
import { describe, expect, it, vi } from 'vitest';
import { type AsyncJob, createAsyncJob, type JobStatus } from './async-job';
import { abortedError, asyncJobError } from './async-job-error';
import { timerDelay } from './delay';
import { createFakeClock, scriptedClient } from './test/index';
import { waitForJob, watchJob } from './wait-for-job';

function job(status: JobStatus, rawStatus: string = status, fields: { scheduledAt?: Date } = {}): AsyncJob {
  return createAsyncJob({ provider: 'acme', id: 'j1', status, rawStatus, result: { done: true }, ...fields });
}

const fixedRandom = () => 0.5;

describe('waitForJob', () => {
  it('polls queued → running → succeeded and reports each status change', async () => {
    const clock = createFakeClock();
    const client = scriptedClient([job('queued'), job('running'), job('running'), job('succeeded')]);
    const changes: [JobStatus, JobStatus | null][] = [];
    const updates: JobStatus[] = [];
    const result = await waitForJob(client, 'j1', {
      now: clock.now,
      delay: clock.delay,
      random: fixedRandom,
      onUpdate: (update) => updates.push(update.status),
      onStatusChange: (update, previous) => changes.push([update.status, previous?.status ?? null]),
    });
    expect(result).toEqual(ok(job('succeeded')));
    expect(client.calls).toHaveLength(4);
    expect(clock.delay.calls).toHaveLength(3);
    expect(updates).toEqual(['queued', 'running', 'running', 'succeeded']);
    expect(changes).toEqual([
      ['queued', null],
      ['running', 'queued'],
      ['succeeded', 'running'],
    ]);
  });

  it('returns a failed job as data', async () => {
    const clock = createFakeClock();
    const failed = createAsyncJob({
      provider: 'acme',
      id: 'j1',
      status: 'failed',
      rawStatus: 'failed',
      failure: { code: 'connect_account_reconnect_required', message: 'reconnect', retryable: false },
    });
    const result = await waitForJob(scriptedClient([job('running'), failed]), 'j1', clock);
    expect(result).toEqual(ok(failed));
  });

  it('waits as long as Retry-After asks after a 429, then goes on', async () => {
    const clock = createFakeClock();
    const limited = asyncJobError('rate_limited', '429', {
      provider: 'acme',
      httpStatus: 429,
      retryAfterMs: 3000,
    });
    const retries: string[] = [];
    const client = scriptedClient([limited, job('succeeded')]);
    const result = await waitForJob(client, 'j1', {
      ...clock,
      random: fixedRandom,
      onRetry: (error) => retries.push(error.kind),
    });
    expect(result.isOk()).toBe(true);
    expect(clock.delay.calls).toEqual([3000]);
    expect(retries).toEqual(['rate_limited']);
  });

  it('retries a 503 and succeeds', async () => {
    const clock = createFakeClock();
    const unavailable = asyncJobError('server_error', '503', { provider: 'acme', httpStatus: 503 });
    const client = scriptedClient([unavailable, unavailable, job('succeeded')]);
    expect((await waitForJob(client, 'j1', clock)).isOk()).toBe(true);
    expect(client.calls).toHaveLength(3);
  });

  it('ends at once on an error that is not retryable (401)', async () => {
    const clock = createFakeClock();
    const unauthorized = asyncJobError('unauthorized', '401', { provider: 'acme', httpStatus: 401 });
    const client = scriptedClient([unauthorized, job('succeeded')]);
    expect(await waitForJob(client, 'j1', clock)).toEqual(err(unauthorized));
    expect(client.calls).toHaveLength(1);
    expect(clock.delay.calls).toHaveLength(0);
  });

  it('gives up at the deadline after one last check just before it, with the last job', async () => {
    const clock = createFakeClock();
    const start = clock.now();
    const client = scriptedClient([job('running')]);
    const reasons: string[] = [];
    const result = await waitForJob(client, 'j1', {
      ...clock,
      random: fixedRandom,
      timeoutMs: 10_000,
      onDelay: (_ms, reason) => reasons.push(reason),
    });
    expect(result.isErr() && result.error).toMatchObject({ kind: 'poll_timeout', lastJob: job('running') });
    expect(reasons.at(-1)).toBe('final_check');
    expect(reasons.filter((reason) => reason === 'final_check')).toHaveLength(1);
    expect(clock.now() - start).toBe(9750);
    // Every request is told how long it may take: no longer than the time left.
    for (const call of client.calls) expect(call.timeoutMs).toBeLessThanOrEqual(10_000);
    expect(client.calls.at(-1)?.timeoutMs).toBe(250);
  });

  it('does not check a scheduled job before its start time', async () => {
    const clock = createFakeClock();
    const scheduledAt = new Date(clock.now() + 3_600_000);
    const client = scriptedClient([job('running'), job('succeeded')]);
    const result = await waitForJob(client, 'j1', {
      ...clock,
      timeoutMs: 2 * 3_600_000,
      initialJob: job('scheduled', 'scheduled', { scheduledAt }),
    });
    expect(result.isOk()).toBe(true);
    expect(clock.delay.calls[0]).toBe(3_600_000);
    expect(client.calls).toHaveLength(2);
  });

  it('needs no request when the job in hand is already terminal', async () => {
    const clock = createFakeClock();
    const client = scriptedClient([job('running')]);
    const done = job('succeeded');
    expect(await waitForJob(client, 'j1', { ...clock, initialJob: done })).toEqual(ok(done));
    expect(client.calls).toHaveLength(0);
  });

  it('keeps polling an unknown status and reports each unknown word once', async () => {
    const clock = createFakeClock();
    const client = scriptedClient([
      job('unknown', 'paused_by_vendor'),
      job('unknown', 'paused_by_vendor'),
      job('unknown', 'thawing'),
      job('succeeded'),
    ]);
    const unknown = vi.fn();
    const result = await waitForJob(client, 'j1', {
      ...clock,
      onUnknownStatus: (seen) => unknown(seen.rawStatus),
    });
    expect(result.isOk()).toBe(true);
    expect(unknown.mock.calls).toEqual([['paused_by_vendor'], ['thawing']]);
  });

  it('stops mid-sleep on abort: no request after it', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const client = scriptedClient([job('running')]);
    const delay = async (ms: number, signal?: AbortSignal) => {
      controller.abort();
      await clock.delay(ms, signal);
    };
    const result = await waitForJob(client, 'j1', { now: clock.now, delay, signal: controller.signal });
    expect(result).toEqual(err(abortedError('acme')));
    expect(client.calls).toHaveLength(1);
  });

  it('stops mid-request on abort: the request sees the abort and nothing follows', async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    let requestSignal: AbortSignal | undefined;
    const client = scriptedClient([
      (options) => {
        requestSignal = options.signal;
        controller.abort();
        return err(abortedError('acme'));
      },
      job('succeeded'),
    ]);
    const result = await waitForJob(client, 'j1', { ...clock, signal: controller.signal });
    expect(result).toEqual(err(abortedError('acme')));
    expect(requestSignal?.aborted).toBe(true);
    expect(client.calls).toHaveLength(1);
    expect(clock.delay.calls).toHaveLength(0);
  });

  it('returns aborted without a request when the signal has already fired', async () => {
    const client = scriptedClient([job('succeeded')]);
    const result = await waitForJob(client, 'j1', { signal: AbortSignal.abort() });
    expect(result).toEqual(err(abortedError('acme')));
    expect(client.calls).toHaveLength(0);
  });

  it('leaves no timer and no listener behind after an abort mid-sleep (real timers)', async () => {
    const controller = new AbortController();
    const added = vi.spyOn(controller.signal, 'addEventListener');
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const timersBefore = countTimers();
    const client = scriptedClient([job('running')]);
    let sleeping: () => void = () => {};
    const asleep = new Promise<void>((resolve) => {
      sleeping = resolve;
    });
    const waiting = waitForJob(client, 'j1', {
      signal: controller.signal,
      minDelayMs: 60_000,
      maxDelayMs: 60_000,
      delay: (ms, signal) => {
        const slept = timerDelay(ms, signal);
        sleeping();
        return slept;
      },
    });
    await asleep;
    expect(countTimers()).toBe(timersBefore + 1);
    controller.abort();
    expect(await waiting).toEqual(err(abortedError('acme')));
    expect(countTimers()).toBe(timersBefore);
    expect(added.mock.calls.length).toBe(removed.mock.calls.length);
    expect(client.calls).toHaveLength(1);
  });

  it('removes its listener from the caller signal when the wait ends normally', async () => {
    const controller = new AbortController();
    const added = vi.spyOn(controller.signal, 'addEventListener');
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const clock = createFakeClock();
    await waitForJob(scriptedClient([job('running'), job('succeeded')]), 'j1', {
      ...clock,
      signal: controller.signal,
    });
    expect(added).toHaveBeenCalledTimes(1);
    expect(removed).toHaveBeenCalledTimes(1);
  });
});

describe('waitForJob with callers that misbehave', () => {
  it('finishes the wait when a hook throws', async () => {
    const clock = createFakeClock();
    const client = scriptedClient([job('running'), job('succeeded')]);
    const result = await waitForJob(client, 'j1', {
      ...clock,
      onUpdate: () => {
        throw new Error('hook');
      },
      onStatusChange: () => {
        throw new Error('hook');
      },
    });
    expect(result._unsafeUnwrap().status).toBe('succeeded');
  });

  it.each([
    [{ deadline: new Date('not a date') }, 'deadline'],
    [{ deadline: Number.NaN }, 'deadline'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ timeoutMs: -1 }, 'timeoutMs'],
  ])('refuses %j with a config error and sends nothing', async (options, field) => {
    const client = scriptedClient([job('succeeded')]);
    expect((await waitForJob(client, 'j1', options))._unsafeUnwrapErr()).toMatchObject({
      kind: 'config',
      field,
    });
    expect(client.calls).toHaveLength(0);
  });
});

describe('watchJob', () => {
  it('yields each snapshot that changed, ending with the terminal one', async () => {
    const clock = createFakeClock();
    const client = scriptedClient([job('queued'), job('queued'), job('running'), job('succeeded')]);
    const seen: string[] = [];
    for await (const step of watchJob(client, 'j1', clock)) {
      seen.push(step.isOk() ? step.value.status : step.error.kind);
    }
    expect(seen).toEqual(['queued', 'running', 'succeeded']);
  });

  it('ends with the error when the wait fails', async () => {
    const clock = createFakeClock();
    const missing = asyncJobError('not_found', '404', { provider: 'acme', httpStatus: 404 });
    const seen: string[] = [];
    for await (const step of watchJob(scriptedClient([job('queued'), missing]), 'j1', clock)) {
      seen.push(step.isOk() ? step.value.status : step.error.kind);
    }
    expect(seen).toEqual(['queued', 'not_found']);
  });

  it('stops polling when the consumer breaks out', async () => {
    const clock = createFakeClock();
    const client = scriptedClient([job('queued'), job('running'), job('succeeded')]);
    for await (const step of watchJob(client, 'j1', clock)) {
      if (step.isOk()) break;
    }
    expect(client.calls).toHaveLength(1);
    expect(clock.delay.calls).toHaveLength(0);
  });
});

function countTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}
