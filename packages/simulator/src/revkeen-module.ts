import { DRIFT_STATUS } from './faults';
import { createRevkeenControl, type RevkeenControl } from './revkeen-control';
import { createRevkeenErrors } from './revkeen-errors';
import { newRevkeenRun } from './revkeen-new-run';
import { revkeenRunAt, revkeenRunTruth } from './revkeen-run-state';
import { revkeenApprovalAt, revkeenRunDetail, revkeenRunSummary } from './revkeen-run-view';
import { createRevkeenStore } from './revkeen-store';
import { paginate, parsePage, readRejectionReason, validateRunBody } from './revkeen-validate';
import { headerValue, jsonResponse, type SimRequest, type SimResponse } from './sim-http';
import { mergeDirectives, readNestedSimulateDirective } from './simulate-directive';
import type { SimulatorAutomation } from './simulator-options';
import type { AuthResult, RouteContext, VendorDeps, VendorModule, VendorRoute } from './vendor-module';

function automationBody(automation: SimulatorAutomation) {
  return {
    id: automation.id,
    object: 'automation',
    name: automation.name,
    status: 'active',
    trigger_type: 'manual',
    risk_profile: automation.requiresApproval ? 'high' : 'low',
    objective: automation.objective ?? automation.name,
  };
}

/**
 * RevKeen's v2 automation runs (https://docs.revkeen.com/docs/api-reference): `x-api-key` with `rk_sandbox_` or
 * `rk_live_`, `{ error: { type, code, message } }` errors, idempotent run creation, approvals that pause runs.
 */
export function createRevkeenModule(deps: VendorDeps): { module: VendorModule; control: RevkeenControl } {
  const { options, idRandom } = deps;
  const store = createRevkeenStore();
  const errors = createRevkeenErrors(() => `req_${idRandom.hex(24)}`);
  const automations = new Map(options.revkeenAutomations.map((entry) => [entry.id, entry]));
  const approverIds = new Map(options.keys.revkeen.map((key) => [key, idRandom.uuid()]));
  const automationFor = (request: SimRequest) => automations.get(request.params.id ?? '');
  const missingAutomation = (request: SimRequest) => errors.missing('automation', request.params.id ?? '');

  const createRun = ({ request, caller }: RouteContext): SimResponse => {
    const automation = automationFor(request);
    if (!automation) return missingAutomation(request);
    const body =
      request.body.kind === 'empty' ? {} : request.body.kind === 'json' ? request.body.value : null;
    const validation = validateRunBody(body);
    if (!validation.ok) return errors.invalid(validation.problem);
    const run = newRevkeenRun(deps, {
      caller,
      automation,
      triggerPayload: validation.triggerPayload,
      directive: mergeDirectives(
        deps.takePlannedDirective('revkeen', caller.apiKey),
        readNestedSimulateDirective(validation.triggerPayload),
      ),
      approverUserId: approverIds.get(caller.apiKey) ?? idRandom.uuid(),
      nowMs: request.nowMs,
    });
    store.add(run, caller.tenant);
    deps.recordJobCreated('revkeen');
    const status = revkeenRunAt(run, request.nowMs).status;
    return jsonResponse(202, {
      data: { id: run.id, object: 'automation_run', status, automation_id: automation.id, job_id: run.jobId },
    });
  };

  const getRun = ({ request, caller }: RouteContext): SimResponse => {
    if (!automationFor(request)) return missingAutomation(request);
    const run = store.get(request.params.runId ?? '');
    // Another key's run, or a run of another automation, is reported as missing.
    if (!run || run.apiKey !== caller.apiKey || run.automation.id !== request.params.id) {
      return errors.missing('automation run', request.params.runId ?? '');
    }
    return jsonResponse(200, { data: revkeenRunDetail(run, request.nowMs) });
  };

  const listRuns = ({ request, caller }: RouteContext): SimResponse => {
    const automation = automationFor(request);
    if (!automation) return missingAutomation(request);
    const parsed = parsePage(request.query);
    if (!parsed.ok) return errors.invalid(parsed.problem);
    const status = request.query.get('status');
    const summaries = store
      .runsOf(caller.tenant, automation.id)
      .map((run) => revkeenRunSummary(run, request.nowMs))
      .filter((summary) => status === null || summary.status === status);
    return jsonResponse(200, paginate(summaries, parsed.page));
  };

  const listApprovals = ({ request, caller }: RouteContext): SimResponse => {
    const parsed = parsePage(request.query);
    if (!parsed.ok) return errors.invalid(parsed.problem);
    const status = request.query.get('status');
    const items = store
      .visibleApprovals(caller.apiKey, request.nowMs)
      .map((entry) => entry.approval)
      .filter((approval) => status === null || approval.status === status)
      .reverse();
    return jsonResponse(200, paginate(items, parsed.page));
  };

  const decide =
    (kind: 'approved' | 'rejected') =>
    ({ request, caller }: RouteContext): SimResponse => {
      const approvalId = request.params.approvalId ?? '';
      let reason: string | null = null;
      if (kind === 'rejected') {
        const parsed = readRejectionReason(request.body.kind === 'json' ? request.body.value : undefined);
        if (!parsed.ok) return errors.invalid(parsed.problem);
        reason = parsed.reason ?? 'Rejected via API';
      }
      const result = store.decide(approvalId, caller.apiKey, kind, reason, request.nowMs);
      if (result === 'missing') return errors.missing('approval', approvalId);
      if (result === 'decided') {
        return errors.fail(
          409,
          'invalid_request_error',
          'approval_not_pending',
          'This approval has already been decided.',
        );
      }
      return jsonResponse(200, { data: revkeenApprovalAt(result, request.nowMs) });
    };

  const listAutomations = ({ request }: RouteContext): SimResponse => {
    const parsed = parsePage(request.query);
    if (!parsed.ok) return errors.invalid(parsed.problem);
    return jsonResponse(200, paginate([...automations.values()].map(automationBody), parsed.page));
  };

  const getAutomation = ({ request }: RouteContext): SimResponse => {
    const automation = automationFor(request);
    return automation ? jsonResponse(200, { data: automationBody(automation) }) : missingAutomation(request);
  };

  // Static paths come before `/automations/:id`, which would match them too.
  const routes: VendorRoute[] = [
    { method: 'GET', template: '/automations', handle: listAutomations },
    { method: 'GET', template: '/automations/approvals', handle: listApprovals },
    {
      method: 'POST',
      template: '/automations/approvals/:approvalId/approve',
      handle: decide('approved'),
      idempotent: true,
    },
    {
      method: 'POST',
      template: '/automations/approvals/:approvalId/reject',
      handle: decide('rejected'),
      idempotent: true,
    },
    { method: 'GET', template: '/automations/:id', handle: getAutomation },
    { method: 'POST', template: '/automations/:id/runs', handle: createRun, idempotent: true },
    { method: 'GET', template: '/automations/:id/runs', handle: listRuns },
    { method: 'GET', template: '/automations/:id/runs/:runId', handle: getRun, jobLookup: true },
  ];

  const authenticate = (request: SimRequest): AuthResult => {
    const apiKey = headerValue(request.headers, 'x-api-key');
    if (apiKey === undefined) return { ok: false, response: errors.missingKey() };
    const known = /^rk_(sandbox|live)_/.test(apiKey) && options.keys.revkeen.includes(apiKey);
    if (!known || deps.isRevoked('revkeen', apiKey)) return { ok: false, response: errors.invalidKey() };
    return { ok: true, caller: { apiKey, tenant: apiKey } };
  };

  const module: VendorModule = {
    vendor: 'revkeen',
    routes,
    authenticate,
    notFound: (request) =>
      errors.fail(
        404,
        'invalid_request_error',
        'resource_missing',
        `Unrecognized request URL: ${request.path}`,
      ),
    methodNotAllowed: (request, allowed) =>
      errors.fail(
        405,
        'invalid_request_error',
        'method_not_allowed',
        `${request.method} is not allowed here`,
        {
          allow: allowed.join(', '),
        },
      ),
    invalidBody: (_request, reason) =>
      reason === 'too_large'
        ? errors.fail(413, 'invalid_request_error', 'payload_too_large', 'Request body too large')
        : errors.invalid({ param: 'body', message: 'Malformed JSON body' }),
    rateLimited: (_request, decision) => errors.rateLimited(decision),
    serverError: () =>
      errors.fail(500, 'api_error', 'internal_error', 'An internal error occurred. Retry with backoff.'),
    idempotencyConflict: () =>
      errors.fail(
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
      const run = store.get(id);
      return run ? revkeenRunTruth(run, nowMs) : undefined;
    },
    allJobs: (nowMs) => store.all().map((run) => revkeenRunTruth(run, nowMs)),
  };
  return { module, control: createRevkeenControl(store, options.now) };
}
