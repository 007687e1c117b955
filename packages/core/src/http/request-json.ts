import { HTTPError } from 'ky';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import type { z } from 'zod';
import type { RequestOptions } from '../async-job-client';
import { type AsyncJobError, asyncJobError } from '../async-job-error';
import type { ResponseHints } from '../response-hints';
import type { HttpClient } from './create-http-client';
import { parseResponseHints } from './parse-response-hints';
import { redactSecrets } from './redact';
import {
  errorFromHttpResponse,
  notJsonError,
  schemaMismatchError,
  toAsyncJobError,
} from './to-async-job-error';

/** One request an adapter wants sent. */
export interface JsonRequest<TSchema extends z.ZodType> extends RequestOptions {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Relative to the base URL, without a leading slash; ids already encoded with `encodePathSegment`. */
  readonly path: string;
  readonly searchParams?: Readonly<Record<string, string | number | boolean>>;
  readonly json?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** The schema of a 2xx body. */
  readonly schema: TSchema;
  /** `idempotent`: a create that carries an Idempotency-Key, retried by ky with that same key. @default 'none' */
  readonly retry?: 'none' | 'idempotent';
}

/** A validated body and what the response's headers said. */
export interface JsonResponse<T> {
  readonly data: T;
  readonly hints: ResponseHints;
}

interface Exchange {
  readonly response: Response;
  readonly text: string;
}

/**
 * Sends one request and validates the answer. The only place in the repository that catches: a thrown ky,
 * fetch or abort failure becomes an `AsyncJobError` here, and so does a non-2xx status, a body that is not
 * JSON, or JSON that does not fit the schema.
 */
export function requestJson<TSchema extends z.ZodType>(
  client: HttpClient,
  request: JsonRequest<TSchema>,
): ResultAsync<JsonResponse<z.output<TSchema>>, AsyncJobError> {
  const exchange = ResultAsync.fromThrowable(
    async (): Promise<Exchange> => {
      try {
        // Only defined options are passed: ky reads `headers: undefined` as "no headers" and drops the auth.
        const response = await client.ky(request.path, {
          method: request.method,
          timeout: Math.max(1, Math.min(client.timeoutMs, request.timeoutMs ?? Number.POSITIVE_INFINITY)),
          ...(request.searchParams ? { searchParams: { ...request.searchParams } } : {}),
          ...(request.json !== undefined ? { json: request.json } : {}),
          ...(request.headers ? { headers: request.headers } : {}),
          ...(request.signal ? { signal: request.signal } : {}),
          ...(request.retry === 'idempotent' ? { retry: client.idempotentRetry } : {}),
        });
        return { response, text: await response.text() };
      } catch (thrown) {
        // A non-2xx status is an answer, not a failure to talk: read its body for the vendor's code.
        if (thrown instanceof HTTPError) {
          return { response: thrown.response, text: await thrown.response.text().catch(() => '') };
        }
        throw thrown;
      }
    },
    (thrown) => toAsyncJobError(thrown, client.context, request.signal),
  );
  const unsendable = checkBody(client, request.json);
  if (unsendable) return errAsync(unsendable);
  return exchange().andThen((result) => {
    try {
      return interpret(client, request, result);
    } catch (thrown) {
      // A caller's onResponse hook or a schema's own transform threw: the answer could not be read.
      const message = redactSecrets(
        thrown instanceof Error ? thrown.message : String(thrown),
        client.context.secrets,
      );
      return errAsync(
        asyncJobError(
          'invalid_response',
          `Reading the answer of ${client.context.provider} failed: ${message}`,
          {
            provider: client.context.provider,
            httpStatus: result.response.status,
          },
        ),
      );
    }
  });
}

/** A body JSON cannot encode (a BigInt, a cycle) is the caller's mistake, not a network failure to retry. */
function checkBody(client: HttpClient, json: unknown): AsyncJobError | null {
  if (json === undefined) return null;
  try {
    JSON.stringify(json);
    return null;
  } catch (thrown) {
    const message = thrown instanceof Error ? thrown.message : String(thrown);
    return asyncJobError('invalid_request', `The request body cannot be sent as JSON: ${message}`, {
      provider: client.context.provider,
    });
  }
}

function interpret<TSchema extends z.ZodType>(
  client: HttpClient,
  request: JsonRequest<TSchema>,
  { response, text }: Exchange,
): ResultAsync<JsonResponse<z.output<TSchema>>, AsyncJobError> {
  const body = parseJson(text);
  const bodyValue = body.isOk() ? body.value : undefined;
  const hints = parseResponseHints(
    response.headers,
    response.status,
    client.now(),
    safeRequestId(client, bodyValue),
  );
  request.onResponse?.(hints);
  if (!response.ok) {
    return errAsync(errorFromHttpResponse(client.context, hints, safeReadError(client, bodyValue)));
  }
  if (body.isErr() && text.trim() !== '') return errAsync(notJsonError(client.context, hints));
  const parsed = request.schema.safeParse(bodyValue);
  if (!parsed.success) {
    return errAsync(
      body.isErr()
        ? notJsonError(client.context, hints)
        : schemaMismatchError(client.context, hints, parsed.error),
    );
  }
  return okAsync({ data: parsed.data, hints });
}

function parseJson(text: string): Result<unknown, 'not_json'> {
  if (text.trim() === '') return err('not_json');
  try {
    return ok(JSON.parse(text));
  } catch {
    return err('not_json');
  }
}

// Vendor readers get bodies of any shape; a reader that trips on one must not turn an HTTP error into a crash.
function safeReadError(client: HttpClient, body: unknown) {
  try {
    return client.readError(body);
  } catch {
    return {};
  }
}

function safeRequestId(client: HttpClient, body: unknown): string | undefined {
  try {
    const id = client.readRequestId(body);
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
