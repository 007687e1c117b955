import { type AsyncJobError, asyncJobError } from '@asyncjob/core';

// Replies Redis gives while it starts, fails over or runs out of memory: the same command may work later.
const TRANSIENT_REPLIES = ['LOADING', 'BUSY', 'OOM', 'READONLY', 'TRYAGAIN', 'CLUSTERDOWN', 'MASTERDOWN'];
const AUTH_REPLIES = ['NOAUTH', 'WRONGPASS', 'ERR invalid password', 'ERR AUTH'];

/**
 * The one place that classifies what ioredis and BullMQ throw. A lost or refused connection, a command that timed
 * out, and a server that is starting are `network` errors (retryable); a refused password is a `config` error;
 * any other reply, or BullMQ refusing a move (the job is no longer this worker's), is a `server_error` that
 * retrying will not fix. The message never carries the connection URL.
 */
export function toRedisError(thrown: unknown, action: string): AsyncJobError {
  const name = thrown instanceof Error ? thrown.name : 'Error';
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  const cause = { name, message };
  if (AUTH_REPLIES.some((prefix) => message.startsWith(prefix))) {
    return asyncJobError('config', `Redis refused the credentials while trying to ${action}: ${message}`, {
      field: 'connection',
      cause,
    });
  }
  // BullMQ's own refusals carry a negative code: the job is gone, or no longer held by this worker.
  if (isJobLost(thrown)) {
    return asyncJobError('server_error', `BullMQ refused to ${action}: ${message}`, {
      retryable: false,
      cause,
    });
  }
  const isReply = name === 'ReplyError';
  if (isReply && !TRANSIENT_REPLIES.some((prefix) => message.startsWith(prefix))) {
    return asyncJobError('server_error', `Redis rejected a command while trying to ${action}: ${message}`, {
      retryable: false,
      cause,
    });
  }
  return asyncJobError('network', `Redis is unavailable; could not ${action}: ${message}`, { cause });
}

/** Whether BullMQ refused to move a job because this worker no longer holds it (its lock lapsed, or it is gone). */
export function isJobLost(thrown: unknown): boolean {
  const code = (thrown as { code?: unknown } | null)?.code;
  return typeof code === 'number' && code < 0;
}

/** Whether the consumer group (or its stream) is gone, e.g. after Redis restarted without its data. */
export function isMissingGroup(thrown: unknown): boolean {
  return thrown instanceof Error && thrown.message.startsWith('NOGROUP');
}
