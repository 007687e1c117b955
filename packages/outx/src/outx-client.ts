import {
  type AsyncJob,
  type AsyncJobClient,
  type AsyncJobError,
  asyncJobError,
  configError,
  type PollingAdvice,
  type RequestOptions,
  type SubmitOptions,
} from '@asyncjob/core';
import { createHttpClient, type HttpClient, requestJson } from '@asyncjob/core/http';
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import { convertCreatedOutxTask, convertOutxJob, type OutxResult } from './convert-outx-job';
import {
  convertToOutxRequest,
  OUTX_OPERATIONS,
  type OutxFetchConnectionsInput,
  type OutxFetchProfileInput,
  type OutxLikePostInput,
  type OutxOperation,
  type OutxSearchProfilesInput,
  type OutxSendConnectionRequestInput,
  type OutxSendMessageInput,
} from './convert-to-outx-request';
import { outxCreateTaskResponseSchema, outxTaskStatusResponseSchema } from './outx-api';
import { readOutxError, withOutxErrorCode } from './outx-error';
import {
  type OutxEnvironment,
  type OutxSettings,
  parseOutxSettings,
  type ResolvedOutxSettings,
  resolveOutxSettings,
} from './outx-settings';

/** A result of this client: a job, or why we could not create or read it. */
type OutxJobResult = ResultAsync<AsyncJob<OutxResult>, AsyncJobError>;

/**
 * The OutX client: the shared `AsyncJobClient` surface plus one typed create per LinkedIn endpoint. Every create
 * returns a `queued` job (OutX answers with the task id only). OutX has no idempotency key: creates are sent once
 * and never retried, and `options.idempotencyKey` is ignored.
 */
export interface OutxClient extends AsyncJobClient<OutxResult> {
  readonly provider: 'outx';
  readonly operations: readonly OutxOperation[];
  /** Creates a task from untyped input (the CLI's `submit`), validated against the operation's schema first. */
  submit(operation: OutxOperation | (string & {}), input: unknown, options?: SubmitOptions): OutxJobResult;
  /** Reads a profile by its slug (`POST /fetch-profile`). */
  fetchProfile(input: OutxFetchProfileInput, options?: SubmitOptions): OutxJobResult;
  /** Reads one page of the sending account's connections (`POST /fetch-connections`). */
  fetchConnections(input?: OutxFetchConnectionsInput, options?: SubmitOptions): OutxJobResult;
  /** Sends an invitation, optionally with a note (`POST /send-connection-request`). */
  sendConnectionRequest(input: OutxSendConnectionRequestInput, options?: SubmitOptions): OutxJobResult;
  /** Messages a 1st-degree connection (`POST /send-message`). */
  sendMessage(input: OutxSendMessageInput, options?: SubmitOptions): OutxJobResult;
  /** Likes a post (`POST /like-post`). */
  likePost(input: OutxLikePostInput, options?: SubmitOptions): OutxJobResult;
  /** Searches profiles by at least one filter (`POST /search-profiles`). */
  searchProfiles(input: OutxSearchProfilesInput, options?: SubmitOptions): OutxJobResult;
}

/**
 * How to poll OutX. The vendor advises every 5 s (https://docs.outx.ai/linkedin-api/get-task-status). The floor of
 * 2 s keeps full jitter from firing checks back to back: a task waits for a browser extension and takes 10–60 s,
 * and an older published limit was 100 requests per hour per key. The ceiling of 60 s bounds the wait added after
 * a task that sat pending while the extension was idle.
 */
export const OUTX_POLLING_ADVICE: PollingAdvice = {
  defaultDelayMs: 5_000,
  minDelayMs: 2_000,
  maxDelayMs: 60_000,
};

/** The HTTP client of a validated configuration. */
export function connectOutx(settings: ResolvedOutxSettings): Result<HttpClient, AsyncJobError> {
  return createHttpClient({
    provider: 'outx',
    baseUrl: settings.baseUrl,
    baseUrlField: settings.baseUrlField,
    headers: { ...settings.headers, 'x-api-key': settings.apiKey },
    secrets: [settings.apiKey],
    timeoutMs: settings.timeoutMs,
    readError: readOutxError,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.createRetry ? { createRetry: settings.createRetry } : {}),
  });
}

/**
 * Creates an OutX client. It never throws: bad settings (a missing key, a malformed base URL) make every call
 * return an `Err` of kind `config` naming the field. The key falls back to `OUTX_API_KEY`, read on the first request.
 */
export function createOutx(settings: OutxSettings = {}): OutxClient {
  const parsed = parseOutxSettings(settings);
  let connection: HttpClient | undefined;
  return createOutxClient(() => {
    if (connection) return ok(connection);
    const environment: OutxEnvironment = typeof process === 'undefined' ? {} : process.env;
    // Only a working connection is kept: a key set after a failed call is picked up by the next one.
    return parsed
      .andThen((valid) => resolveOutxSettings(valid, environment))
      .andThen(connectOutx)
      .map((http) => {
        connection = http;
        return http;
      });
  });
}

/** Wires the operations onto a connection (made on demand by `createOutx`, up front by `outxFactory`). */
export function createOutxClient(connect: () => Result<HttpClient, AsyncJobError>): OutxClient {
  const get = (id: string, options: RequestOptions = {}): OutxJobResult =>
    checkTaskId(id, 'invalid_request')
      .andThen((taskId) => connect().map((http) => ({ http, taskId })))
      .asyncAndThen(({ http, taskId }) =>
        requestJson(http, {
          method: 'get',
          path: 'get-task-status',
          // ky's searchParams percent-encodes the id, so `/`, `?`, `#` or `..` stay inside the value.
          searchParams: { api_agent_task_id: taskId },
          schema: outxTaskStatusResponseSchema,
          ...requestOptions(options),
        }),
      )
      .map((response) => convertOutxJob(response.data))
      .mapErr(withOutxErrorCode);

  const submit = (operation: string, input: unknown, options: SubmitOptions = {}): OutxJobResult =>
    convertToOutxRequest(operation, input)
      .andThen((request) => connect().map((http) => ({ http, request })))
      .asyncAndThen(({ http, request }) =>
        requestJson(http, {
          method: 'post',
          path: request.path,
          json: request.body,
          schema: outxCreateTaskResponseSchema,
          // No idempotency key exists at OutX: a retried create could send a second message or invitation.
          retry: 'none',
          ...requestOptions(options),
        }),
      )
      .map((response) => convertCreatedOutxTask(response.data))
      .mapErr(withOutxErrorCode);

  return {
    provider: 'outx',
    pollingAdvice: OUTX_POLLING_ADVICE,
    operations: OUTX_OPERATIONS,
    get,
    submit,
    parseId: (id) => checkTaskId(id, 'config'),
    fetchProfile: (input, options) => submit('fetch-profile', input, options),
    fetchConnections: (input = {}, options) => submit('fetch-connections', input, options),
    sendConnectionRequest: (input, options) => submit('send-connection-request', input, options),
    sendMessage: (input, options) => submit('send-message', input, options),
    likePost: (input, options) => submit('like-post', input, options),
    searchProfiles: (input, options) => submit('search-profiles', input, options),
  };
}

// Only the options a request understands; `idempotencyKey` is dropped on purpose (OutX has none).
function requestOptions(options: RequestOptions): RequestOptions {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onResponse ? { onResponse: options.onResponse } : {}),
  };
}

/** A task id is any non-blank string (OutX's are UUIDs, but that is not promised); it is kept as given. */
function checkTaskId(id: unknown, kind: 'config' | 'invalid_request'): Result<string, AsyncJobError> {
  if (typeof id === 'string' && id.trim() !== '') return ok(id);
  const message = `"${String(id)}" is not an OutX task id (expected the api_agent_task_id of a create).`;
  return err(
    kind === 'config'
      ? configError(message, 'ref', 'outx')
      : asyncJobError('invalid_request', message, { provider: 'outx', field: 'id' }),
  );
}
