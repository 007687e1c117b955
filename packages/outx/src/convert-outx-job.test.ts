import type { AsyncJob } from '@asyncjob/core';
import { loadFixture } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import {
  convertCreatedOutxTask,
  convertOutxJob,
  isActionTask,
  type OutxResult,
  toCamelCaseKeys,
} from './convert-outx-job';
import {
  type OutxCreateTaskResponse,
  type OutxTaskStatusResponse,
  outxCreateTaskResponseSchema,
  outxTaskStatusResponseSchema,
} from './outx-api';

const PROFILE_TASK_ID = '550e8400-e29b-41d4-a716-446655440000';
const MESSAGE_TASK_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

function statusFixture(name: string): OutxTaskStatusResponse {
  return outxTaskStatusResponseSchema.parse(loadFixture(import.meta.url, `__fixtures__/${name}`));
}

function task(data: Record<string, unknown>): OutxTaskStatusResponse {
  return outxTaskStatusResponseSchema.parse({ success: true, data: { id: 't-1', ...data } });
}

const noDates = {
  createdAt: null,
  updatedAt: null,
  scheduledAt: null,
  startedAt: null,
  finishedAt: null,
  nextAttemptAt: null,
  attempts: null,
} as const;

describe('convertOutxJob', () => {
  it('converts the documented completed profile fetch', () => {
    const response = statusFixture('outx-get-task-status-completed.json');
    const expected: AsyncJob<OutxResult> = {
      ref: `outx:${PROFILE_TASK_ID}`,
      provider: 'outx',
      id: PROFILE_TASK_ID,
      status: 'succeeded',
      rawStatus: 'completed',
      terminal: true,
      result: { name: 'Bill Gates', headline: 'Co-chair, Bill & Melinda Gates Foundation' },
      failure: null,
      ...noDates,
      raw: response,
    };
    expect(convertOutxJob(response)).toEqual(expected);
  });

  it('converts a pending task to a queued job without a result', () => {
    const response = statusFixture('outx-get-task-status-pending.json');
    const expected: AsyncJob<OutxResult> = {
      ref: `outx:${PROFILE_TASK_ID}`,
      provider: 'outx',
      id: PROFILE_TASK_ID,
      status: 'queued',
      rawStatus: 'pending',
      terminal: false,
      result: null,
      failure: null,
      ...noDates,
      raw: response,
    };
    expect(convertOutxJob(response)).toEqual(expected);
  });

  it('converts a sent message to a succeeded job', () => {
    const response = statusFixture('outx-get-task-status-send-message-completed.json');
    const expected: AsyncJob<OutxResult> = {
      ref: `outx:${MESSAGE_TASK_ID}`,
      provider: 'outx',
      id: MESSAGE_TASK_ID,
      status: 'succeeded',
      rawStatus: 'completed',
      terminal: true,
      result: { sent: true },
      failure: null,
      ...noDates,
      raw: response,
    };
    expect(convertOutxJob(response)).toEqual(expected);
  });

  it('converts a completed message with sent: false and an error to a failed job with the vendor text', () => {
    const response = statusFixture('outx-get-task-status-send-message-failed.json');
    const expected: AsyncJob<OutxResult> = {
      ref: `outx:${MESSAGE_TASK_ID}`,
      provider: 'outx',
      id: MESSAGE_TASK_ID,
      status: 'failed',
      rawStatus: 'completed',
      terminal: true,
      result: null,
      failure: { code: 'task_failed', message: 'Recipient is not a 1st-degree connection', retryable: false },
      ...noDates,
      raw: response,
    };
    expect(convertOutxJob(response)).toEqual(expected);
  });

  it('reads a connection request without a task_type as an action from its echoed input', () => {
    const response = statusFixture('outx-get-task-status-connection-request-completed.json');
    const id = '9b2f1c3e-4d5a-4e6f-8a7b-1c2d3e4f5a6b';
    const expected: AsyncJob<OutxResult> = {
      ref: `outx:${id}`,
      provider: 'outx',
      id,
      status: 'succeeded',
      rawStatus: 'completed',
      terminal: true,
      result: { sent: true },
      failure: null,
      ...noDates,
      raw: response,
    };
    expect(convertOutxJob(response)).toEqual(expected);
  });

  it('keeps a confirmed action succeeded even when its output also carries an error text', () => {
    const job = convertOutxJob(
      task({
        status: 'completed',
        task_input: { task_type: 'agent_send_message', recipient_urn: 'urn:li:person:1', message: 'Hi' },
        task_output: { sent: true, error: 'read receipt unavailable' },
      }),
    );
    expect(job).toMatchObject({
      status: 'succeeded',
      result: { sent: true, error: 'read receipt unavailable' },
    });
  });

  it.each([
    ['sent: false without text', { sent: false }],
    ['no sent flag', { delivered: true }],
    ['an empty output', {}],
    ['a null output', null],
  ])('fails an action task whose output has %s', (_case, output) => {
    const job = convertOutxJob(
      task({
        status: 'completed',
        task_input: { task_type: 'agent_send_message', recipient_urn: 'urn:li:person:1', message: 'Hi' },
        task_output: output,
      }),
    );
    expect(job.status).toBe('failed');
    expect(job.failure).toEqual({
      code: 'action_not_confirmed',
      message: 'OutX completed the agent_send_message task without confirming the action (no "sent: true").',
      retryable: false,
    });
  });

  it.each([
    ['like-post', { social_urn: 'urn:li:activity:712' }],
    ['send-connection-request', { profile_urn: 'urn:li:fsd_profile:ACo' }],
    ['send-message', { recipient_urn: 'urn:li:person:1', message: 'Hi' }],
  ])('treats an untyped %s task as an action: {} fails, { sent: true } succeeds', (_case, input) => {
    const unconfirmed = convertOutxJob(task({ status: 'completed', task_input: input, task_output: {} }));
    const confirmed = convertOutxJob(
      task({ status: 'completed', task_input: input, task_output: { sent: true } }),
    );
    expect(unconfirmed.failure?.code).toBe('action_not_confirmed');
    expect(confirmed.status).toBe('succeeded');
  });

  it('reads a nested error message in a data task output as a failure', () => {
    const job = convertOutxJob(
      task({
        status: 'completed',
        task_input: { task_type: 'agent_profile_fetch', profile_slug: 'nobody' },
        task_output: { error: { message: 'Profile not found' } },
      }),
    );
    expect(job.failure).toEqual({ code: 'task_failed', message: 'Profile not found', retryable: false });
  });

  it('fails a completed data task without output', () => {
    const job = convertOutxJob(
      task({ status: 'completed', task_input: { task_type: 'agent_profile_fetch' }, task_output: null }),
    );
    expect(job.failure).toEqual({
      code: 'missing_output',
      message: 'OutX completed the agent_profile_fetch task without any output.',
      retryable: false,
    });
  });

  it('keeps an unknown status word as unknown with its raw status', () => {
    const job = convertOutxJob(task({ status: 'in_progress', task_input: null, task_output: null }));
    expect(job).toMatchObject({ status: 'unknown', rawStatus: 'in_progress', terminal: false, result: null });
  });

  it('returns camelCase keys at every depth and wraps a non-object output', () => {
    const connections = convertOutxJob(
      task({
        status: 'completed',
        task_input: { task_type: 'agent_connections_fetch', sort_type: 'RECENTLY_ADDED' },
        task_output: { total: 1, connections: [{ first_name: 'Ada', profile_url: 'https://x', _id: 'a' }] },
      }),
    );
    expect(connections.result).toEqual({
      total: 1,
      connections: [{ firstName: 'Ada', profileUrl: 'https://x', _id: 'a' }],
    });
    const list = convertOutxJob(
      task({ status: 'completed', task_input: null, task_output: [{ full_name: 'A' }] }),
    );
    expect(list.result).toEqual({ value: [{ fullName: 'A' }] });
  });
});

describe('convertCreatedOutxTask', () => {
  it('synthesizes a queued job with the initial vendor status', () => {
    const response: OutxCreateTaskResponse = outxCreateTaskResponseSchema.parse(
      loadFixture(import.meta.url, '__fixtures__/outx-fetch-profile-created.json'),
    );
    const expected: AsyncJob<OutxResult> = {
      ref: `outx:${PROFILE_TASK_ID}`,
      provider: 'outx',
      id: PROFILE_TASK_ID,
      status: 'queued',
      rawStatus: 'pending',
      terminal: false,
      result: null,
      failure: null,
      ...noDates,
      raw: {
        success: true,
        api_agent_task_id: PROFILE_TASK_ID,
        message: 'Profile fetch task created successfully',
      },
    };
    expect(convertCreatedOutxTask(response)).toEqual(expected);
  });
});

describe('isActionTask', () => {
  it.each([
    [{ task_type: 'agent_send_message' }, null, true],
    [{ task_type: 'agent_profile_fetch', profile_slug: 'x' }, null, false],
    [{ task_type: 'agent_profile_fetch' }, { sent: true }, true],
    [{ social_urn: 'urn:li:activity:1' }, null, true],
    [{ profile_urns: ['urn:li:fsd_profile:1'] }, null, false],
    [null, null, false],
  ])('task_input %j with output %j → %s', (input, output, expected) => {
    const { data } = task({ status: 'completed', task_input: input, task_output: output });
    expect(isActionTask(data)).toBe(expected);
  });
});

describe('toCamelCaseKeys', () => {
  it('leaves values alone and renames only keys', () => {
    expect(toCamelCaseKeys({ profile_url: 'a_b', list: ['c_d'], nested__key: 1 })).toEqual({
      profileUrl: 'a_b',
      list: ['c_d'],
      nestedKey: 1,
    });
  });
});
