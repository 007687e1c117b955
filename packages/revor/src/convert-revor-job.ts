import { type AsyncJob, createAsyncJob, type JobFailure } from '@asyncjob/core';
import { mapRevorStatus } from './map-revor-status';
import type { RevorAccountItem, RevorCreatedItem, RevorJobError, RevorJobItem } from './revor-api';

/** A Revor channel. */
export type RevorChannel = 'email' | 'linkedin' | 'whatsapp' | (string & {});

/** The kind of task: a dispatch or a LinkedIn post-like. */
export type RevorTaskAction = 'outreach.dispatch' | 'outreach.linkedin.post_like' | (string & {});

/**
 * What a dispatch actually did: `message` (email, WhatsApp), `direct_message` (LinkedIn, connected contact) or
 * `invitation` (LinkedIn, unconnected contact). Revor publishes no full list, so the union stays open.
 */
export type RevorResolvedAction = 'message' | 'direct_message' | 'invitation' | (string & {});

/**
 * The result's own status: `accepted` for a dispatch; `liked` or `skipped` for a post-like (`skipped`: no
 * relevant post was found and nothing was liked, yet the task succeeded).
 */
export type RevorResultStatus = 'accepted' | 'liked' | 'skipped' | (string & {});

/**
 * The result of a succeeded Revor task. Fields the vendor leaves out are null.
 *
 * @see https://revor.ai/docs/api/outreach-jobs
 */
export interface RevorResult {
  /** Which kind of task produced the result. */
  readonly taskAction: RevorTaskAction | null;
  readonly channel: RevorChannel | null;
  /** The Connect account that did the work. */
  readonly accountId: string | null;
  /** Dispatches: what was actually sent. */
  readonly resolvedAction: RevorResolvedAction | null;
  /** Dispatches: the id of the message sent. */
  readonly messageId: string | null;
  /** `accepted` (dispatch), `liked` or `skipped` (post-like). */
  readonly status: RevorResultStatus | null;
}

/** The usability of a Connect account: `ok`, `credentials` (reconnect needed) or `error`. */
export type RevorAccountStatus = 'ok' | 'credentials' | 'error' | (string & {});

/**
 * A Connect account that can send outreach; pass its `accountId` to `dispatch` and `likePost`.
 *
 * @see https://revor.ai/docs/api/connect-accounts
 */
export interface RevorAccount {
  readonly accountId: string;
  readonly channel: RevorChannel;
  /** The display name. */
  readonly name: string | null;
  /** The email address, LinkedIn profile URL or phone number behind the account. */
  readonly accountIdentifier: string | null;
  readonly status: RevorAccountStatus | null;
  /** An open set, e.g. `active`, `connected`, `reconnect_required`. */
  readonly lifecycleStatus: string | null;
  readonly canSend: boolean | null;
  readonly canReceive: boolean | null;
}

/** Turns a task from `GET /outreach/jobs/{id}` into an `AsyncJob`; `raw` is the wire object as received. */
export function convertRevorJob(item: RevorJobItem, raw: unknown = item): AsyncJob<RevorResult> {
  return createAsyncJob<RevorResult>({
    provider: 'revor',
    id: item.id,
    status: mapRevorStatus(item.status),
    rawStatus: item.status,
    result: item.result ? convertResult(item) : null,
    failure: convertFailure(item.error),
    scheduledAt: toDate(item.scheduled_at),
    startedAt: toDate(item.started_at),
    finishedAt: toDate(item.finished_at),
    nextAttemptAt: toDate(item.next_attempt_at),
    attempts: item.attempt_count ?? null,
    raw,
  });
}

/**
 * Turns a create's answer into the job's first snapshot. When the answer has no status (v1 promises only the
 * id), the job is reported as Revor reports every new task: `queued`.
 */
export function convertRevorCreatedJob(item: RevorCreatedItem): AsyncJob<RevorResult> {
  return convertRevorJob({ ...item, status: item.status || 'queued' }, item);
}

/** Turns one item of `GET /connect/accounts` into a `RevorAccount`. */
export function convertRevorAccount(item: RevorAccountItem): RevorAccount {
  return {
    accountId: item.account_id,
    channel: item.channel,
    name: item.name ?? null,
    accountIdentifier: item.account_identifier ?? null,
    status: item.status ?? null,
    lifecycleStatus: item.lifecycle_status ?? null,
    canSend: item.can_send ?? null,
    canReceive: item.can_receive ?? null,
  };
}

function convertResult(item: RevorJobItem): RevorResult {
  const result = item.result ?? {};
  return {
    taskAction: item.action ?? null,
    channel: result.channel ?? item.channel ?? null,
    accountId: result.account_id ?? null,
    resolvedAction: result.resolved_action ?? null,
    messageId: result.message_id ?? null,
    status: result.status ?? null,
  };
}

function convertFailure(error: RevorJobError | null | undefined): JobFailure | null {
  if (error === null || error === undefined) return null;
  if (typeof error === 'string') return error ? { code: error, message: error, retryable: false } : null;
  // Without a code or a message there is nothing to tell; the model's generic failure says as much.
  if (!error.code && !error.message) return null;
  const code = error.code || 'job_failed';
  return {
    code,
    message: error.message || code,
    // The v1 page does not promise `retryable`; without it, a new attempt is not assumed to help.
    retryable: error.retryable ?? false,
  };
}

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  // An unreadable timestamp is dropped rather than failing the lookup: the status still matters more.
  return Number.isNaN(date.getTime()) ? null : date;
}
