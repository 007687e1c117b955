export { isLoopbackHost, normalizeBaseUrl } from './base-url';
export {
  type CreateRetryOptions,
  createHttpClient,
  type HttpClient,
  type HttpClientOptions,
} from './create-http-client';
export { encodePathSegment } from './encode-path-segment';
export { parseRateLimit, parseResponseHints, parseRetryAfter } from './parse-response-hints';
export { redactSecrets } from './redact';
export { type JsonRequest, type JsonResponse, requestJson } from './request-json';
export {
  type ErrorContext,
  errorFromHttpResponse,
  kindForHttpStatus,
  notJsonError,
  type ReadVendorError,
  schemaMismatchError,
  toAsyncJobError,
  type VendorErrorInfo,
} from './to-async-job-error';
