import { describe, expect, it } from 'vitest';
import { OUTX_ENDPOINTS } from './outx-validate';

const validate = (path: string, body: Record<string, unknown>) =>
  (OUTX_ENDPOINTS[path] as (typeof OUTX_ENDPOINTS)[string]).validate(body);

describe('OUTX_ENDPOINTS', () => {
  it.each([
    ['/fetch-profile', {}, "Missing or invalid 'profile_slug'"],
    ['/fetch-profile', { profile_slug: 3 }, "Missing or invalid 'profile_slug'"],
    ['/send-connection-request', {}, "Missing or invalid 'profile_urn'"],
    [
      '/send-connection-request',
      { profile_urn: 'urn:li:fsd_profile:A', note: 5 },
      "Invalid 'note': must be a string",
    ],
    [
      '/send-connection-request',
      { profile_urn: 'A', note: 'x'.repeat(301) },
      "Invalid 'note': must be 300 characters or fewer",
    ],
    ['/send-message', { message: 'hi' }, "Missing or invalid 'recipient_urn'"],
    ['/send-message', { recipient_urn: 'urn:li:person:1', message: '   ' }, "Missing or invalid 'message'"],
    [
      '/send-message',
      { recipient_urn: 'urn:li:person:1', message: 'x'.repeat(10_001) },
      'Message text is too long (max 10000 characters)',
    ],
    ['/like-post', { social_urn: '' }, "Missing or invalid 'social_urn'"],
    ['/fetch-connections', { count: 101 }, "Invalid 'count': must be an integer from 1 to 100"],
    [
      '/search-profiles',
      { keywords: '' },
      'At least one search filter is required (keywords, title, company, first_name, last_name, geo_urn)',
    ],
    ['/search-profiles', { geo_urn: 'x' }, "Invalid 'geo_urn': must be an array of strings"],
  ])('%s %j → %s', (path, body, message) => {
    expect(validate(path, body)).toEqual({ ok: false, message });
  });

  it.each([
    ['/fetch-profile', { profile_slug: 'williamhgates' }, { profile_slug: 'williamhgates' }],
    [
      '/send-connection-request',
      { profile_urn: 'A', note: `  ${'x'.repeat(300)}  ` },
      { profile_urn: 'A', note: 'x'.repeat(300) },
    ],
    ['/fetch-connections', {}, { sort_type: 'RECENTLY_ADDED', start: 0, count: 40 }],
    ['/search-profiles', { title: 'CTO', geo_urn: ['103644278'] }, { title: 'CTO', geo_urn: ['103644278'] }],
  ])('%s %j → task input %j', (path, body, value) => {
    expect(validate(path, body)).toEqual({ ok: true, value });
  });
});
