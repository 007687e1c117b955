import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import { type AsyncJob, createAsyncJob, type JobStatus, type ProviderName } from '../async-job';
import type { AsyncJobClient } from '../async-job-client';
import { type AsyncJobError, abortedError, asyncJobError, pollTimeoutError } from '../async-job-error';
import { jobFromJson, jobToJson } from '../async-job-json';
import { linkSignal } from '../delay';
import { parseJobRef } from '../job-ref';
import type { JobRegistry } from '../job-registry';
import { type BackoffOptions, computeNextDelay, resolveBackoff } from '../next-delay';
import { type ResponseHints, rateLimitWaitMs } from '../response-hints';
import { callHook } from '../safe-call';
import type { JobStore, StoredJob, StoredOutcome } from '../store/job-store';
import { checkDeadlineOptions } from '../wait-for-job';
import { type AdaptiveOptions, DurationLearner, proposeAdaptiveDelay } from './duration-learner';
import { MinHeap } from './min-heap';
import { TokenBucket } from './token-bucket';
import { parseTrackerSnapshot, type TrackedJobState, type TrackerSnapshot } from './tracker-snapshot';
import type {
  DrainSummary,
  JobTrackerOptions,
  SettledJob,
  TrackerClock,
  TrackerEvent,
  TrackerStats,
  TrackOptions,
} from './tracker-types';

const DEFAULT_BUDGET = { limit: 10, windowMs: 1000 };
const DEFAULT_TRACK_TIMEOUT_MS = 24 * 3_600_000;
const LEARNABLE: ReadonlySet<JobStatus> = new Set(['queued', 'running', 'awaiting_action']);

/** The state of one tracked job: a fixed set of fields, whatever its history. */
interface Entry {
  readonly ref: string;
  readonly provider: ProviderName;
  readonly id: string;
  readonly client: AsyncJobClient;
  readonly operation: string;
  readonly queue: KeyQueue;
  readonly trackedAt: number;
  readonly deadline: number | null;
  lastJob: AsyncJob | null;
  attempt: number;
  dueAt: number;
  phaseSince: number;
  lastSeenAt: number;
  finalCheck: boolean;
  removed: boolean;
  /** False when the store refused the job: it is tracked in memory, and settles without the store. */
  recorded: boolean;
}

/** One vendor key: its budget and its jobs ordered by next check. */
interface KeyQueue {
  readonly key: string;
  readonly bucket: TokenBucket;
  readonly heap: MinHeap<Entry>;
  readonly backoff: BackoffOptions;
  servedAt: number;
}

/**
 * Tracks many jobs across vendors with one scheduler: a queue of next-check times per vendor key, one timer
 * for the earliest, and a token bucket per key that learns the vendor's limits and stops every job of the key
 * on a 429. Delays follow the same rules as `waitForJob` (`computeNextDelay`), with a learned schedule in place
 * of the blind backoff once enough jobs of a kind have been seen to finish.
 */
export class JobTracker {
  readonly #registry: JobRegistry;
  readonly #options: JobTrackerOptions;
  readonly #clock: TrackerClock;
  readonly #random: () => number;
  readonly #adaptive: AdaptiveOptions | null;
  readonly #learner: DurationLearner;
  readonly #entries = new Map<string, Entry>();
  readonly #queues = new Map<string, KeyQueue>();
  readonly #listeners = new Set<(event: TrackerEvent) => void>();
  readonly #drainWaiters = new Set<(result: Result<DrainSummary, AsyncJobError>) => void>();
  readonly #controller = new AbortController();
  /** Waiting `settled()` iterators, woken on every settle, untrack and abort. */
  readonly #wakers = new Set<() => void>();
  #timer: unknown = null;
  #timerAt = Number.POSITIVE_INFINITY;
  #inFlight = 0;
  /** Settles waiting for the store before their handlers run. */
  #settling = 0;
  /** Store writes, in order: a job's put before its updates, its updates before its outcome. */
  #writes: Promise<unknown> = Promise.resolve();
  #served = 0;
  #counts = { requests: 0, rateLimited: 0, settled: 0, succeeded: 0, failed: 0, cancelled: 0, errors: 0 };

  constructor(registry: JobRegistry, options: JobTrackerOptions = {}) {
    this.#registry = registry;
    this.#options = options;
    this.#clock = options.clock ?? {
      now: Date.now,
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    };
    this.#random = options.random ?? Math.random;
    this.#adaptive = options.adaptive === false ? null : { minSamples: 8, step: 0.5, ...options.adaptive };
    this.#learner = new DurationLearner();
    if (options.learned) this.#learner.import(options.learned);
  }

  /** How many jobs are tracked. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Starts tracking a ref, or a job already in hand (a create's response: a terminal one settles at once, a
   * scheduled one is not checked before its time). Tracking a ref twice keeps the first.
   */
  track(target: string | AsyncJob, options: TrackOptions = {}): Result<string, AsyncJobError> {
    return this.#track(target, options).map(({ ref }) => ref);
  }

  /**
   * Creates a job and tracks it, recording it in the store before the created job is handed back: a crash
   * right after a create cannot lose the job.
   */
  trackCreated(
    create: ResultAsync<AsyncJob, AsyncJobError>,
    options: TrackOptions = {},
  ): ResultAsync<AsyncJob, AsyncJobError> {
    return create.andThen((job) =>
      this.#track(job, options).match(
        ({ recorded }) => ResultAsync.fromSafePromise(recorded).map(() => job),
        (error) => errAsync<AsyncJob, AsyncJobError>(error),
      ),
    );
  }

  #track(
    target: string | AsyncJob,
    options: TrackOptions,
  ): Result<{ ref: string; recorded: Promise<void> }, AsyncJobError> {
    if (this.#controller.signal.aborted) return err(abortedError());
    const ref = typeof target === 'string' ? target : target.ref;
    if (this.#entries.has(ref)) return ok({ ref, recorded: Promise.resolve() });
    const resolved = this.#registry.resolve(ref);
    if (resolved.isErr()) return err(resolved.error);
    const invalid = checkDeadlineOptions(options);
    if (invalid) return err(invalid);
    const now = this.#clock.now();
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TRACK_TIMEOUT_MS;
    const deadline =
      options.deadline !== undefined
        ? new Date(options.deadline).getTime()
        : Number.isFinite(timeoutMs)
          ? now + timeoutMs
          : null;
    const job = typeof target === 'string' ? null : target;
    const entry = this.#newEntry(
      ref,
      resolved.value.client,
      resolved.value.id,
      options.operation ?? 'default',
      {
        trackedAt: now,
        deadline,
        dueAt: now,
        phaseSince: now,
        attempt: 0,
        lastJob: job,
      },
    );
    const start = () => {
      if (entry.removed || this.#controller.signal.aborted) return;
      if (job?.terminal) {
        this.#settle(entry, ok(job));
        return;
      }
      if (job) {
        this.#emit({ type: 'change', job, previous: null });
        this.#reschedule(entry, null, null);
      } else {
        entry.queue.heap.push(entry);
      }
      this.#pump();
    };
    // With a store, a job is recorded before its first check; without one, tracking starts at once.
    if (!this.#options.store) {
      start();
      return ok({ ref, recorded: Promise.resolve() });
    }
    const recorded = this.#record(entry).then(start);
    return ok({ ref, recorded });
  }

  /** Stops tracking a ref without settling it, and forgets it in the store; false when it was not tracked. */
  untrack(ref: string): boolean {
    const entry = this.#entries.get(ref);
    if (!entry) return false;
    entry.removed = true;
    this.#entries.delete(ref);
    // Queued after the job's own put, so an untrack right after a track leaves nothing behind either.
    if (entry.recorded) {
      void this.#write((store) => store.remove(ref)).then((result) => {
        if (result?.isErr()) this.#emit({ type: 'store_error', ref, error: result.error });
      });
    }
    this.#resolveDrainsIfIdle();
    return true;
  }

  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: (event: TrackerEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Settled jobs as they come; ends when nothing is tracked any more (track first, then iterate) or on abort. */
  async *settled(): AsyncGenerator<SettledJob, void, undefined> {
    const buffer: SettledJob[] = [];
    const stop = this.subscribe((event) => {
      if (event.type === 'settled') buffer.push(event.settled);
    });
    try {
      for (;;) {
        const next = buffer.shift();
        if (next) {
          yield next;
          continue;
        }
        if ((this.#entries.size === 0 && this.#settling === 0) || this.#controller.signal.aborted) return;
        await new Promise<void>((resolve) => this.#wakers.add(resolve));
      }
    } finally {
      stop();
    }
  }

  /** Resolves when every tracked job has settled (Err `aborted` if the tracker is aborted first). */
  drain(): ResultAsync<DrainSummary, AsyncJobError> {
    if (this.#controller.signal.aborted) return new ResultAsync(Promise.resolve(err(abortedError())));
    if (this.#entries.size === 0 && this.#settling === 0) return okAsync(this.#summary());
    return new ResultAsync(new Promise((resolve) => this.#drainWaiters.add(resolve)));
  }

  /** Stops everything: the requests in flight, the timer, and every pending `drain`. Jobs stay unsettled. */
  abort(): void {
    if (this.#controller.signal.aborted) return;
    this.#controller.abort();
    this.#clearTimer();
    for (const waiter of this.#drainWaiters) waiter(err(abortedError()));
    this.#drainWaiters.clear();
    this.#wake();
    this.#listeners.clear();
  }

  stats(): TrackerStats {
    const budgets = Object.fromEntries([...this.#queues].map(([key, queue]) => [key, queue.bucket.budget]));
    return {
      tracked: this.#entries.size,
      inFlight: this.#inFlight,
      requests: this.#counts.requests,
      rateLimited: this.#counts.rateLimited,
      settled: this.#counts.settled,
      budgets,
    };
  }

  /** The whole tracked set and what was learned, as versioned JSON-ready data. */
  snapshot(): TrackerSnapshot {
    const jobs = [...this.#entries.values()].map((entry) => this.#stateOf(entry));
    return { version: 1, takenAt: this.#clock.now(), jobs, learned: this.#learner.export() };
  }

  /** Continues every job of a snapshot (refs already tracked are kept); returns how many were added. */
  restore(input: unknown): Result<number, AsyncJobError> {
    const parsed = parseTrackerSnapshot(input);
    if (parsed.isErr()) return err(parsed.error);
    this.#learner.import(parsed.value.learned);
    return this.#restoreStates(parsed.value.jobs, true);
  }

  /**
   * After a restart: first runs the settle handlers of outcomes recorded before the stop but not yet handled
   * (so every outcome reaches its handlers at least once), then continues every unsettled job. Returns how many
   * unsettled jobs it took up.
   */
  resume(): ResultAsync<number, AsyncJobError> {
    const store = this.#options.store;
    if (!store) return okAsync(0);
    return store
      .listUnhandled()
      .map((jobs) => jobs.map((job) => this.#redeliver(job)))
      .andThen(() => store.listUnsettled())
      .andThen((jobs) =>
        this.#restoreStates(
          jobs.map((job) => job.state),
          false,
        ),
      );
  }

  #redeliver(stored: StoredJob): string | null {
    const outcome = stored.outcome;
    if (!outcome) return null;
    const result: Result<AsyncJob, AsyncJobError> =
      outcome.type === 'job' ? jobFromJson(outcome.job) : err(outcome.error);
    const provider = parseJobRef(stored.state.ref).map((parsed) => parsed.provider);
    this.#emit({
      type: 'settled',
      settled: {
        ref: stored.state.ref,
        provider: provider.isOk() ? provider.value : 'unknown',
        operation: stored.state.operation,
        result,
      },
    });
    this.#markHandled(stored.state.ref);
    return stored.state.ref;
  }

  #markHandled(ref: string): void {
    const handledAt = this.#clock.now();
    void this.#write((store) => store.markHandled(ref, handledAt)).then((result) => {
      if (result?.isErr()) this.#emit({ type: 'store_error', ref, error: result.error });
    });
  }

  #restoreStates(states: readonly TrackedJobState[], record: boolean): Result<number, AsyncJobError> {
    const resolvedAll = states.map((state) =>
      this.#registry.resolve(state.ref).map((resolved) => ({ state, resolved })),
    );
    const failed = resolvedAll.find((result) => result.isErr());
    if (failed?.isErr()) return err(failed.error);
    let added = 0;
    for (const result of resolvedAll) {
      if (result.isErr()) continue;
      const { state, resolved } = result.value;
      if (this.#entries.has(state.ref)) continue;
      const lastJob =
        state.status === null
          ? null
          : createAsyncJob({
              provider: resolved.provider,
              id: resolved.id,
              ref: state.ref,
              status: state.status,
              rawStatus: state.rawStatus ?? state.status,
              scheduledAt: state.scheduledAt === null ? null : new Date(state.scheduledAt),
              nextAttemptAt: state.nextAttemptAt === null ? null : new Date(state.nextAttemptAt),
            });
      const entry = this.#newEntry(state.ref, resolved.client, resolved.id, state.operation, {
        ...state,
        lastJob,
      });
      added += 1;
      if (record && this.#options.store) {
        void this.#record(entry).then(() => {
          if (!entry.removed) entry.queue.heap.push(entry);
          this.#pump();
        });
      } else {
        entry.queue.heap.push(entry);
      }
    }
    this.#pump();
    return ok(added);
  }

  #stateOf(entry: Entry): TrackedJobState {
    return {
      ref: entry.ref,
      operation: entry.operation,
      status: entry.lastJob?.status ?? null,
      rawStatus: entry.lastJob?.rawStatus ?? null,
      trackedAt: entry.trackedAt,
      deadline: entry.deadline,
      dueAt: entry.dueAt,
      phaseSince: entry.phaseSince,
      attempt: entry.attempt,
      scheduledAt: entry.lastJob?.scheduledAt?.getTime() ?? null,
      nextAttemptAt: entry.lastJob?.nextAttemptAt?.getTime() ?? null,
    };
  }

  /** Appends a store write to the queue, so writes land in the order they were made. */
  #write<T>(
    operation: (store: JobStore) => ResultAsync<T, AsyncJobError>,
  ): Promise<Result<T, AsyncJobError> | null> {
    const store = this.#options.store;
    if (!store) return Promise.resolve(null);
    // A store that throws or rejects becomes an Err, and the queue goes on for the writes after it.
    const next = this.#writes.then(() =>
      ResultAsync.fromPromise(
        Promise.resolve().then(() => operation(store)),
        (thrown) =>
          asyncJobError(
            'config',
            `The job store failed: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
            {
              field: 'store',
            },
          ),
      ).andThen((result) => result),
    );
    this.#writes = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  #record(entry: Entry): Promise<void> {
    return this.#write((store) => store.put(this.#stateOf(entry))).then((result) => {
      if (result?.isErr()) {
        entry.recorded = false;
        this.#emit({ type: 'store_error', ref: entry.ref, error: result.error });
      }
    });
  }

  #persist(entry: Entry): void {
    if (!entry.recorded) return;
    void this.#write((store) => store.update(this.#stateOf(entry))).then((result) => {
      if (result?.isErr()) this.#emit({ type: 'store_error', ref: entry.ref, error: result.error });
    });
  }

  #newEntry(
    ref: string,
    client: AsyncJobClient,
    id: string,
    operation: string,
    state: Pick<Entry, 'trackedAt' | 'deadline' | 'dueAt' | 'phaseSince' | 'attempt' | 'lastJob'>,
  ): Entry {
    const entry: Entry = {
      ref,
      provider: client.provider,
      id,
      client,
      operation,
      queue: this.#queueFor(client),
      ...state,
      lastSeenAt: state.trackedAt,
      finalCheck: false,
      removed: false,
      recorded: true,
    };
    this.#entries.set(ref, entry);
    return entry;
  }

  #queueFor(client: AsyncJobClient): KeyQueue {
    const key = client.provider;
    let queue = this.#queues.get(key);
    if (!queue) {
      const configured = this.#options.rateLimits?.[key];
      // A budget of nothing would never let a check out: it is read as no budget given.
      const budget =
        configured && configured.limit > 0 && configured.windowMs > 0 ? configured : DEFAULT_BUDGET;
      queue = {
        key,
        bucket: new TokenBucket(budget, this.#clock.now()),
        heap: new MinHeap<Entry>((a, b) => a.dueAt - b.dueAt),
        backoff: resolveBackoff(client.pollingAdvice, this.#options.backoff),
        servedAt: 0,
      };
      this.#queues.set(key, queue);
    }
    return queue;
  }

  /** Sends every check that is due and allowed by its key's budget, then arms one timer for the next. */
  #pump(): void {
    if (this.#controller.signal.aborted) return;
    const maxInFlight = Math.max(1, this.#options.maxInFlight ?? 16);
    for (;;) {
      const now = this.#clock.now();
      let best: KeyQueue | null = null;
      let bestReadyAt = Number.POSITIVE_INFINITY;
      for (const queue of this.#queues.values()) {
        let top = queue.heap.peek();
        while (top?.removed) {
          queue.heap.pop();
          top = queue.heap.peek();
        }
        if (!top) continue;
        const readyAt = Math.max(top.dueAt, now + queue.bucket.waitMs(now));
        // Among keys ready at once, the one served longest ago goes first: a slow vendor cannot starve another.
        if (
          readyAt < bestReadyAt ||
          (readyAt === bestReadyAt && best !== null && queue.servedAt < best.servedAt)
        ) {
          best = queue;
          bestReadyAt = readyAt;
        }
      }
      if (!best) {
        this.#clearTimer();
        return;
      }
      if (bestReadyAt > now || this.#inFlight >= maxInFlight) {
        if (bestReadyAt > now) this.#armTimer(bestReadyAt, now);
        return;
      }
      const entry = best.heap.pop() as Entry;
      best.bucket.tryTake(now);
      this.#served += 1;
      best.servedAt = this.#served;
      this.#check(entry);
    }
  }

  #check(entry: Entry): void {
    this.#inFlight += 1;
    this.#counts.requests += 1;
    let hints: ResponseHints | null = null;
    const now = this.#clock.now();
    // One linked signal per request, disposed when it ends: a signal shared by every request would collect one
    // listener (through ky's AbortSignal.any) per request for the tracker's whole life.
    const link = linkSignal(this.#controller.signal);
    const request = ResultAsync.fromPromise(
      Promise.resolve().then(() => {
        if (link.signal.aborted || entry.removed)
          return errAsync<AsyncJob, AsyncJobError>(abortedError(entry.provider));
        return entry.client.get(entry.id, {
          signal: link.signal,
          ...(entry.deadline === null ? {} : { timeoutMs: Math.max(1, entry.deadline - now) }),
          onResponse: (received) => {
            hints = received;
            this.#learnBudget(entry.queue, received);
          },
        });
      }),
      // A third-party adapter that throws instead of returning an Err must not bring the tracker down.
      (thrown) =>
        asyncJobError('network', `The adapter failed: ${String(thrown)}`, { provider: entry.provider }),
    ).andThen((result) => result);
    void request.then((result) => {
      link.dispose();
      this.#inFlight -= 1;
      try {
        if (!entry.removed && !this.#controller.signal.aborted) this.#handle(entry, result, hints);
      } finally {
        this.#pump();
      }
    });
  }

  #learnBudget(queue: KeyQueue, hints: ResponseHints): void {
    const now = this.#clock.now();
    queue.bucket.learn(hints, now);
    if (hints.httpStatus === 429) {
      this.#counts.rateLimited += 1;
      const waitMs = hints.retryAfterMs ?? rateLimitWaitMs(hints.rateLimit) ?? 1000;
      queue.bucket.pause(now + waitMs, now);
    }
  }

  #handle(entry: Entry, result: Result<AsyncJob, AsyncJobError>, hints: ResponseHints | null): void {
    const now = this.#clock.now();
    if (result.isErr()) {
      const error = result.error;
      if (!error.retryable) {
        this.#settle(entry, err(error));
        return;
      }
      if (error.kind === 'rate_limited' && hints === null && error.retryAfterMs !== undefined) {
        entry.queue.bucket.pause(now + error.retryAfterMs, now);
      }
      entry.attempt += 1;
      this.#emit({ type: 'retry', ref: entry.ref, error });
      this.#reschedule(entry, error, hints);
      return;
    }
    const job = result.value;
    const previous = entry.lastJob;
    const statusChanged = previous === null || previous.status !== job.status;
    if (statusChanged) {
      if (previous && LEARNABLE.has(previous.status)) {
        const endedAt = (now + entry.lastSeenAt) / 2;
        this.#learner.record(
          this.#phaseKey(entry, previous.status),
          this.#phaseDuration(previous, job, entry, endedAt),
        );
      }
      if (previous === null) {
        // First sight of a job tracked by ref: its phase began when the vendor says, or when tracking began
        // (jobs are tracked right after they are created, so learned durations and ages use the same origin).
        const since =
          job.status === 'running' ? job.startedAt : job.status === 'queued' ? job.createdAt : null;
        entry.phaseSince = since?.getTime() ?? entry.trackedAt;
      } else {
        entry.phaseSince = (entry.lastSeenAt + now) / 2;
      }
      entry.attempt = 0;
      entry.lastJob = job;
      this.#emit({ type: 'change', job, previous: previous?.status ?? null });
      if (job.status === 'unknown') this.#emit({ type: 'unknown_status', job });
    } else {
      entry.attempt += 1;
      entry.lastJob = job;
    }
    entry.lastSeenAt = now;
    if (job.terminal) {
      this.#settle(entry, ok(job));
      return;
    }
    this.#reschedule(entry, null, hints);
    if (statusChanged) this.#persist(entry);
  }

  /** The vendor's own timestamps when it gives them; the middle of the observed window otherwise. */
  #phaseDuration(previous: AsyncJob, job: AsyncJob, entry: Entry, endedAt: number): number {
    if (previous.status === 'running' && job.startedAt && job.finishedAt) {
      return job.finishedAt.getTime() - job.startedAt.getTime();
    }
    return endedAt - entry.phaseSince;
  }

  #phaseKey(entry: Entry, status: JobStatus): string {
    return `${entry.provider}/${entry.operation}/${status}`;
  }

  #reschedule(entry: Entry, error: AsyncJobError | null, hints: ResponseHints | null): void {
    const now = this.#clock.now();
    if (entry.finalCheck) {
      this.#settle(entry, err(pollTimeoutError(entry.provider, entry.lastJob)));
      return;
    }
    const status = entry.lastJob?.status;
    const proposedDelayMs =
      this.#adaptive && status && LEARNABLE.has(status) && error === null
        ? proposeAdaptiveDelay(
            this.#learner,
            this.#phaseKey(entry, status),
            now - entry.phaseSince,
            this.#adaptive,
          )
        : undefined;
    const next = computeNextDelay({
      attempt: entry.attempt,
      job: entry.lastJob,
      error,
      hints,
      backoff: entry.queue.backoff,
      now,
      deadline: entry.deadline,
      random: this.#random,
      ...(proposedDelayMs === undefined ? {} : { proposedDelayMs }),
    });
    if (next.kind === 'stop') {
      this.#settle(entry, err(pollTimeoutError(entry.provider, entry.lastJob)));
      return;
    }
    if (next.reason === 'final_check') entry.finalCheck = true;
    entry.dueAt = now + next.delayMs;
    entry.queue.heap.push(entry);
  }

  #settle(entry: Entry, result: Result<AsyncJob, AsyncJobError>): void {
    entry.removed = true;
    this.#entries.delete(entry.ref);
    const settled: SettledJob = {
      ref: entry.ref,
      provider: entry.provider,
      operation: entry.operation,
      result,
    };
    const finish = (runHandlers: boolean) => {
      this.#counts.settled += 1;
      if (result.isErr()) this.#counts.errors += 1;
      else if (result.value.status === 'succeeded') this.#counts.succeeded += 1;
      else if (result.value.status === 'failed') this.#counts.failed += 1;
      else this.#counts.cancelled += 1;
      if (runHandlers) {
        this.#emit({ type: 'settled', settled });
        if (this.#options.store && entry.recorded) this.#markHandled(entry.ref);
      }
      this.#resolveDrainsIfIdle();
    };
    if (!this.#options.store || !entry.recorded) {
      finish(true);
      return;
    }
    // The outcome is on disk before any handler runs; a job another process settled first runs none here.
    const outcome: StoredOutcome = result.isOk()
      ? { type: 'job', job: jobToJson(result.value, { raw: true }) }
      : { type: 'error', error: result.error };
    const settledAt = this.#clock.now();
    this.#settling += 1;
    void this.#write((store) => store.markSettled(entry.ref, outcome, settledAt)).then((written) => {
      this.#settling -= 1;
      if (written?.isErr()) this.#emit({ type: 'store_error', ref: entry.ref, error: written.error });
      finish(written?.isOk() ? written.value : true);
    });
  }

  #wake(): void {
    for (const wake of this.#wakers) wake();
    this.#wakers.clear();
  }

  #resolveDrainsIfIdle(): void {
    this.#wake();
    if (this.#entries.size > 0 || this.#settling > 0) return;
    const summary = this.#summary();
    for (const waiter of this.#drainWaiters) waiter(ok(summary));
    this.#drainWaiters.clear();
  }

  #summary(): DrainSummary {
    const { succeeded, failed, cancelled, errors } = this.#counts;
    return { succeeded, failed, cancelled, errors };
  }

  #emit(event: TrackerEvent): void {
    if (event.type === 'change') callHook(this.#options.onChange, event.job, event.previous);
    if (event.type === 'settled') callHook(this.#options.onSettled, event.settled);
    for (const listener of this.#listeners) callHook(listener, event);
  }

  #armTimer(at: number, now: number): void {
    if (this.#timer !== null && this.#timerAt <= at) return;
    this.#clearTimer();
    this.#timerAt = at;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = null;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#pump();
      },
      Math.min(at - now, 2_147_483_647),
    );
  }

  #clearTimer(): void {
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }
}

/** Creates a tracker over the clients of a registry. */
export function createJobTracker(registry: JobRegistry, options: JobTrackerOptions = {}): JobTracker {
  return new JobTracker(registry, options);
}
