export {
  type AsyncJob,
  type AsyncJobBase,
  type AsyncJobInit,
  type CancelledJob,
  createAsyncJob,
  type FailedJob,
  isJobStatus,
  isTerminalStatus,
  JOB_STATUSES,
  type JobFailure,
  type JobStatus,
  type KnownProvider,
  type PendingJob,
  type PendingJobStatus,
  type ProviderName,
  type SucceededJob,
  type TerminalJob,
  type TerminalJobStatus,
} from './async-job';
export type { AsyncJobClient, PollingAdvice, RequestOptions, SubmitOptions } from './async-job-client';
export {
  ASYNC_JOB_ERROR_KINDS,
  type AsyncJobError,
  type AsyncJobErrorDetails,
  type AsyncJobErrorKind,
  abortedError,
  asyncJobError,
  configError,
  isAsyncJobError,
  type PollTimeoutError,
  pollTimeoutError,
  type RequestError,
  type ResponseIssue,
} from './async-job-error';
export { type AsyncJobJson, jobFromJson, jobToJson } from './async-job-json';
export { configFromEnv, ENVIRONMENT_VARIABLES, type Environment } from './config-from-env';
export { type Delay, type LinkedSignal, linkSignal, MAX_TIMER_DELAY_MS, timerDelay } from './delay';
export { formatJobRef, type ParsedJobRef, parseJobRef } from './job-ref';
export {
  createJobClient,
  createJobRegistry,
  type JobRegistry,
  type JobRegistryOptions,
  type ProviderFactories,
  type ProviderFactory,
  type ResolvedRef,
} from './job-registry';
export {
  type BackoffOptions,
  backoffDelay,
  computeNextDelay,
  type DelayReason,
  type NextDelay,
  type NextDelayInput,
  resolveBackoff,
  serverHint,
} from './next-delay';
export {
  type OrationConfig,
  type OtherProviderConfig,
  type OutxConfig,
  type ProviderConfig,
  parseProviderConfig,
  type RevkeenConfig,
  type RevorConfig,
} from './provider-config';
export { type RateLimitState, type ResponseHints, rateLimitWaitMs } from './response-hints';
export type { JobStore, StoredJob, StoredOutcome } from './store/job-store';
export { MemoryStore } from './store/memory-store';
export {
  type AdaptiveOptions,
  DurationLearner,
  proposeAdaptiveDelay,
} from './tracker/duration-learner';
export { createJobTracker, JobTracker } from './tracker/job-tracker';
export { type RateBudget, TokenBucket } from './tracker/token-bucket';
export {
  parseTrackerSnapshot,
  type TrackedJobState,
  type TrackerSnapshot,
  trackerSnapshotSchema,
} from './tracker/tracker-snapshot';
export type {
  DrainSummary,
  JobTrackerOptions,
  SettledJob,
  TrackerClock,
  TrackerEvent,
  TrackerStats,
  TrackOptions,
} from './tracker/tracker-types';
export { DEFAULT_WAIT_TIMEOUT_MS, type WaitOptions, waitForJob, watchJob } from './wait-for-job';
export {
  createWaitHandle,
  parseWaitHandle,
  resumeWait,
  serializeWaitHandle,
  type WaitHandle,
} from './wait-handle';
