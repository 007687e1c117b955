import { loadFixture } from '@asyncjob/core/test';
import { describe, expect, it } from 'vitest';
import {
  convertRevkeenApprovalDecision,
  convertRevkeenCreatedRun,
  convertRevkeenRun,
  convertRevkeenRunList,
  type RevkeenApproval,
} from './convert-revkeen-job';
import {
  revkeenCreateRunResponseSchema,
  revkeenRunListResponseSchema,
  revkeenRunResponseSchema,
} from './revkeen-api';

const AUTOMATION = '64fb5f73-6415-4f56-8e9e-ca06539f09ac';
const RUN = '497f6eca-6276-4993-bfeb-53cbbbba6f08';
const ID = `${AUTOMATION}/${RUN}`;

function run(name: string) {
  const parsed = revkeenRunResponseSchema.parse(loadFixture(import.meta.url, `__fixtures__/${name}.json`));
  return { wire: parsed.data, job: convertRevkeenRun(parsed.data, AUTOMATION) };
}

const base = {
  ref: `revkeen:${ID}`,
  provider: 'revkeen',
  id: ID,
  createdAt: new Date('2026-05-20T10:00:00.000Z'),
  updatedAt: null,
  scheduledAt: null,
  startedAt: null,
  finishedAt: null,
  nextAttemptAt: null,
  attempts: null,
};

const step1 = {
  id: '5d0c7a8e-2f1b-4c3d-9e8f-0a1b2c3d4e5f',
  index: 0,
  type: 'tool_call',
  name: 'Find overdue invoices',
  status: 'completed',
  durationMs: 840,
  output: { count: 2 },
};

const approvalBase: RevkeenApproval = {
  id: '9b2e4f60-7c1d-4e8a-b3f2-5a6c7d8e9f01',
  status: 'pending',
  runId: null,
  automationId: null,
  actionSummary: 'Send 2 reminder emails',
  rejectionReason: null,
  approvedAt: null,
  createdAt: new Date('2026-05-20T10:00:03.000Z'),
};

describe('convertRevkeenRun', () => {
  it('converts a queued run', () => {
    const { wire, job } = run('revkeen-run-get-queued');
    expect(job).toEqual({
      ...base,
      status: 'queued',
      rawStatus: 'queued',
      terminal: false,
      result: null,
      failure: null,
      raw: wire,
    });
  });

  it('converts a running run', () => {
    const { wire, job } = run('revkeen-run-get-running');
    expect(job).toEqual({
      ...base,
      status: 'running',
      rawStatus: 'running',
      terminal: false,
      result: null,
      failure: null,
      startedAt: new Date('2026-05-20T10:00:01.000Z'),
      raw: wire,
    });
  });

  it('converts a run waiting on an approval', () => {
    const { wire, job } = run('revkeen-run-get-awaiting-approval');
    expect(job).toEqual({
      ...base,
      status: 'awaiting_action',
      rawStatus: 'awaiting_approval',
      terminal: false,
      result: null,
      failure: null,
      startedAt: new Date('2026-05-20T10:00:01.000Z'),
      raw: wire,
    });
  });

  it('converts a succeeded run with its steps and approvals', () => {
    const { wire, job } = run('revkeen-run-get-succeeded');
    expect(job).toEqual({
      ...base,
      status: 'succeeded',
      rawStatus: 'completed',
      terminal: true,
      result: {
        summary: 'Sent 2 reminder emails',
        automationName: 'Chase overdue invoices',
        triggerSource: 'manual',
        steps: [
          step1,
          {
            id: '6e1d8b9f-3a2c-4d4e-8f90-1b2c3d4e5f60',
            index: 1,
            type: 'send_email',
            name: 'Email the customers',
            status: 'completed',
            durationMs: 1210,
            output: { sent: 2 },
          },
        ],
        approvals: [
          { ...approvalBase, status: 'approved', approvedAt: new Date('2026-05-20T10:04:00.000Z') },
        ],
      },
      failure: null,
      startedAt: new Date('2026-05-20T10:00:01.000Z'),
      finishedAt: new Date('2026-05-20T10:04:05.000Z'),
      raw: wire,
    });
  });

  it('converts a failed run: the error message is the failure', () => {
    const { wire, job } = run('revkeen-run-get-failed');
    expect(job).toEqual({
      ...base,
      status: 'failed',
      rawStatus: 'failed',
      terminal: true,
      result: null,
      failure: { code: 'run_failed', message: 'Step 2 failed: mailbox quota exceeded', retryable: false },
      startedAt: new Date('2026-05-20T10:00:01.000Z'),
      finishedAt: new Date('2026-05-20T10:00:04.000Z'),
      raw: wire,
    });
  });

  it('converts a run whose approval was rejected: cancelled, with the reason', () => {
    const { wire, job } = run('revkeen-run-get-rejected');
    expect(job).toEqual({
      ...base,
      status: 'cancelled',
      rawStatus: 'rejected',
      terminal: true,
      result: null,
      failure: { code: 'approval_rejected', message: 'Customer already paid by wire', retryable: false },
      startedAt: new Date('2026-05-20T10:00:01.000Z'),
      finishedAt: new Date('2026-05-20T10:04:00.000Z'),
      raw: wire,
    });
  });

  it('converts the reference example: its placeholder words are unknown, so the hints decide (failed)', () => {
    const { wire, job } = run('revkeen-run-get-example');
    expect(job).toEqual({
      ...base,
      status: 'failed',
      rawStatus: 'string',
      terminal: true,
      result: null,
      failure: { code: 'run_failed', message: 'string', retryable: false },
      // "string" is no date: unreadable timestamps are null, not an error.
      createdAt: null,
      raw: wire,
    });
  });

  it('reads empty strings as unset', () => {
    const { job } = run('revkeen-run-get-empty-strings');
    expect(job).toMatchObject({ status: 'running', finishedAt: null, failure: null });
    const hinted = convertRevkeenRun(
      { id: RUN, status: 'paused', completed_at: '', error_message: '' },
      AUTOMATION,
    );
    expect(hinted.status).toBe('unknown');
  });

  it('fails a failed run whose approval was rejected with approval_rejected', () => {
    const job = convertRevkeenRun(
      {
        id: RUN,
        status: 'failed',
        error_message: 'Approval rejected',
        approvals: [{ id: 'a1', status: 'rejected', rejection_reason: null }],
      },
      AUTOMATION,
    );
    expect(job.failure).toEqual({
      code: 'approval_rejected',
      message: 'Approval rejected',
      retryable: false,
    });
  });

  it('takes an unknown word with a pending approval as awaiting_action, and keeps the word', () => {
    const job = convertRevkeenRun(
      { id: RUN, status: 'paused', approvals: [{ id: 'a1', status: 'pending' }] },
      AUTOMATION,
    );
    expect(job).toMatchObject({ status: 'awaiting_action', rawStatus: 'paused', terminal: false });
  });

  it('takes an unknown word with a completion time as succeeded', () => {
    const job = convertRevkeenRun(
      { id: RUN, status: 'done', completed_at: '2026-05-20T10:04:05Z', summary: 'ok' },
      AUTOMATION,
    );
    expect(job).toMatchObject({
      status: 'succeeded',
      rawStatus: 'done',
      finishedAt: new Date('2026-05-20T10:04:05Z'),
    });
    expect(job.result).toEqual({
      summary: 'ok',
      automationName: null,
      triggerSource: null,
      steps: [],
      approvals: [],
    });
  });

  it('cancelled without a reason has no failure; with an error message it has one', () => {
    expect(convertRevkeenRun({ id: RUN, status: 'cancelled' }, AUTOMATION).failure).toBeNull();
    expect(
      convertRevkeenRun({ id: RUN, status: 'canceled', error_message: 'Stopped by admin' }, AUTOMATION)
        .failure,
    ).toEqual({ code: 'run_cancelled', message: 'Stopped by admin', retryable: false });
  });

  it('escapes a / in an id so the job id still has two parts', () => {
    const job = convertRevkeenRun({ id: 'r/1', status: 'queued' }, 'a%b');
    expect(job.id).toBe('a%25b/r%2F1');
  });
});

describe('convertRevkeenCreatedRun', () => {
  it('converts the create response to the first snapshot', () => {
    const fixture = loadFixture(import.meta.url, '__fixtures__/revkeen-run-create-queued.json');
    const created = revkeenCreateRunResponseSchema.parse(fixture).data;
    expect(convertRevkeenCreatedRun(created, AUTOMATION)).toEqual({
      ...base,
      createdAt: null,
      status: 'queued',
      rawStatus: 'queued',
      terminal: false,
      result: null,
      failure: null,
      raw: {
        id: RUN,
        object: 'automation_run',
        status: 'queued',
        automation_id: AUTOMATION,
        job_id: 'job_01HZX3V9K2',
      },
    });
  });

  it('converts the reference example (placeholder status → unknown)', () => {
    const fixture = loadFixture(import.meta.url, '__fixtures__/revkeen-run-create-example.json');
    const created = revkeenCreateRunResponseSchema.parse(fixture).data;
    expect(convertRevkeenCreatedRun(created, 'uuid')).toMatchObject({
      ref: 'revkeen:uuid/uuid',
      status: 'unknown',
      rawStatus: 'string',
    });
  });

  it('synthesizes a queued snapshot when the status is missing or empty', () => {
    for (const status of [undefined, null, '']) {
      expect(convertRevkeenCreatedRun({ id: RUN, status }, AUTOMATION)).toMatchObject({
        status: 'queued',
        rawStatus: 'queued',
        terminal: false,
      });
    }
  });
});

describe('convertRevkeenRunList', () => {
  const list = (name: string) =>
    convertRevkeenRunList(
      revkeenRunListResponseSchema.parse(loadFixture(import.meta.url, `__fixtures__/${name}.json`)),
      AUTOMATION,
    );

  it('reads the reference example: no pagination block', () => {
    const page = list('revkeen-runs-list-example');
    expect(page).toMatchObject({ hasMore: null, total: null });
    expect(page.runs).toHaveLength(1);
    expect(page.runs[0]).toMatchObject({ ref: `revkeen:${ID}`, status: 'failed', rawStatus: 'string' });
  });

  it('reads hasMore and total from the pagination guide block', () => {
    expect(list('revkeen-runs-list-paginated')).toMatchObject({ hasMore: false, total: 1 });
  });

  it('reads total from the SDK page block, which has no hasMore', () => {
    expect(list('revkeen-runs-list-pages')).toMatchObject({ hasMore: null, total: 1 });
  });
});

describe('convertRevkeenApprovalDecision', () => {
  it('reads { data: approval }', () => {
    const body = loadFixture(import.meta.url, '__fixtures__/revkeen-approvals-approve-approved.json');
    expect(convertRevkeenApprovalDecision(body, 'ignored')).toEqual({
      ...approvalBase,
      status: 'approved',
      runId: RUN,
      automationId: AUTOMATION,
      approvedAt: new Date('2026-05-20T10:04:00.000Z'),
    });
  });

  it.each([undefined, null, {}, { success: true }, 'ok', { data: { id: 42 } }])(
    'falls back to the requested id for %j',
    (body) => {
      expect(convertRevkeenApprovalDecision(body, 'appr_1')).toMatchObject({ id: 'appr_1', status: null });
    },
  );

  it('reads a bare approval', () => {
    expect(convertRevkeenApprovalDecision({ id: 'appr_2', status: 'rejected' }, 'appr_2')).toMatchObject({
      id: 'appr_2',
      status: 'rejected',
    });
  });
});
