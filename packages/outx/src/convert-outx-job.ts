import { type AsyncJob, createAsyncJob, type JobFailure } from '@asyncjob/core';
import { mapOutxStatus } from './map-outx-status';
import type { OutxCreateTaskResponse, OutxTask, OutxTaskStatusResponse } from './outx-api';

/**
 * A completed task's `task_output`, with every key in camelCase (`profile_url` → `profileUrl`). Its shape depends
 * on the task: a profile for fetch-profile, `{ sent: true }` for send-message and send-connection-request, a list
 * plus `total` for fetch-connections. OutX documents object outputs only; any other value is kept under `value`.
 * @see https://docs.outx.ai/linkedin-api/get-task-status
 */
export type OutxResult = Readonly<Record<string, unknown>>;

/** The status word OutX gives a task it has just created. */
export const OUTX_INITIAL_STATUS = 'pending';

/**
 * `task_type` values whose output reports an action on LinkedIn (`{ sent: true }`). Only `agent_send_message` is
 * documented; see `isActionTask` for tasks whose type is not.
 * @see https://www.outx.ai/docs/linkedin-api/send-message
 */
const ACTION_TASK_TYPES = new Set(['agent_send_message']);

/** `task_type` values known to return data rather than perform an action. */
const DATA_TASK_TYPES = new Set(['agent_profile_fetch']);

/**
 * Request fields that only action endpoints take, as echoed back in `task_input`: send-message's `recipient_urn`,
 * like-post's `social_urn`, send-connection-request's `profile_urn` (fetch-profiles-posts takes `profile_urns`).
 */
const ACTION_INPUT_FIELDS = ['recipient_urn', 'social_urn', 'profile_urn'];

/** The job a create returns: OutX answers with the task id only, so the first snapshot is synthesized. */
export function convertCreatedOutxTask(response: OutxCreateTaskResponse): AsyncJob<OutxResult> {
  return createAsyncJob<OutxResult>({
    provider: 'outx',
    id: response.api_agent_task_id,
    status: 'queued',
    rawStatus: OUTX_INITIAL_STATUS,
    raw: response,
  });
}

/** Converts a `get-task-status` answer into a job. A completed task that did not do its work is `failed`. */
export function convertOutxJob(response: OutxTaskStatusResponse): AsyncJob<OutxResult> {
  const task = response.data;
  const base = { provider: 'outx', id: task.id, rawStatus: task.status, raw: response } as const;
  const status = mapOutxStatus(task.status);
  if (status !== 'succeeded') return createAsyncJob<OutxResult>({ ...base, status });
  const failure = findTaskFailure(task);
  if (failure) return createAsyncJob<OutxResult>({ ...base, status: 'failed', failure });
  return createAsyncJob<OutxResult>({ ...base, status: 'succeeded', result: toResult(task.task_output) });
}

/**
 * Whether a task performs an action on LinkedIn, so that its output must confirm it with `sent: true`. OutX
 * documents the `task_type` of send-message only; for other tasks the echoed input tells (see
 * `ACTION_INPUT_FIELDS`), and an output that carries a `sent` flag is read as an action report whatever the type.
 */
export function isActionTask(task: OutxTask): boolean {
  const taskType = task.task_input?.task_type ?? undefined;
  if (taskType !== undefined && ACTION_TASK_TYPES.has(taskType)) return true;
  if (isRecord(task.task_output) && 'sent' in task.task_output) return true;
  if (taskType !== undefined && DATA_TASK_TYPES.has(taskType)) return false;
  const input = task.task_input ?? {};
  return ACTION_INPUT_FIELDS.some((field) => field in input);
}

/**
 * OutX has no failed status and does not document how a failure inside the extension is reported
 * (https://www.outx.ai/docs/linkedin-api/send-message only says that messaging a non-connection "will result in a
 * task failure"). A completed task is therefore read as failed when its output carries an error text, when an
 * action task's output lacks `sent: true`, or when there is no output at all. An action confirmed with
 * `sent: true` always succeeds. Failures are not retryable: OutX does not say a new task would fare better, and
 * an unconfirmed action may still have happened.
 */
function findTaskFailure(task: OutxTask): JobFailure | null {
  const output = task.task_output;
  const action = isActionTask(task);
  // A confirmed action happened, whatever else the output says: calling it failed could make a caller send a
  // second message or invitation.
  if (action && isRecord(output) && output.sent === true) return null;
  const vendorText = readErrorText(output);
  if (vendorText) return { code: 'task_failed', message: vendorText, retryable: false };
  if (action) {
    return {
      code: 'action_not_confirmed',
      message: `OutX completed the ${describeTask(task)} task without confirming the action (no "sent: true").`,
      retryable: false,
    };
  }
  if (output === null || output === undefined) {
    return {
      code: 'missing_output',
      message: `OutX completed the ${describeTask(task)} task without any output.`,
      retryable: false,
    };
  }
  return null;
}

function readErrorText(output: unknown): string | undefined {
  if (!isRecord(output)) return undefined;
  const error = output.error;
  if (typeof error === 'string' && error.trim() !== '') return error.trim();
  if (isRecord(error) && typeof error.message === 'string' && error.message.trim() !== '') {
    return error.message.trim();
  }
  return undefined;
}

function describeTask(task: OutxTask): string {
  return task.task_input?.task_type ?? 'untyped';
}

function toResult(output: unknown): OutxResult {
  const converted = toCamelCaseKeys(output);
  return isRecord(converted) ? converted : { value: converted };
}

/** Renames snake_case keys to camelCase at every depth, so no vendor field name leaves this file. */
export function toCamelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamelCaseKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [toCamelCase(key), toCamelCaseKeys(entry)]),
  );
}

function toCamelCase(key: string): string {
  // A leading underscore (`_id`) is part of the name, not a word break.
  return key.replace(/(?<=[A-Za-z0-9])_+([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
