import { describe, expect, it } from 'vitest';
import { convertToOutxRequest, OUTX_OPERATIONS } from './convert-to-outx-request';

describe('convertToOutxRequest', () => {
  it('lists the six operations', () => {
    expect(OUTX_OPERATIONS).toEqual([
      'fetch-profile',
      'fetch-connections',
      'send-connection-request',
      'send-message',
      'like-post',
      'search-profiles',
    ]);
  });

  it.each([
    ['fetch-profile', { profileSlug: ' williamhgates ' }, { profile_slug: 'williamhgates' }],
    ['fetch-connections', {}, {}],
    [
      'fetch-connections',
      { keyword: 'Ada', sortType: 'RECENTLY_ADDED', start: 40, count: 100 },
      { keyword: 'Ada', sort_type: 'RECENTLY_ADDED', start: 40, count: 100 },
    ],
    [
      'send-connection-request',
      { profileUrn: 'urn:li:fsd_profile:ACo' },
      { profile_urn: 'urn:li:fsd_profile:ACo' },
    ],
    [
      'send-connection-request',
      { profileUrn: 'ACo', note: `  ${'n'.repeat(300)}  ` },
      { profile_urn: 'ACo', note: 'n'.repeat(300) },
    ],
    ['send-connection-request', { profileUrn: 'ACo', note: '   ' }, { profile_urn: 'ACo' }],
    [
      'send-message',
      { recipientUrn: 'urn:li:person:1', message: ' Hi\n' },
      { recipient_urn: 'urn:li:person:1', message: ' Hi\n' },
    ],
    [
      'send-message',
      { recipientUrn: 'u', message: 'm'.repeat(10_000) },
      { recipient_urn: 'u', message: 'm'.repeat(10_000) },
    ],
    ['like-post', { socialUrn: 'urn:li:activity:712' }, { social_urn: 'urn:li:activity:712' }],
    [
      'search-profiles',
      {
        keywords: 'cto',
        title: 'CTO',
        company: 'Acme',
        firstName: 'Ada',
        lastName: 'L',
        geoUrn: ['urn:li:geo:1'],
      },
      {
        keywords: 'cto',
        title: 'CTO',
        company: 'Acme',
        first_name: 'Ada',
        last_name: 'L',
        geo_urn: ['urn:li:geo:1'],
      },
    ],
    ['search-profiles', { geoUrn: ['urn:li:geo:1'] }, { geo_urn: ['urn:li:geo:1'] }],
  ])('%s %j → %j', (operation, input, body) => {
    expect(convertToOutxRequest(operation, input)._unsafeUnwrap()).toEqual({ path: operation, body });
  });

  it.each([
    ['fetch-profile', {}, 'profileSlug', 'outx fetch-profile: profileSlug is required.'],
    [
      'fetch-profile',
      { profileSlug: '  ' },
      'profileSlug',
      'outx fetch-profile: profileSlug must not be blank.',
    ],
    ['fetch-profile', { profileSlug: 7 }, 'profileSlug', 'outx fetch-profile: profileSlug must be a string.'],
    [
      'fetch-profile',
      { profileSlug: 'x', profile_slug: 'x' },
      'profile_slug',
      'outx fetch-profile: profile_slug is not a known field.',
    ],
    [
      'fetch-connections',
      { count: 101 },
      'count',
      'outx fetch-connections: count must be between 1 and 100.',
    ],
    ['fetch-connections', { count: 0 }, 'count', 'outx fetch-connections: count must be between 1 and 100.'],
    ['fetch-connections', { count: '5' }, 'count', 'outx fetch-connections: count must be a number.'],
    ['fetch-connections', { start: -1 }, 'start', 'outx fetch-connections: start must be 0 or more.'],
    ['fetch-connections', { start: 1.5 }, 'start', 'outx fetch-connections: start must be an integer.'],
    [
      'send-connection-request',
      { profileUrn: 'ACo', note: 'n'.repeat(301) },
      'note',
      'outx send-connection-request: note must be 300 characters or fewer.',
    ],
    ['send-connection-request', { note: 'hi' }, 'profileUrn', undefined],
    ['send-connection-request', { profileUrn: 'ACo', note: 5 }, 'note', undefined],
    [
      'send-message',
      { recipientUrn: 'u', message: ' \n ' },
      'message',
      'outx send-message: message must not be blank.',
    ],
    [
      'send-message',
      { recipientUrn: 'u', message: 'm'.repeat(10_001) },
      'message',
      'outx send-message: message must be 10000 characters or fewer.',
    ],
    ['send-message', { message: 'Hi' }, 'recipientUrn', undefined],
    ['like-post', {}, 'socialUrn', undefined],
    ['search-profiles', { geoUrn: ['urn:li:geo:1', ''] }, 'geoUrn.1', undefined],
    ['search-profiles', { geoUrn: 'urn:li:geo:1' }, 'geoUrn', undefined],
  ])('%s %j is an invalid_request naming %s', (operation, input, field, message) => {
    const error = convertToOutxRequest(operation, input)._unsafeUnwrapErr();
    expect(error).toMatchObject({ kind: 'invalid_request', provider: 'outx', field, retryable: false });
    if (message) expect(error.message).toBe(message);
  });

  it('refuses a search without any filter', () => {
    for (const input of [{}, { keywords: ' ' }, { geoUrn: [] }]) {
      expect(convertToOutxRequest('search-profiles', input)._unsafeUnwrapErr()).toEqual({
        kind: 'invalid_request',
        provider: 'outx',
        message:
          'outx search-profiles: input needs at least one filter: keywords, title, company, firstName, lastName or geoUrn.',
        retryable: false,
      });
    }
  });

  it.each([null, 'williamhgates', ['x'], undefined])(
    'refuses the input %j that is not an object',
    (input) => {
      expect(convertToOutxRequest('fetch-profile', input)._unsafeUnwrapErr()).toMatchObject({
        kind: 'invalid_request',
        message: 'outx fetch-profile: input must be an object.',
      });
    },
  );

  it.each(['fetch-posts', 'toString', '__proto__', ''])('refuses the unknown operation "%s"', (operation) => {
    expect(convertToOutxRequest(operation, {})._unsafeUnwrapErr()).toMatchObject({
      kind: 'invalid_request',
      field: 'operation',
      message: `outx has no operation "${operation}" (operations: ${OUTX_OPERATIONS.join(', ')}).`,
    });
  });
});
