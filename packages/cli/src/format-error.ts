import type { AsyncJobError } from '@asyncjob/core';
import { oneLine } from './format-job';

/** A request error as `--json` prints it. */
export interface ErrorJson {
  readonly ref: string | null;
  readonly error: {
    readonly kind: AsyncJobError['kind'];
    readonly code: string | null;
    readonly message: string;
    readonly httpStatus: number | null;
    readonly requestId: string | null;
  };
}

/** The JSON object of a ref's error; absent fields are null so every line has the same keys. */
export function toErrorJson(ref: string | null, error: AsyncJobError): ErrorJson {
  return {
    ref,
    error: {
      kind: error.kind,
      code: error.code ?? null,
      message: error.message,
      httpStatus: error.httpStatus ?? null,
      requestId: error.requestId ?? null,
    },
  };
}

/** One line of `--json` output for an error (no newline). */
export function formatErrorJsonLine(ref: string | null, error: AsyncJobError): string {
  return JSON.stringify(toErrorJson(ref, error));
}

/**
 * An error in one line for people, naming the ref and the kind:
 * `error revor:job_1: not_found: Task not found (HTTP 404, code task_not_found, request req_1)`.
 */
export function formatErrorLine(ref: string | null, error: AsyncJobError): string {
  const facts = [
    error.httpStatus === undefined ? null : `HTTP ${error.httpStatus}`,
    error.code === undefined ? null : `code ${error.code}`,
    error.requestId === undefined ? null : `request ${error.requestId}`,
  ].filter((fact) => fact !== null);
  const where = ref === null ? '' : ` ${ref}`;
  const suffix = facts.length > 0 ? ` (${facts.join(', ')})` : '';
  return `error${where}: ${error.kind}: ${oneLine(error.message)}${suffix}`;
}
