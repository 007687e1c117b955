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
import { createHttpClient, type HttpClient, requestJson } from '@asyncjob/core/http';
import { errAsync, ok, type Result, type ResultAsync } from 'neverthrow';
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
import { createRevkeenErrorReader } from './revkeen-error';
import {
  type ResolvedRevkeenSettings,
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
  /** One page of an automation's runs, newest first as the vendor orders them. */
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

/** What a client needs once its settings are valid. */
export interface RevkeenConnection {
  readonly http: HttpClient;
  readonly mode: RevkeenMode;
}

/**
 * The vendor gives no polling interval for runs (https://docs.revkeen.com/docs/api-reference/automations_runs_get);
 * 2 s growing to 30 s stays far below the 100/min staging limit. A run awaiting approval may sit for hours: the
 * caller's poll deadline bounds it.
 */
const REVKEEN_POLLING_ADVICE: PollingAdvice = { defaultDelayMs: 2000, minDelayMs: 1000, maxDelayMs: 30_000 };

// Headers whose values are credentials too: kept out of errors like the key.
const SENSITIVE_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

/** Builds the HTTP client of valid settings; a malformed or insecure base URL is a `config` error. */
export function openRevkeenConnection(
  settings: ResolvedRevkeenSettings,
): Result<RevkeenConnection, RequestError> {
  const custom = Object.entries(settings.headers);
  // The key always travels as `x-api-key` (the overview warns against `Authorization: Bearer` with an API key).
  const headers: Record<string, string> = {
    ...Object.fromEntries(custom.filter(([name]) => name.toLowerCase() !== 'x-api-key')),
    'x-api-key': settings.apiKey,
    ...(settings.apiVersion ? { 'revkeen-version': settings.apiVersion } : {}),
  };
  const secrets = [
    settings.apiKey,
    ...custom.filter(([name]) => SENSITIVE_HEADERS.has(name.toLowerCase())).map(([, value]) => value),
  ];
  return createHttpClient({
    provider: 'revkeen',
    baseUrl: settings.baseUrl,
    baseUrlField: settings.baseUrlField,
    headers,
    secrets,
    timeoutMs: settings.timeoutMs,
    readError: createRevkeenErrorReader(secrets),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.createRetry ? { createRetry: settings.createRetry } : {}),
  }).map((http) => ({ http, mode: settings.mode }));
}

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
  const withHttp = <T>(
    call: (http: HttpClient) => ResultAsync<T, AsyncJobError>,
  ): ResultAsync<T, AsyncJobError> =>
    connect().match(
      (opened) => call(opened.http),
      (error) => errAsync(error),
    );
  const request = (options: RequestOptions) => ({
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  });

  const get: RevkeenClient['get'] = (id, options = {}) =>
    withHttp((http) =>
      parseRevkeenRunId(id)
        .andThen((ids) => revkeenRunPath(ids).map((path) => ({ ids, path })))
        .asyncAndThen(({ ids, path }) =>
          requestJson(http, {
            method: 'get',
            path,
            schema: revkeenRunResponseSchema,
            ...request(options),
          }).map((response) => convertRevkeenRun(response.data.data, ids.automationId, ids.runId)),
        ),
    );

  const runAutomation: RevkeenClient['runAutomation'] = (automationId, input, options = {}) =>
    withHttp((http) =>
      encodeRevkeenId(automationId, 'automationId')
        .andThen((encoded) =>
          toRevkeenRunRequest(input).andThen((json) =>
            revkeenIdempotencyKey(options.idempotencyKey).map((key) => ({ encoded, json, key })),
          ),
        )
        .asyncAndThen(({ encoded, json, key }) =>
          requestJson(http, {
            method: 'post',
            path: `automations/${encoded}/runs`,
            json,
            headers: { 'idempotency-key': key },
            // ky resends the same request, so every attempt carries the same key and the vendor queues one run.
            retry: 'idempotent',
            schema: revkeenCreateRunResponseSchema,
            ...request(options),
          }).map((response) => convertRevkeenCreatedRun(response.data.data, automationId)),
        ),
    );

  const listRuns: RevkeenClient['listRuns'] = (automationId, query, options = {}) =>
    withHttp((http) =>
      encodeRevkeenId(automationId, 'automationId')
        .andThen((encoded) =>
          toRevkeenListRunsQuery(query).map((searchParams) => ({ encoded, searchParams })),
        )
        .asyncAndThen(({ encoded, searchParams }) =>
          requestJson(http, {
            method: 'get',
            path: `automations/${encoded}/runs`,
            searchParams,
            schema: revkeenRunListResponseSchema,
            ...request(options),
          }).map((response) => convertRevkeenRunList(response.data, automationId)),
        ),
    );

  const listApprovals: RevkeenClient['listApprovals'] = (options = {}) =>
    withHttp((http) =>
      requestJson(http, {
        method: 'get',
        path: 'automations/approvals',
        schema: revkeenApprovalListResponseSchema,
        ...request(options),
      }).map((response) => response.data.data.map(convertRevkeenApproval)),
    );

  const decide = (
    approvalId: string,
    decision: 'approve' | 'reject',
    json: object | undefined,
    options: SubmitOptions,
  ) =>
    withHttp((http) =>
      encodeRevkeenId(approvalId, 'approvalId')
        .andThen((encoded) => revkeenIdempotencyKey(options.idempotencyKey).map((key) => ({ encoded, key })))
        .asyncAndThen(({ encoded, key }) =>
          requestJson(http, {
            method: 'post',
            path: `automations/approvals/${encoded}/${decision}`,
            ...(json ? { json } : {}),
            headers: { 'idempotency-key': key },
            retry: 'idempotent',
            schema: revkeenApprovalDecisionResponseSchema,
            ...request(options),
          }).map((response) => convertRevkeenApprovalDecision(response.data, approvalId)),
        ),
    );

  const submit: RevkeenClient['submit'] = (operation, input, options = {}) => {
    if (operation !== 'run') {
      return errAsync(
        asyncJobError(
          'invalid_request',
          `revkeen has no operation "${operation}" (known: ${REVKEEN_OPERATIONS.join(', ')}).`,
          { provider: 'revkeen', field: 'operation' },
        ),
      );
    }
    return validateRevkeenInput(revkeenOperationSchemas.run, input, 'revkeen run').match(
      ({ automationId, triggerPayload }) => runAutomation(automationId, { triggerPayload }, options),
      (error) => errAsync(error),
    );
  };

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
    approve: (approvalId, options = {}) => decide(approvalId, 'approve', undefined, options),
    reject: (approvalId, input, options = {}) =>
      toRevkeenRejectRequest(input).match(
        (json) => decide(approvalId, 'reject', json, options),
        (error) => errAsync(error),
      ),
  };
}
