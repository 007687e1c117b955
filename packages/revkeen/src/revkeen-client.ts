import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  asyncJobError,
  type PollingAdvice,
  type RequestError,
  type RequestOptions,
  type SubmitOptions,
} from '@asyncjob/core';
import { requestJson } from '@asyncjob/core/http';
import { err, ok, type Result, type ResultAsync, safeTry } from 'neverthrow';
import {
  convertRevkeenApproval,
  convertRevkeenApprovalDecision,
  convertRevkeenCreatedRun,
  convertRevkeenRun,
  convertRevkeenRunList,
  type RevkeenApproval,
  type RevkeenResult,
  type RevkeenRunPage,
} from './convert-revkeen-job';
import {
  encodeRevkeenId,
  formatRevkeenRunId,
  parseRevkeenRunId,
  REVKEEN_OPERATIONS,
  type RevkeenListRunsQuery,
  type RevkeenOperation,
  type RevkeenRejectInput,
  type RevkeenRunInput,
  revkeenIdempotencyKey,
  revkeenOperationSchemas,
  revkeenRunPath,
  toRevkeenListRunsQuery,
  toRevkeenRejectRequest,
  toRevkeenRunRequest,
  validateRevkeenInput,
} from './convert-to-revkeen-request';
import {
  revkeenApprovalDecisionResponseSchema,
  revkeenApprovalListResponseSchema,
  revkeenCreateRunResponseSchema,
  revkeenRunListResponseSchema,
  revkeenRunResponseSchema,
} from './revkeen-api';
import {
  openRevkeenConnection,
  type RevkeenConnection,
  type RevkeenMode,
  type RevkeenSettings,
  resolveRevkeenSettings,
} from './revkeen-settings';

/** A RevKeen client: the shared `AsyncJobClient` plus RevKeen's typed operations. Every method returns a `ResultAsync`. */
export interface RevkeenClient extends AsyncJobClient<RevkeenResult> {
  readonly provider: 'revkeen';
  /** From the key's prefix: `rk_sandbox_` → sandbox, `rk_live_` → live, anything else (or no key yet) → unknown. */
  readonly mode: RevkeenMode;
  readonly operations: readonly RevkeenOperation[];
  /** Looks a run up by its job id `automationId/runId`. A failed run is `Ok` with `status: 'failed'`. */
  get(id: string, options?: RequestOptions): ResultAsync<AsyncJob<RevkeenResult>, AsyncJobError>;
  /** Checks a job id `automationId/runId` (the part of a ref after `revkeen:`). */
  parseId(id: string): Result<string, AsyncJobError>;
  /** `run` with `{ automationId, triggerPayload? }`: the untyped entry of the CLI. */
  submit(
    operation: RevkeenOperation | (string & {}),
    input: unknown,
    options?: SubmitOptions,
  ): ResultAsync<AsyncJob<RevkeenResult>, AsyncJobError>;
  /** Queues a manual run of an automation; the job is its first snapshot. Retried safely with one `Idempotency-Key`. */
  runAutomation(
    automationId: string,
    input?: RevkeenRunInput,
    options?: SubmitOptions,
  ): ResultAsync<AsyncJob<RevkeenResult>, AsyncJobError>;
  /** One page of an automation's runs, in the vendor's order. */
  listRuns(
    automationId: string,
    query?: RevkeenListRunsQuery,
    options?: RequestOptions,
  ): ResultAsync<RevkeenRunPage, AsyncJobError>;
  /** The approvals of the account's automations. */
  listApprovals(options?: RequestOptions): ResultAsync<readonly RevkeenApproval[], AsyncJobError>;
  /** Approves a pending action; the run then goes on. */
  approve(approvalId: string, options?: SubmitOptions): ResultAsync<RevkeenApproval, AsyncJobError>;
  /** Rejects a pending action. */
  reject(
    approvalId: string,
    input?: RevkeenRejectInput,
    options?: SubmitOptions,
  ): ResultAsync<RevkeenApproval, AsyncJobError>;
}

/**
 * The vendor gives no polling interval for runs (https://docs.revkeen.com/docs/api-reference/automations_runs_get);
 * 2 s growing to 30 s stays far below the 100/min staging limit. A run awaiting approval may sit for hours: the
 * caller's poll deadline bounds it.
 */
const REVKEEN_POLLING_ADVICE: PollingAdvice = { defaultDelayMs: 2000, minDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * Creates a RevKeen client. It never throws: bad settings (no key, a bad URL) make every call return a `config`
 * error naming the field. The key falls back to `REVKEEN_API_KEY`, read on the first request.
 */
export function createRevkeen(settings: RevkeenSettings = {}): RevkeenClient {
  let connection: RevkeenConnection | undefined;
  return buildRevkeenClient(() => {
    if (connection) return ok(connection);
    // Only a working connection is kept, so a variable set after a failed first call is still picked up.
    return resolveRevkeenSettings(settings, globalThis.process?.env)
      .andThen(openRevkeenConnection)
      .map((opened) => {
        connection = opened;
        return opened;
      });
  });
}

/** The client over a connection that may be missing (bad settings): each call checks it first. */
export function buildRevkeenClient(connect: () => Result<RevkeenConnection, RequestError>): RevkeenClient {
  const request = (options: RequestOptions) => ({
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    onResponse: options.onResponse,
  });

  const get: RevkeenClient['get'] = (id, options = {}) =>
    safeTry(async function* () {
      const { http } = yield* connect();
      const ids = yield* parseRevkeenRunId(id);
      const path = yield* revkeenRunPath(ids);
      const response = yield* requestJson(http, {
        method: 'get',
        path,
        schema: revkeenRunResponseSchema,
        ...request(options),
      });
      return ok(convertRevkeenRun(response.data.data, ids.automationId, ids.runId));
    });

  const runAutomation: RevkeenClient['runAutomation'] = (automationId, input, options = {}) =>
    safeTry(async function* () {
      const { http } = yield* connect();
      const encoded = yield* encodeRevkeenId(automationId, 'automationId');
      const json = yield* toRevkeenRunRequest(input);
      const key = yield* revkeenIdempotencyKey(options.idempotencyKey);
      const response = yield* requestJson(http, {
        method: 'post',
        path: `automations/${encoded}/runs`,
        json,
        headers: { 'idempotency-key': key },
        // ky resends the same request, so every attempt carries the same key and the vendor queues one run.
        retry: 'idempotent',
        schema: revkeenCreateRunResponseSchema,
        ...request(options),
      });
      return ok(convertRevkeenCreatedRun(response.data.data, automationId));
    });

  const listRuns: RevkeenClient['listRuns'] = (automationId, query, options = {}) =>
    safeTry(async function* () {
      const { http } = yield* connect();
      const encoded = yield* encodeRevkeenId(automationId, 'automationId');
      const searchParams = yield* toRevkeenListRunsQuery(query);
      const response = yield* requestJson(http, {
        method: 'get',
        path: `automations/${encoded}/runs`,
        searchParams,
        schema: revkeenRunListResponseSchema,
        ...request(options),
      });
      return ok(convertRevkeenRunList(response.data, automationId));
    });

  const listApprovals: RevkeenClient['listApprovals'] = (options = {}) =>
    safeTry(async function* () {
      const { http } = yield* connect();
      const response = yield* requestJson(http, {
        method: 'get',
        path: 'automations/approvals',
        schema: revkeenApprovalListResponseSchema,
        ...request(options),
      });
      return ok(response.data.data.map(convertRevkeenApproval));
    });

  // Approve and reject are POSTs, which the vendor deduplicates by Idempotency-Key: one key makes them safe to retry.
  const decide = (
    approvalId: string,
    decision: 'approve' | 'reject',
    options: SubmitOptions,
    input?: RevkeenRejectInput,
  ) =>
    safeTry(async function* () {
      const { http } = yield* connect();
      const encoded = yield* encodeRevkeenId(approvalId, 'approvalId');
      const json = decision === 'reject' ? yield* toRevkeenRejectRequest(input) : undefined;
      const key = yield* revkeenIdempotencyKey(options.idempotencyKey);
      const response = yield* requestJson(http, {
        method: 'post',
        path: `automations/approvals/${encoded}/${decision}`,
        json,
        headers: { 'idempotency-key': key },
        retry: 'idempotent',
        schema: revkeenApprovalDecisionResponseSchema,
        ...request(options),
      });
      return ok(convertRevkeenApprovalDecision(response.data, approvalId));
    });

  const submit: RevkeenClient['submit'] = (operation, input, options = {}) =>
    safeTry(async function* () {
      if (operation !== 'run') {
        const known = REVKEEN_OPERATIONS.join(', ');
        return err(
          asyncJobError('invalid_request', `revkeen has no operation "${operation}" (known: ${known}).`, {
            provider: 'revkeen',
            field: 'operation',
          }),
        );
      }
      const valid = yield* validateRevkeenInput(revkeenOperationSchemas.run, input, 'revkeen run');
      return runAutomation(valid.automationId, { triggerPayload: valid.triggerPayload }, options);
    });

  return {
    provider: 'revkeen',
    get mode(): RevkeenMode {
      return connect().match(
        (opened) => opened.mode,
        () => 'unknown',
      );
    },
    pollingAdvice: REVKEEN_POLLING_ADVICE,
    operations: REVKEEN_OPERATIONS,
    parseId: (id) => parseRevkeenRunId(id).map(formatRevkeenRunId),
    get,
    submit,
    runAutomation,
    listRuns,
    listApprovals,
    approve: (approvalId, options = {}) => decide(approvalId, 'approve', options),
    reject: (approvalId, input, options = {}) => decide(approvalId, 'reject', options, input),
  };
}
