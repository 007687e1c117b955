/**
 * The vendors this project ships adapters for. The type stays open: a third-party adapter can use any name.
 */
export type KnownProvider = 'revor' | 'outx' | 'oration' | 'revkeen';

/** A provider name: one of the known vendors, or any other adapter's name. */
export type ProviderName = KnownProvider | (string & {});

/** Every normalized job status, in lifecycle order. */
export const JOB_STATUSES = [
  'queued',
  'scheduled',
  'running',
  'retrying',
  'awaiting_action',
  'succeeded',
  'failed',
  'cancelled',
  'unknown',
] as const;

/** The normalized status of a job. `unknown` keeps polling; `rawStatus` holds the vendor's word. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The statuses after which a job never changes again. */
export type TerminalJobStatus = 'succeeded' | 'failed' | 'cancelled';

/** The statuses of a job that is still in progress (or whose status we do not know yet). */
export type PendingJobStatus = Exclude<JobStatus, TerminalJobStatus>;

/** Whether a status is final: `succeeded`, `failed` or `cancelled`. */
export function isTerminalStatus(status: JobStatus): status is TerminalJobStatus {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

/** Whether a string is one of the nine normalized statuses. */
export function isJobStatus(value: unknown): value is JobStatus {
  return typeof value === 'string' && (JOB_STATUSES as readonly string[]).includes(value);
}

/** Why a job failed (or was cancelled), as the vendor tells it. */
export interface JobFailure {
  /** The vendor's code, or a code the adapter derived when the vendor gives none. */
  readonly code: string;
  /** A human-readable reason. */
  readonly message: string;
  /** Whether the vendor says a new job with the same input may succeed. */
  readonly retryable: boolean;
}

/** The fields every job snapshot carries, whatever its status. */
export interface AsyncJobBase {
  /** `provider:id`, a string another process can use to find the job again. */
  readonly ref: string;
  readonly provider: ProviderName;
  /** The vendor's own job, task or run id. */
  readonly id: string;
  /** The vendor's status word, untouched. */
  readonly rawStatus: string;
  readonly createdAt: Date | null;
  readonly updatedAt: Date | null;
  /** When the vendor plans to start the job; the poller does not check before it. */
  readonly scheduledAt: Date | null;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  /** When the vendor plans its next attempt; the poller does not check before it. */
  readonly nextAttemptAt: Date | null;
  /** The vendor's attempt count, when it reports one. */
  readonly attempts: number | null;
  /** The validated wire object, for logs and debugging. */
  readonly raw: unknown;
}

/** A job that is still in progress. */
export interface PendingJob extends AsyncJobBase {
  readonly status: PendingJobStatus;
  readonly terminal: false;
  readonly result: null;
  readonly failure: null;
}

/** A job that finished well. `result` may be null when the vendor returns no payload. */
export interface SucceededJob<TResult = unknown> extends AsyncJobBase {
  readonly status: 'succeeded';
  readonly terminal: true;
  readonly result: TResult | null;
  readonly failure: null;
}

/** A job that finished without succeeding. A failed job is data, not an error. */
export interface FailedJob extends AsyncJobBase {
  readonly status: 'failed';
  readonly terminal: true;
  readonly result: null;
  readonly failure: JobFailure;
}

/** A job that was stopped before it finished; `failure` holds the reason when the vendor gives one. */
export interface CancelledJob extends AsyncJobBase {
  readonly status: 'cancelled';
  readonly terminal: true;
  readonly result: null;
  readonly failure: JobFailure | null;
}

/** A finished job. */
export type TerminalJob<TResult = unknown> = SucceededJob<TResult> | FailedJob | CancelledJob;

/**
 * One snapshot of a job at a vendor, normalized. Narrow on `status` or `terminal` to reach `result` or `failure`.
 */
export type AsyncJob<TResult = unknown> = PendingJob | TerminalJob<TResult>;

/** What an adapter knows about a job before it is normalized into an `AsyncJob`. */
export interface AsyncJobInit<TResult = unknown> {
  readonly provider: ProviderName;
  readonly id: string;
  /** Needed only when the ref is not `provider:id` (RevKeen's `automation/run`). */
  readonly ref?: string;
  readonly status: JobStatus;
  readonly rawStatus: string;
  readonly result?: TResult | null;
  readonly failure?: JobFailure | null;
  readonly createdAt?: Date | null;
  readonly updatedAt?: Date | null;
  readonly scheduledAt?: Date | null;
  readonly startedAt?: Date | null;
  readonly finishedAt?: Date | null;
  readonly nextAttemptAt?: Date | null;
  readonly attempts?: number | null;
  readonly raw?: unknown;
}

const DEFAULT_FAILURE: JobFailure = {
  code: 'job_failed',
  message: 'The vendor reported the job as failed without a reason.',
  retryable: false,
};

/**
 * Builds a consistent `AsyncJob` from an adapter's fields: `terminal` follows `status`, `result` is kept only
 * on success and `failure` only on failure or cancellation.
 */
export function createAsyncJob<TResult>(init: AsyncJobInit<TResult>): AsyncJob<TResult> {
  const base: AsyncJobBase = {
    ref: init.ref ?? `${init.provider}:${init.id}`,
    provider: init.provider,
    id: init.id,
    rawStatus: init.rawStatus,
    createdAt: validDate(init.createdAt),
    updatedAt: validDate(init.updatedAt),
    scheduledAt: validDate(init.scheduledAt),
    startedAt: validDate(init.startedAt),
    finishedAt: validDate(init.finishedAt),
    nextAttemptAt: validDate(init.nextAttemptAt),
    attempts: init.attempts ?? null,
    raw: init.raw ?? null,
  };
  switch (init.status) {
    case 'succeeded':
      return { ...base, status: 'succeeded', terminal: true, result: init.result ?? null, failure: null };
    case 'failed':
      return {
        ...base,
        status: 'failed',
        terminal: true,
        result: null,
        failure: init.failure ?? DEFAULT_FAILURE,
      };
    case 'cancelled':
      return { ...base, status: 'cancelled', terminal: true, result: null, failure: init.failure ?? null };
    default:
      return { ...base, status: init.status, terminal: false, result: null, failure: null };
  }
}

/** A vendor timestamp that does not parse is unknown, not a Date that throws when printed. */
function validDate(date: Date | null | undefined): Date | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date : null;
}
