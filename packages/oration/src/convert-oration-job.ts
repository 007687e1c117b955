import { type AsyncJob, createAsyncJob, isTerminalStatus, type JobFailure } from '@asyncjob/core';
import { mapOrationStatus } from './map-oration-status';
import type { OrationCustomerBatchResponse, OrationJob } from './oration-api';

/**
 * What a succeeded Oration job yields: nothing. Oration returns no payload (no counts, no per-row errors), so
 * `result` is always `null`; the job record itself stays in `raw`.
 * @see https://docs.oration.ai/api-reference/endpoint/jobs/get
 */
export type OrationResult = null;

/** The status word Oration gives a job it has just accepted, before it is enqueued. */
export const ORATION_INITIAL_STATUS = 'created';

const FAILED_WITHOUT_REASON = 'Oration reported the job as failed without an error message.';

/**
 * Converts a job from `GET /jobs/{id}` into the normalized model.
 *
 * Oration reports only `createdAt` and `updatedAt`. `updatedAt` is "when the job status last changed", so on a
 * terminal job it is when the job finished: `finishedAt` is inferred from it. No start time or attempt count is
 * given, so `startedAt` and `attempts` stay null.
 */
export function convertOrationJob(job: OrationJob): AsyncJob<OrationResult> {
  const status = mapOrationStatus(job.status);
  const updatedAt = parseDate(job.updatedAt);
  return createAsyncJob<OrationResult>({
    provider: 'oration',
    id: job.id,
    status,
    rawStatus: job.status,
    result: null,
    failure: status === 'failed' ? readFailure(job.error) : null,
    createdAt: parseDate(job.createdAt),
    updatedAt,
    finishedAt: isTerminalStatus(status) ? updatedAt : null,
    raw: job,
  });
}

/**
 * The job a create returns: Oration answers `{ jobId }` only, so the first snapshot is synthesized with the
 * vendor's initial status word (`created`, normalized to `queued`) and no dates.
 * @see https://docs.oration.ai/api-reference/endpoint/customers/post
 */
export function convertOrationCreatedJob(response: OrationCustomerBatchResponse): AsyncJob<OrationResult> {
  return createAsyncJob<OrationResult>({
    provider: 'oration',
    id: response.jobId,
    status: mapOrationStatus(ORATION_INITIAL_STATUS),
    rawStatus: ORATION_INITIAL_STATUS,
    raw: response,
  });
}

function readFailure(error: OrationJob['error']): JobFailure {
  // A failed job carries a message and no code: `job_failed` stands in. Nothing says a re-run would succeed.
  if (typeof error === 'string') {
    return { code: 'job_failed', message: error.trim() || FAILED_WITHOUT_REASON, retryable: false };
  }
  return {
    code: error?.code || 'job_failed',
    message: error?.message?.trim() || FAILED_WITHOUT_REASON,
    retryable: false,
  };
}

function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}
