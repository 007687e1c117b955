import { DRIFT_STATUS } from './faults';
import {
  ALWAYS_ACTIVE_EXTENSION,
  type ExtensionState,
  isExtensionAvailable,
  setExtensionRunning,
} from './outx-extension';
import { buildOutxOutput } from './outx-task-output';
import { type OutxTask, outxTaskData, outxTaskTruth } from './outx-task-state';
import { OUTX_ENDPOINTS, type OutxEndpoint } from './outx-validate';
import { retryAfterSeconds } from './rate-limiter';
import { sampleJob } from './sample-job';
import { bodyObject, headerValue, jsonResponse, type SimRequest, type SimResponse } from './sim-http';
import { mergeDirectives } from './simulate-directive';
import type { AuthResult, RouteContext, VendorDeps, VendorModule, VendorRoute } from './vendor-module';

/** The simulator's switches for an OutX team's Chrome extension (https://docs.outx.ai/linkedin-api/authentication). */
export interface OutxControl {
  /**
   * Turns a team's extension off or on. While off, every call with the team's key fails with 403
   * "Plugin installation required…" and its tasks stop progressing; once on again they resume where they were.
   */
  setExtensionActive(apiKey: string, active: boolean): void;
  /**
   * Closes or reopens the browser that runs the extension, which stays installed: calls still work and tasks stay
   * `pending` while it is closed, until 48 hours without a heartbeat turn every call into a 403.
   */
  setExtensionRunning(apiKey: string, running: boolean): void;
}

/** The 403 text; the vendor's docs show it only up to the ellipsis. */
const PLUGIN_REQUIRED =
  'Plugin installation required. Install the OutX Chrome extension and keep it active: at least one team member ' +
  'must have it running within the last 48 hours.';

const error = (status: number, message: string, headers?: Record<string, string>): SimResponse =>
  jsonResponse(status, { error: message }, headers);

/**
 * OutX's task API (https://docs.outx.ai/linkedin-api): `x-api-key`, flat `{ error }` bodies, tasks that stay
 * `pending` until the team's Chrome extension has run them, no idempotency.
 */
export function createOutxModule(deps: VendorDeps): { module: VendorModule; control: OutxControl } {
  const { options, idRandom } = deps;
  const tasks = new Map<string, OutxTask>();
  const extensions = new Map<string, ExtensionState>(
    options.keys.outx.map((key) => [key, ALWAYS_ACTIVE_EXTENSION]),
  );
  const extensionOf = (apiKey: string) => extensions.get(apiKey) ?? ALWAYS_ACTIVE_EXTENSION;

  const create =
    (endpoint: OutxEndpoint) =>
    ({ request, caller }: RouteContext): SimResponse => {
      const body = bodyObject(request.body);
      if (!body) return error(400, 'Request body must be a JSON object');
      const validation = endpoint.validate(body);
      if (!validation.ok) return error(400, validation.message);
      // OutX has no free-form field, so per-task control comes only from control.planNextJob().
      const directive = mergeDirectives({}, deps.takePlannedDirective('outx', caller.apiKey));
      const sampled = sampleJob(deps.jobRandom, options.vendors.outx, directive, {
        createdAt: request.nowMs,
        timeScale: options.timeScale,
      });
      const outcome = sampled.plan.outcome === 'succeeded' ? 'succeeded' : 'failed';
      const taskInput = { task_type: endpoint.taskType, ...validation.value };
      const task: OutxTask = {
        id: idRandom.uuid(),
        apiKey: caller.apiKey,
        taskType: endpoint.taskType,
        taskInput,
        createdAt: request.nowMs,
        workMs: sampled.plan.finishAt - sampled.plan.createdAt,
        outcome,
        output: buildOutxOutput(endpoint.taskType, taskInput, idRandom, outcome === 'failed'),
      };
      tasks.set(task.id, task);
      deps.recordJobCreated('outx');
      return jsonResponse(200, { success: true, api_agent_task_id: task.id, message: endpoint.message });
    };

  const getTaskStatus = ({ request, caller }: RouteContext): SimResponse => {
    const id = request.query.get('api_agent_task_id');
    if (!id || id.trim() === '') return error(400, "Missing or invalid 'api_agent_task_id'");
    const task = tasks.get(id);
    // Tasks are scoped to the team: another team's task is reported as missing.
    if (!task || task.apiKey !== caller.apiKey) return error(404, 'Agent task not found');
    return jsonResponse(200, {
      success: true,
      data: outxTaskData(task, extensionOf(task.apiKey), request.nowMs),
    });
  };

  const routes: VendorRoute[] = [
    ...Object.entries(OUTX_ENDPOINTS).map(([template, endpoint]) => ({
      method: 'POST',
      template,
      handle: create(endpoint),
    })),
    { method: 'GET', template: '/get-task-status', handle: getTaskStatus, jobLookup: true },
  ];

  const authenticate = (request: SimRequest): AuthResult => {
    const apiKey = headerValue(request.headers, 'x-api-key');
    if (apiKey === undefined) return { ok: false, response: error(401, 'Missing API Key') };
    if (!options.keys.outx.includes(apiKey) || deps.isRevoked('outx', apiKey)) {
      return { ok: false, response: error(401, 'Invalid API Key') };
    }
    if (!isExtensionAvailable(extensionOf(apiKey), request.nowMs)) {
      return { ok: false, response: error(403, PLUGIN_REQUIRED) };
    }
    return { ok: true, caller: { apiKey, tenant: apiKey } };
  };

  const module: VendorModule = {
    vendor: 'outx',
    routes,
    authenticate,
    notFound: () => error(404, 'Not Found'),
    methodNotAllowed: (_request, allowed) => error(405, 'Method Not Allowed', { allow: allowed.join(', ') }),
    invalidBody: (_request, reason) =>
      reason === 'too_large' ? error(413, 'Request body too large') : error(400, 'Invalid JSON body'),
    rateLimited: (_request, decision) =>
      error(429, 'Rate limit exceeded. Please try again later.', {
        'retry-after': String(retryAfterSeconds(decision)),
      }),
    serverError: () => error(500, 'Internal Server Error'),
    // OutX documents no idempotency, so this is never used.
    idempotencyConflict: () => error(409, 'Conflict'),
    drift: (body) => {
      const envelope = body as { data?: Record<string, unknown> };
      if (!envelope.data) return body;
      return {
        ...envelope,
        data: { ...envelope.data, status: DRIFT_STATUS, queue_position: 3, worker: 'ext-7' },
      };
    },
    jobTruth: (id, nowMs) => {
      const task = tasks.get(id);
      return task ? outxTaskTruth(task, extensionOf(task.apiKey), nowMs) : undefined;
    },
    allJobs: (nowMs) =>
      [...tasks.values()].map((task) => outxTaskTruth(task, extensionOf(task.apiKey), nowMs)),
  };

  const control: OutxControl = {
    setExtensionActive(apiKey, active) {
      const running = setExtensionRunning(extensionOf(apiKey), active, options.now());
      extensions.set(apiKey, { ...running, installed: active });
    },
    setExtensionRunning(apiKey, running) {
      extensions.set(apiKey, setExtensionRunning(extensionOf(apiKey), running, options.now()));
    },
  };
  return { module, control };
}
