import { readdirSync } from 'node:fs';
import { loadFixture } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import {
  revkeenApprovalListResponseSchema,
  revkeenCreateRunResponseSchema,
  revkeenRunListResponseSchema,
  revkeenRunResponseSchema,
} from './revkeen-api';

const fixture = (name: string) =>
  loadFixture<Record<string, unknown>>(import.meta.url, `__fixtures__/${name}`);
const fixtures = readdirSync(new URL('__fixtures__/', import.meta.url));
const successSchemas = [
  ['revkeen-run-get-', revkeenRunResponseSchema],
  ['revkeen-run-create-', revkeenCreateRunResponseSchema],
  ['revkeen-runs-list-', revkeenRunListResponseSchema],
  ['revkeen-approvals-list-', revkeenApprovalListResponseSchema],
] as const;

describe('wire schemas', () => {
  it.each(fixtures.filter((name) => successSchemas.some(([prefix]) => name.startsWith(prefix))))(
    'accept the fixture %s',
    (name) => {
      const schema = successSchemas.find(([prefix]) => name.startsWith(prefix))?.[1];
      expect(schema?.safeParse(fixture(name)).success).toBe(true);
    },
  );

  it('keep fields they do not declare (for raw) and never fail on them', () => {
    const parsed = revkeenRunResponseSchema.parse({
      data: { id: 'r1', status: 'running', brand_new: { nested: true }, steps: [{ id: 's1', extra: 1 }] },
      meta: 'x',
    });
    expect(parsed.data).toMatchObject({ brand_new: { nested: true }, steps: [{ id: 's1', extra: 1 }] });
  });

  it('accept a run with only its id and status', () => {
    expect(revkeenRunResponseSchema.safeParse({ data: { id: 'r1', status: 'queued' } }).success).toBe(true);
  });

  it.each([
    ['no id', { data: { status: 'queued' } }, 'data.id'],
    ['an empty id', { data: { id: '', status: 'queued' } }, 'data.id'],
    ['no status', { data: { id: 'r1' } }, 'data.status'],
    ['a numeric status', { data: { id: 'r1', status: 3 } }, 'data.status'],
    ['no data', { id: 'r1', status: 'queued' }, 'data'],
    ['steps that are not a list', { data: { id: 'r1', status: 'queued', steps: {} } }, 'data.steps'],
  ])('reject a run with %s', (_case, body, path) => {
    const parsed = revkeenRunResponseSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('accept a create answer without a status, but not without an id', () => {
    expect(revkeenCreateRunResponseSchema.safeParse({ data: { id: 'r1' } }).success).toBe(true);
    expect(revkeenCreateRunResponseSchema.safeParse({ data: { status: 'queued' } }).success).toBe(false);
  });

  it('drop a pagination block of an unexpected shape instead of failing the list', () => {
    const parsed = revkeenRunListResponseSchema.parse({
      data: [],
      pagination: { hasMore: 'yes', total: '3' },
    });
    expect(parsed.pagination).toMatchObject({ hasMore: undefined, total: undefined });
    expect(revkeenRunListResponseSchema.parse({ data: [], pagination: 'cursor' }).pagination).toBeUndefined();
  });
});
