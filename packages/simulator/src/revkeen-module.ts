import { DRIFT_STATUS } from './faults';
import { retryAfterSeconds } from './rate-limiter';
import {
  PLAN_SHARE,
  type RevkeenRun,
  revkeenApprovalAt,
  revkeenRunAt,
  revkeenRunDetail,
  revkeenRunSummary,
  revkeenRunTruth,
} from './revkeen-run-state';
import {
  paginate,
  parsePage,
  type RevkeenValidationProblem,
  readRejectionReason,
  validateRunBody,
} from './revkeen-validate';
import { sampleJob } from './sample-job';
import { headerValue, jsonResponse, type SimRequest, type SimResponse } from './sim-http';
import { mergeDirectives, readNestedSimulateDirective } from './simulate-directive';
import type { SimulatorAutomation } from './simulator-options';
import type {
  AuthResult,
  Caller,
  RouteContext,
  VendorDeps,
  VendorModule,
  VendorRoute,
} from './vendor-module';

/** A RevKeen approval as the control API lists it. */
export interface ApprovalInfo {
  readonly id: string;
  readonly runId: string;
  readonly automationId: string;
  readonly apiKey: string;
  readonly status: 'pending' | 'approved' | 'rejected';
  readonly requestedAtMs: number;
}

/** The simulator's hooks for RevKeen approvals. */
export interface RevkeenControl {
  /** Approvals that runs have asked for so far, optionally for one key or status. */
  listApprovals(filter?: {
    readonly apiKey?: string;
    readonly status?: ApprovalInfo['status'];
  }): ApprovalInfo[];
  /** The id of a run's pending approval, or null when it is not waiting for one. */
  pendingApprovalId(runId: string): string | null;
  /** Approves or rejects a pending approval as a person would; false when there is none to decide. */
  decideApproval(approvalId: string, decision: 'approve' | 'reject', reason?: string): boolean;
}

const RUN_FAILURES = [
  'Step "Execute actions" failed: the payment provider returned 502',
  'Step "Plan actions" failed: the model output did not match the action schema',
  'Timed out waiting for the CRM integration',
];

function revkeenError(
  status: number,
  type: string,
  code: string,
  message: string,
  extra: { readonly param?: string; readonly headers?: Record<string, string>; readonly requestId: string },
): SimResponse {
  const details = extra.param
    ? { param: extra.param, details: { fields: { [extra.param]: [message] } } }
    : {};
  return jsonResponse(
    status,
    { error: { type, code, message, ...details, request_id: extra.requestId } },
    { 'request-id': extra.requestId, ...extra.headers },
  );
}

/**
 * RevKeen's v2 automation runs (https://docs.revkeen.com/docs/api-reference): `x-api-key` with `rk_sandbox_` or
 * `rk_live_`, `{ error: { type, code, message } }` errors, idempotent run creation, approvals that pause runs.
 */
export function createRevkeenModule(deps: VendorDeps): { module: VendorModule; control: RevkeenControl } {
  const { options, idRandom } = deps;
  const runs = new Map<string, RevkeenRun>();
  /** Run ids per tenant + automation, oldest first. */
  const runIndex = new Map<string, string[]>();
  /** Approval id → run id. */
  const approvals = new Map<string, string>();
  const automations = new Map<string, SimulatorAutomation>(
    options.revkeenAutomations.map((entry) => [entry.id, entry]),
  );
  const approverIds = new Map<string, string>(options.keys.revkeen.map((key) => [key, idRandom.uuid()]));

  const requestId = () => `req_${idRandom.hex(24)}`;
  const fail = (
    status: number,
    type: string,
    code: string,
    message: string,
    param?: string,
    headers?: Record<string, string>,
  ) =>
    revkeenError(status, type, code, message, {
      requestId: requestId(),
      ...(param ? { param } : {}),
      ...(headers ? { headers } : {}),
    });
  const invalid = (problem: RevkeenValidationProblem) =>
    fail(400, 'invalid_request_error', 'validation_error', problem.message, problem.param);
  const missing = (what: string, id: string) =>
    fail(404, 'invalid_request_error', 'resource_missing', `No such ${what}: '${id}'`, 'id');

  const automationFor = (request: SimRequest) => automations.get(request.params.id ?? '');

  const createRun = ({ request, caller }: RouteContext): SimResponse => {
    const automation = automationFor(request);
    if (!automation) return missing('automation', request.params.id ?? '');
    const validation = validateRunBody(
      request.body.kind === 'empty' ? {} : request.body.kind === 'json' ? request.body.value : null,
    );
    if (!validation.ok) return invalid(validation.problem);
    // RevKeen runs are not retried, so a directive's `retries` is ignored.
    const { retries: _ignored, ...directive } = mergeDirectives(
      deps.takePlannedDirective('revkeen', caller.apiKey),
      readNestedSimulateDirective(validation.triggerPayload),
    );
    const sampled = sampleJob(
      deps.jobRandom,
      options.vendors.revkeen,
      { ...directive, retries: 0 },
      {
        createdAt: request.nowMs,
        timeScale: options.timeScale,
      },
    );
    const { plan } = sampled;
    const attempt = plan.attempts[0];
    const needsApproval = directive.approval ?? (automation.requiresApproval === true || sampled.approval);
    const run: RevkeenRun = {
      id: idRandom.uuid(),
      apiKey: caller.apiKey,
      automation,
      versionId: idRandom.uuid(),
      threadId: idRandom.uuid(),
      jobId: `job_${idRandom.hex(20)}`,
      triggerPayload: validation.triggerPayload,
      plan,
      approval:
        needsApproval && attempt
          ? {
              id: idRandom.uuid(),
              requestedAtMs: attempt.startAt + Math.round((attempt.endAt - attempt.startAt) * PLAN_SHARE),
              actionSummary: `${automation.name}: 1 action needs approval`,
              actions: [{ type: 'send_email', target: 'customer', template: 'automation_default' }],
            }
          : null,
      decision: null,
      errorMessage: RUN_FAILURES[Math.floor(sampled.detail * RUN_FAILURES.length)] as string,
      childIds: Array.from({ length: 6 }, () => idRandom.uuid()),
      approverUserId: approverIds.get(caller.apiKey) ?? idRandom.uuid(),
    };
    runs.set(run.id, run);
    if (run.approval) approvals.set(run.approval.id, run.id);
    const indexKey = `${caller.tenant}|${automation.id}`;
    runIndex.set(indexKey, [...(runIndex.get(indexKey) ?? []), run.id]);
    deps.recordJobCreated('revkeen');
    const moment = revkeenRunAt(run, request.nowMs);
    return jsonResponse(202, {
      data: {
        id: run.id,
        object: 'automation_run',
        status: moment.status,
        automation_id: automation.id,
        job_id: run.jobId,
      },
    });
  };

  const ownedRun = (caller: Caller, runId: string, automationId?: string) => {
    const run = runs.get(runId);
    if (!run || run.apiKey !== caller.apiKey) return undefined;
    if (automationId !== undefined && run.automation.id !== automationId) return undefined;
    return run;
  };

  const getRun = ({ request, caller }: RouteContext): SimResponse => {
    if (!automationFor(request)) return missing('automation', request.params.id ?? '');
    const run = ownedRun(caller, request.params.runId ?? '', request.params.id);
    if (!run) return missing('automation run', request.params.runId ?? '');
    return jsonResponse(200, { data: revkeenRunDetail(run, request.nowMs) });
  };

  const listRuns = ({ request, caller }: RouteContext): SimResponse => {
    const automation = automationFor(request);
    if (!automation) return missing('automation', request.params.id ?? '');
    const parsed = parsePage(request.query);
    if (!parsed.ok) return invalid(parsed.problem);
    const status = request.query.get('status');
    const ids = runIndex.get(`${caller.tenant}|${automation.id}`) ?? [];
    const summaries: Record<string, unknown>[] = [];
    for (let index = ids.length - 1; index >= 0; index -= 1) {
      const summary = revkeenRunSummary(runs.get(ids[index] as string) as RevkeenRun, request.nowMs);
      if (status === null || summary.status === status) summaries.push(summary);
    }
    return jsonResponse(200, paginate(summaries, parsed.page));
  };

  const visibleApprovals = (apiKey: string | undefined, nowMs: number) => {
    const found: { run: RevkeenRun; approval: Record<string, unknown> }[] = [];
    for (const runId of approvals.values()) {
      const run = runs.get(runId) as RevkeenRun;
      if (apiKey !== undefined && run.apiKey !== apiKey) continue;
      const approval = revkeenApprovalAt(run, nowMs);
      if (approval) found.push({ run, approval });
    }
    return found;
  };

  const listApprovalsRoute = ({ request, caller }: RouteContext): SimResponse => {
    const parsed = parsePage(request.query);
    if (!parsed.ok) return invalid(parsed.problem);
    const status = request.query.get('status');
    const items = visibleApprovals(caller.apiKey, request.nowMs)
      .map((entry) => entry.approval)
      .filter((approval) => status === null || approval.status === status)
      .reverse();
    return jsonResponse(200, paginate(items, parsed.page));
  };

  /** Records a decision when the approval is visible and pending; otherwise says why not. */
  const decide = (
    approvalId: string,
    apiKey: string | undefined,
    kind: 'approved' | 'rejected',
    reason: string | null,
    nowMs: number,
  ) => {
    const runId = approvals.get(approvalId);
    const run = runId ? runs.get(runId) : undefined;
    if (!run || (apiKey !== undefined && run.apiKey !== apiKey) || !revkeenApprovalAt(run, nowMs))
      return 'missing' as const;
    if (revkeenRunAt(run, nowMs).status !== 'awaiting_approval') return 'decided' as const;
    const updated: RevkeenRun = { ...run, decision: { kind, atMs: nowMs, reason } };
    runs.set(run.id, updated);
    return updated;
  };

  const decideRoute =
    (kind: 'approved' | 'rejected') =>
    ({ request, caller }: RouteContext): SimResponse => {
      const approvalId = request.params.approvalId ?? '';
      let reason: string | null = null;
      if (kind === 'rejected') {
        const parsed = readRejectionReason(request.body.kind === 'json' ? request.body.value : undefined);
        if (!parsed.ok) return invalid(parsed.problem);
        reason = parsed.reason ?? 'Rejected via API';
      }
      const result = decide(approvalId, caller.apiKey, kind, reason, request.nowMs);
      if (result === 'missing') return missing('approval', approvalId);
      if (result === 'decided') {
        return fail(
          409,
          'invalid_request_error',
          'approval_not_pending',
          'This approval has already been decided.',
        );
      }
      return jsonResponse(200, { data: revkeenApprovalAt(result, request.nowMs) });
    };

  const automationBody = (automation: SimulatorAutomation) => ({
    id: automation.id,
    object: 'automation',
    name: automation.name,
    status: 'active',
    trigger_type: 'manual',
    risk_profile: automation.requiresApproval ? 'high' : 'low',
    objective: automation.objective ?? automation.name,
  });

  const routes: VendorRoute[] = [
    {
      method: 'GET',
      template: '/automations',
      handle: ({ request }) => {
        const parsed = parsePage(request.query);
        if (!parsed.ok) return invalid(parsed.problem);
        return jsonResponse(200, paginate([...automations.values()].map(automationBody), parsed.page));
      },
    },
    { method: 'GET', template: '/automations/approvals', handle: listApprovalsRoute },
    {
      method: 'POST',
      template: '/automations/approvals/:approvalId/approve',
      handle: decideRoute('approved'),
      idempotent: true,
    },
    {
      method: 'POST',
      template: '/automations/approvals/:approvalId/reject',
      handle: decideRoute('rejected'),
      idempotent: true,
    },
    {
      method: 'GET',
      template: '/automations/:id',
      handle: ({ request }) => {
        const automation = automationFor(request);
        return automation
          ? jsonResponse(200, { data: automationBody(automation) })
          : missing('automation', request.params.id ?? '');
      },
    },
    { method: 'POST', template: '/automations/:id/runs', handle: createRun, idempotent: true },
    { method: 'GET', template: '/automations/:id/runs', handle: listRuns },
    { method: 'GET', template: '/automations/:id/runs/:runId', handle: getRun, jobLookup: true },
  ];

  const authenticate = (request: SimRequest): AuthResult => {
    const apiKey = headerValue(request.headers, 'x-api-key');
    if (apiKey === undefined) {
      return {
        ok: false,
        response: fail(
          401,
          'authentication_error',
          'authentication_failed',
          'No API key provided. Send it in the x-api-key header.',
        ),
      };
    }
    if (
      !/^rk_(sandbox|live)_/.test(apiKey) ||
      !options.keys.revkeen.includes(apiKey) ||
      deps.isRevoked('revkeen', apiKey)
    ) {
      return {
        ok: false,
        response: fail(401, 'authentication_error', 'invalid_api_key', 'Invalid API key provided.'),
      };
    }
    return { ok: true, caller: { apiKey, tenant: apiKey } };
  };

  const module: VendorModule = {
    vendor: 'revkeen',
    routes,
    authenticate,
    notFound: (request) =>
      fail(404, 'invalid_request_error', 'resource_missing', `Unrecognized request URL: ${request.path}`),
    methodNotAllowed: (request, allowed) =>
      fail(
        405,
        'invalid_request_error',
        'method_not_allowed',
        `${request.method} is not allowed here`,
        undefined,
        {
          allow: allowed.join(', '),
        },
      ),
    invalidBody: (_request, reason) =>
      reason === 'too_large'
        ? fail(413, 'invalid_request_error', 'payload_too_large', 'Request body too large')
        : fail(400, 'invalid_request_error', 'validation_error', 'Malformed JSON body', 'body'),
    rateLimited: (_request, decision) =>
      fail(
        429,
        'rate_limit_error',
        'rate_limit_exceeded',
        'Too many requests. Retry after the time in Retry-After.',
        undefined,
        {
          'retry-after': String(retryAfterSeconds(decision)),
        },
      ),
    serverError: () =>
      fail(500, 'api_error', 'internal_error', 'An internal error occurred. Retry with backoff.'),
    idempotencyConflict: () =>
      fail(
        409,
        'invalid_request_error',
        'idempotency_conflict',
        'Idempotency-Key was reused with a different request body.',
      ),
    replayHeaders: { 'idempotency-replayed': 'true' },
    drift: (body) => {
      const envelope = body as { data?: Record<string, unknown> };
      if (!envelope.data) return body;
      return {
        ...envelope,
        data: { ...envelope.data, status: DRIFT_STATUS, sla_tier: 'standard', queue_region: 'eu-west-2' },
      };
    },
    jobTruth: (id, nowMs) => {
      const run = runs.get(id);
      return run ? revkeenRunTruth(run, nowMs) : undefined;
    },
    allJobs: (nowMs) => [...runs.values()].map((run) => revkeenRunTruth(run, nowMs)),
  };

  const control: RevkeenControl = {
    listApprovals(filter = {}) {
      const nowMs = options.now();
      return visibleApprovals(filter.apiKey, nowMs)
        .map(({ run, approval }) => ({
          id: approval.id as string,
          runId: run.id,
          automationId: run.automation.id,
          apiKey: run.apiKey,
          status: approval.status as ApprovalInfo['status'],
          requestedAtMs: run.approval?.requestedAtMs ?? 0,
        }))
        .filter((info) => filter.status === undefined || info.status === filter.status);
    },
    pendingApprovalId(runId) {
      const run = runs.get(runId);
      if (!run?.approval) return null;
      return revkeenRunAt(run, options.now()).status === 'awaiting_approval' ? run.approval.id : null;
    },
    decideApproval(approvalId, decision, reason) {
      const kind = decision === 'approve' ? 'approved' : 'rejected';
      const result = decide(
        approvalId,
        undefined,
        kind,
        kind === 'rejected' ? (reason ?? 'Rejected') : null,
        options.now(),
      );
      return typeof result === 'object';
    },
  };
  return { module, control };
}
