import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  asyncJobError,
  configError,
  type PollingAdvice,
  type RequestError,
  type RequestOptions,
  type SubmitOptions,
} from '@asyncjob/core';
import { createHttpClient, encodePathSegment, type HttpClient, requestJson } from '@asyncjob/core/http';
import { err, errAsync, ok, type Result, type ResultAsync } from 'neverthrow';
import {
  convertRevorAccount,
  convertRevorCreatedJob,
  convertRevorJob,
  type RevorAccount,
  type RevorResult,
} from './convert-revor-job';
import {
  convertToRevorAccountsQuery,
  convertToRevorDispatchRequest,
  convertToRevorPostLikeRequest,
  type RevorAccountsFilter,
  type RevorDispatchInput,
  type RevorPostLikeInput,
  toIdempotencyKey,
} from './convert-to-revor-request';
import {
  readRevorRequestId,
  revorAccountsEnvelopeSchema,
  revorCreatedEnvelopeSchema,
  revorJobEnvelopeSchema,
  revorPaths,
} from './revor-api';
import { readRevorError } from './revor-error';
import {
  type ParsedRevorSettings,
  parseRevorSettings,
  type RevorSettings,
  readEnvironment,
  resolveRevorConnection,
} from './revor-settings';

/** The operations `submit` accepts: `dispatch` and `post-like`. */
export const REVOR_OPERATIONS = ['dispatch', 'post-like'] as const;

/** An operation name of `submit`. */
export type RevorOperation = (typeof REVOR_OPERATIONS)[number];

/**
 * Revor gives no polling advice. Tasks may sit in `scheduled` for hours (pacing gaps reach 86400 s), which the
 * poller handles through `scheduledAt` / `nextAttemptAt`; otherwise start at 5 s and back off to a minute.
 */
const REVOR_POLLING_ADVICE: PollingAdvice = { defaultDelayMs: 5_000, minDelayMs: 1_000, maxDelayMs: 60_000 };

/** A Revor client: the shared `AsyncJobClient` plus Revor's typed operations. */
export interface RevorClient extends AsyncJobClient<RevorResult> {
  readonly provider: 'revor';
  readonly operations: readonly RevorOperation[];
  /** Looks a task up once (`GET /outreach/jobs/{id}`); a failed task is `Ok` with `status: 'failed'`. */
  get(id: string, options?: RequestOptions): ResultAsync<AsyncJob<RevorResult>, AsyncJobError>;
  /** Creates an email, LinkedIn or WhatsApp outreach task (`POST /outreach/dispatches`). */
  dispatch(
    input: RevorDispatchInput,
    options?: SubmitOptions,
  ): ResultAsync<AsyncJob<RevorResult>, AsyncJobError>;
  /** Creates a task that likes at most one relevant post of a LinkedIn profile. */
  likePost(
    input: RevorPostLikeInput,
    options?: SubmitOptions,
  ): ResultAsync<AsyncJob<RevorResult>, AsyncJobError>;
  /** Lists the Connect accounts that can send (`GET /connect/accounts`). */
  listAccounts(
    filter?: RevorAccountsFilter,
    options?: RequestOptions,
  ): ResultAsync<RevorAccount[], AsyncJobError>;
}

/**
 * Creates a Revor client. It never throws: bad settings (a missing key, a malformed base URL) make every call
 * return a `config` error naming the field. The key is read on the first request.
 *
 * @see https://revor.ai/docs/api
 */
export function createRevor(settings: RevorSettings = {}): RevorClient {
  const parsed = parseRevorSettings(settings);
  let connected: HttpClient | undefined;
  // Only a working client is kept: a key set in the environment after a failed call is picked up next time.
  const http = (): Result<HttpClient, RequestError> => {
    if (connected) return ok(connected);
    return parsed
      .andThen((valid) => connectRevor(valid))
      .andTee((client) => {
        connected = client;
      });
  };
  const paths = revorPaths[parsed.isOk() ? parsed.value.apiVersion : 'v1'];

  const create = (
    path: string,
    body: Result<unknown, RequestError>,
    options: SubmitOptions,
  ): ResultAsync<AsyncJob<RevorResult>, AsyncJobError> =>
    http()
      .andThen((client) => body.map((json) => ({ client, json })))
      .andThen((request) => toIdempotencyKey(options.idempotencyKey).map((key) => ({ ...request, key })))
      .asyncAndThen(({ client, json, key }) =>
        requestJson(client, {
          method: 'post',
          path,
          json,
          headers: { 'idempotency-key': key },
          // ky resends the very same request on a dropped connection, 429 or 5xx: one key, one task.
          retry: 'idempotent',
          schema: revorCreatedEnvelopeSchema,
          signal: options.signal,
          timeoutMs: options.timeoutMs,
          onResponse: options.onResponse,
        }),
      )
      .map(({ data }) => convertRevorCreatedJob(data.item));

  const client: RevorClient = {
    provider: 'revor',
    pollingAdvice: REVOR_POLLING_ADVICE,
    operations: REVOR_OPERATIONS,
    parseId: (id) => parseRevorId(id),
    get: (id, options = {}) =>
      http()
        .andThen((httpClient) =>
          encodePathSegment(id, 'revor').map((encodedId) => ({ httpClient, encodedId })),
        )
        .asyncAndThen(({ httpClient, encodedId }) =>
          requestJson(httpClient, {
            method: 'get',
            path: paths.job(encodedId),
            schema: revorJobEnvelopeSchema,
            signal: options.signal,
            timeoutMs: options.timeoutMs,
            onResponse: options.onResponse,
          }),
        )
        .map(({ data }) => convertRevorJob(data.item)),
    dispatch: (input, options = {}) =>
      create(paths.dispatches, convertToRevorDispatchRequest(input), options),
    likePost: (input, options = {}) => create(paths.postLikes, convertToRevorPostLikeRequest(input), options),
    listAccounts: (filter = {}, options = {}) =>
      http()
        .andThen((httpClient) => convertToRevorAccountsQuery(filter).map((query) => ({ httpClient, query })))
        .asyncAndThen(({ httpClient, query }) =>
          requestJson(httpClient, {
            method: 'get',
            path: paths.accounts,
            searchParams: query,
            schema: revorAccountsEnvelopeSchema,
            signal: options.signal,
            timeoutMs: options.timeoutMs,
            onResponse: options.onResponse,
          }),
        )
        .map(({ data }) => data.items.map(convertRevorAccount)),
    submit: (operation, input, options = {}) => {
      switch (operation) {
        case 'dispatch':
          return create(paths.dispatches, convertToRevorDispatchRequest(input), options);
        case 'post-like':
          return create(paths.postLikes, convertToRevorPostLikeRequest(input), options);
        default:
          return errAsync(
            asyncJobError(
              'invalid_request',
              `revor has no operation "${operation}" (known: ${REVOR_OPERATIONS.join(', ')}).`,
              { provider: 'revor', field: 'operation' },
            ),
          );
      }
    },
  };
  return client;
}

/**
 * Builds the HTTP client of validated settings: resolves the key and base URL and checks the URL. The factory
 * calls it to fail early; `createRevor` calls it on the first request.
 */
export function connectRevor(
  settings: ParsedRevorSettings,
  env = readEnvironment(),
): Result<HttpClient, RequestError> {
  return resolveRevorConnection(settings, env).andThen((connection) =>
    createHttpClient({
      provider: 'revor',
      baseUrl: connection.baseUrl,
      baseUrlField: connection.baseUrlField,
      headers: connection.headers,
      secrets: [connection.apiKey],
      timeoutMs: settings.timeoutMs,
      fetch: settings.fetch,
      readError: readRevorError,
      readRequestId: readRevorRequestId,
      createRetry: settings.createRetry,
    }),
  );
}

/** Checks the id part of a `revor:<jobId>` ref. */
export function parseRevorId(id: string): Result<string, RequestError> {
  if (id.trim() === '' || id === '.' || id === '..') {
    return err(configError(`"${id}" is not a Revor job id.`, 'ref', 'revor'));
  }
  return ok(id);
}
