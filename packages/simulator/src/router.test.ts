import { describe, expect, it } from 'vitest';
import { createRouter } from './router';

const routes = [
  { method: 'GET', template: '/automations/approvals', name: 'approvals' },
  { method: 'GET', template: '/automations/:id', name: 'automation' },
  { method: 'POST', template: '/automations/:id/runs', name: 'create-run' },
  { method: 'GET', template: '/automations/:id/runs', name: 'list-runs' },
  { method: 'GET', template: '/automations/:id/runs/:runId', name: 'run' },
];
const router = createRouter(routes);

describe('createRouter', () => {
  it.each([
    ['GET', '/automations/approvals', 'approvals', {}],
    ['GET', '/automations/abc', 'automation', { id: 'abc' }],
    ['GET', '/automations/abc/', 'automation', { id: 'abc' }],
    ['POST', '/automations/abc/runs', 'create-run', { id: 'abc' }],
    ['GET', '/automations/abc/runs', 'list-runs', { id: 'abc' }],
    ['GET', '/automations/a%2Fb/runs/r%201', 'run', { id: 'a/b', runId: 'r 1' }],
  ])('%s %s matches %s', (method, path, name, params) => {
    const match = router.match(method, path);
    expect(match.kind).toBe('match');
    if (match.kind === 'match') {
      expect(match.route.name).toBe(name);
      expect(match.params).toEqual(params);
    }
  });

  it.each([
    [
      'DELETE',
      '/automations/abc/runs',
      { kind: 'method_not_allowed', template: '/automations/:id/runs', allowed: ['POST', 'GET'] },
    ],
    [
      'POST',
      '/automations/approvals',
      { kind: 'method_not_allowed', template: '/automations/approvals', allowed: ['GET'] },
    ],
    ['GET', '/nothing', { kind: 'not_found' }],
    ['GET', '/automations/%E0%A4%A/runs', { kind: 'not_found' }],
  ])('%s %s does not match', (method, path, expected) => {
    expect(router.match(method, path)).toEqual(expected);
  });
});
