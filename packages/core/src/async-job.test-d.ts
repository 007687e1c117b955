// Type-level checks, verified by `tsc --noEmit` (the package's typecheck script).
import { expectTypeOf } from 'vitest';
import type { AsyncJob, JobFailure } from './async-job';

declare const job: AsyncJob<{ messageId: string }>;

if (job.status === 'succeeded') {
  expectTypeOf(job.result).toEqualTypeOf<{ messageId: string } | null>();
  expectTypeOf(job.failure).toEqualTypeOf<null>();
}
if (job.status === 'failed') {
  expectTypeOf(job.failure).toEqualTypeOf<JobFailure>();
  expectTypeOf(job.result).toEqualTypeOf<null>();
}
if (!job.terminal) {
  expectTypeOf(job.result).toEqualTypeOf<null>();
  expectTypeOf(job.status).toEqualTypeOf<
    'queued' | 'scheduled' | 'running' | 'retrying' | 'awaiting_action' | 'unknown'
  >();
}
if (job.terminal) {
  expectTypeOf(job.status).toEqualTypeOf<'succeeded' | 'failed' | 'cancelled'>();
}
