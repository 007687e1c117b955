import { describe, expect, it } from 'vitest';
import { isMissingGroup, toRedisError } from './redis-error';

function named(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { name }, extra);
}

describe('toRedisError', () => {
  it.each([
    [
      'a refused connection',
      named('Error', 'connect ECONNREFUSED 127.0.0.1:6390', { code: 'ECONNREFUSED' }),
      'network',
      true,
    ],
    [
      'a command sent while offline',
      named('Error', "Stream isn't writeable and enableOfflineQueue options is false"),
      'network',
      true,
    ],
    [
      'a dropped connection',
      named('MaxRetriesPerRequestError', 'Reached the max retries per request limit'),
      'network',
      true,
    ],
    ['a command timeout', named('Error', 'Command timed out'), 'network', true],
    [
      'a server still loading',
      named('ReplyError', 'LOADING Redis is loading the dataset in memory'),
      'network',
      true,
    ],
    [
      'a full server',
      named('ReplyError', 'OOM command not allowed when used memory > maxmemory'),
      'network',
      true,
    ],
    ['a wrong password', named('ReplyError', 'WRONGPASS invalid username-password pair'), 'config', false],
    ['a missing password', named('ReplyError', 'NOAUTH Authentication required.'), 'config', false],
    [
      'a wrong type',
      named('ReplyError', 'WRONGTYPE Operation against a key holding the wrong kind of value'),
      'server_error',
      false,
    ],
    [
      'a job no longer held',
      named('Error', 'Missing lock for job x. moveToDelayed', { code: -2 }),
      'server_error',
      false,
    ],
    ['something thrown that is not an error', 'socket hang up', 'network', true],
  ] as const)('%s is %s (retryable: %s)', (_name, thrown, kind, retryable) => {
    expect(toRedisError(thrown, 'track revor:1')).toMatchObject({ kind, retryable, provider: null });
  });

  it('says what it was doing and keeps the cause small', () => {
    expect(toRedisError(named('Error', 'Connection is closed.'), 'track revor:1')).toEqual({
      kind: 'network',
      provider: null,
      retryable: true,
      message: 'Redis is unavailable; could not track revor:1: Connection is closed.',
      cause: { name: 'Error', message: 'Connection is closed.' },
    });
  });

  it('recognizes a lost consumer group', () => {
    expect(isMissingGroup(named('ReplyError', "NOGROUP No such key 's' or consumer group 'g'"))).toBe(true);
    expect(isMissingGroup(named('ReplyError', 'BUSYGROUP Consumer Group name already exists'))).toBe(false);
  });
});
