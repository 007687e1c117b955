import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  asyncJobError,
  configError,
  type Environment,
  type PollingAdvice,
  type RequestError,
  type RequestOptions,
  type SubmitOptions,
} from '@asyncjob/core';
import { createHttpClient, encodePathSegment, type HttpClient, requestJson } from '@asyncjob/core/http';
import { err, errAsync, ok, type Result, type ResultAsync } from 'neverthrow';
import { convertOrationCreatedJob, convertOrationJob, type OrationResult } from './convert-oration-job';
import {
  convertToOrationCustomerBatchBody,
  type OrationCustomerBatchInput,
} from './convert-to-oration-request';
import { orationCustomerBatchResponseSchema, orationJobSchema } from './oration-api';
import { readOrationError } from './oration-error';
import {
  type OrationSettings,
  type ResolvedOrationSettings,
  resolveOrationSettings,
} from './oration-settings';

/** The operations `submit` accepts (`client.operations` lists them). */
export type OrationOperation = 'customers-batch';

/** A lookup or create of one Oration job. */
export type OrationJobResult = ResultAsync<AsyncJob<OrationResult>, AsyncJobError>;

/**
 * The Oration adapter: the shared `AsyncJobClient` plus a typed method per create endpoint. Oration has no cancel
 * endpoint. Refs are `oration:<jobId>`.
 */
export interface OrationClient extends AsyncJobClient<OrationResult> {
  readonly provider: 'oration';
  readonly operations: readonly OrationOperation[];
  /** `GET /jobs/{id}` once. A failed job is `Ok` with `status: 'failed'` and Oration's `error` as the message. */
  get(id: string, options?: RequestOptions): OrationJobResult;
  /**
   * The untyped create of the CLI: validates `input` against the operation's schema, then calls the typed
   * method. Oration takes no idempotency key, so `options.idempotencyKey` is ignored and nothing is retried.
   */
  submit(
    operation: OrationOperation | (string & {}),
    input: unknown,
    options?: SubmitOptions,
  ): OrationJobResult;
  /**
   * `POST /customers/batch`: queues a customer import and returns its job, synthesized as `queued` (raw status
   * `created`) since Oration answers with the id alone. Never retried automatically: a lost answer may mean the
   * batch was queued, and only `strategy: 'upsert'` makes sending it again harmless.
   * @see https://docs.oration.ai/api-reference/endpoint/customers/post
   */
  createCustomerBatch(input: OrationCustomerBatchInput, options?: RequestOptions): OrationJobResult;
}

/** Oration gives no polling interval; this backs off from 2 s to 30 s. */
export const ORATION_POLLING_ADVICE: PollingAdvice = {
  defaultDelayMs: 2_000,
  minDelayMs: 1_000,
  maxDelayMs: 30_000,
};

const OPERATIONS: readonly OrationOperation[] = ['customers-batch'];

/**
 * Creates an Oration client. It never throws: settings are resolved (environment fallbacks included) on the
 * first request, and bad or missing ones make every call return a `config` error naming the field.
 */
export function createOration(settings: OrationSettings = {}): OrationClient {
  let connection: HttpClient | undefined;
  // Only a working connection is kept, so a variable set after a failed first call is still picked up.
  const connect = (): Result<HttpClient, RequestError> => {
    if (connection) return ok(connection);
    const resolved = resolveOrationSettings(settings ?? {}, readEnvironment()).andThen(connectOration);
    if (resolved.isOk()) connection = resolved.value;
    return resolved;
  };
  return buildOrationClient(connect);
}

/** Builds the HTTP client from validated settings; fails with a `config` error on a bad base URL. */
export function connectOration(settings: ResolvedOrationSettings): Result<HttpClient, RequestError> {
  return createHttpClient({
    provider: 'oration',
    baseUrl: settings.baseUrl,
    baseUrlField: 'oration.baseUrl',
    headers: orationHeaders(settings),
    secrets: [settings.apiKey, settings.token ?? ''],
    timeoutMs: settings.timeoutMs,
    fetch: settings.fetch,
    readError: readOrationError,
    createRetry: settings.createRetry,
  });
}

/** Wires the client's methods onto a connection that is made (or refused) on first use. */
export function buildOrationClient(connect: () => Result<HttpClient, RequestError>): OrationClient {
  const createCustomerBatch = (input: unknown, options: RequestOptions = {}): OrationJobResult =>
    connect()
      .andThen((http) => convertToOrationCustomerBatchBody(input).map((body) => ({ http, body })))
      .asyncAndThen(({ http, body }) =>
        requestJson(http, {
          method: 'post',
          path: 'customers/batch',
          json: body,
          schema: orationCustomerBatchResponseSchema,
          retry: 'none',
          ...requestOptions(options),
        }),
      )
      .map(({ data }) => convertOrationCreatedJob(data));

  const handlers: Record<OrationOperation, (input: unknown, options: RequestOptions) => OrationJobResult> = {
    'customers-batch': createCustomerBatch,
  };

  return {
    provider: 'oration',
    pollingAdvice: ORATION_POLLING_ADVICE,
    operations: OPERATIONS,
    get: (id, options = {}) =>
      connect()
        .andThen((http) => checkId(id).map((segment) => ({ http, segment })))
        .asyncAndThen(({ http, segment }) =>
          requestJson(http, {
            method: 'get',
            path: `jobs/${segment}`,
            schema: orationJobSchema,
            ...requestOptions(options),
          }),
        )
        .map(({ data }) => convertOrationJob(data)),
    submit: (operation, input, options = {}) => {
      if (!Object.hasOwn(handlers, operation)) {
        const message = `Oration has no operation "${String(operation)}" (known: ${OPERATIONS.join(', ')}).`;
        return errAsync(
          asyncJobError('invalid_request', message, { provider: 'oration', field: 'operation' }),
        );
      }
      return handlers[operation as OrationOperation](input, options);
    },
    createCustomerBatch,
    parseId: (id) =>
      checkId(id)
        .map(() => id)
        .mapErr(() => configError(`"${String(id)}" is not an Oration job id.`, 'ref', 'oration')),
  };
}

/** Encodes an id as one path segment; `..` and empty ids are refused before any request. */
function checkId(id: unknown): Result<string, RequestError> {
  if (typeof id !== 'string') {
    return err(asyncJobError('invalid_request', 'The job id must be a string.', { provider: 'oration' }));
  }
  return encodePathSegment(id, 'oration');
}

function requestOptions(options: RequestOptions): RequestOptions {
  return { signal: options.signal, timeoutMs: options.timeoutMs, onResponse: options.onResponse };
}

/**
 * The vendor's examples disagree on which headers are required, so all that are configured are sent:
 * `x-api-key`, the workspace slug and/or id, and the Bearer token when one is set.
 * @see https://docs.oration.ai/api-reference/endpoint/jobs/get
 */
function orationHeaders(settings: ResolvedOrationSettings): Record<string, string> {
  const auth: Record<string, string> = { 'x-api-key': settings.apiKey };
  if (settings.workspaceSlug) auth['x-workspace-slug'] = settings.workspaceSlug;
  if (settings.workspaceId) auth['x-workspace-id'] = settings.workspaceId;
  if (settings.token) auth.authorization = `Bearer ${settings.token}`;
  // Header names are case-insensitive: a custom `X-Api-Key` must not be sent next to ours.
  const custom = Object.entries(settings.headers).filter(([name]) => !(name.toLowerCase() in auth));
  return { ...Object.fromEntries(custom), ...auth };
}

function readEnvironment(): Environment {
  return typeof process === 'undefined' ? {} : process.env;
}
