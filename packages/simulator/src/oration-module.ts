import { DRIFT_STATUS } from './faults';
import { type OrationJob, orationJobBody, orationJobTruth } from './oration-job-state';
import { findRowProblems, validateCustomerBatch } from './oration-validate';
import { retryAfterSeconds } from './rate-limiter';
import { sampleJob } from './sample-job';
import { headerValue, jsonResponse, type SimRequest, type SimResponse } from './sim-http';
import { mergeDirectives, readNestedSimulateDirective, type SimulateDirective } from './simulate-directive';
import type { AuthResult, RouteContext, VendorDeps, VendorModule, VendorRoute } from './vendor-module';

const JOB_FAILURES = [
  'Customer import failed: the CRM sync timed out',
  'Customer import failed: workspace customer limit reached',
  'Customer import failed: database deadlock, giving up after retries',
];

/** Oration documents no error bodies; the simulator answers `{ error, message }`. */
const error = (
  status: number,
  title: string,
  message: string,
  headers?: Record<string, string>,
): SimResponse => jsonResponse(status, { error: title, message }, headers);

/**
 * Oration's v2 jobs API (https://docs.oration.ai): `x-api-key` plus a workspace header, a customer batch import
 * that returns `{ jobId }`, and bare job objects scoped to the workspace.
 */
export function createOrationModule(deps: VendorDeps): VendorModule {
  const { options, idRandom } = deps;
  const jobs = new Map<string, OrationJob>();
  /** Identifiers imported per workspace, so a second `insert` of the same customer fails. */
  const identifiers = new Map<string, Set<string>>();

  const createBatch = ({ request, caller }: RouteContext): SimResponse => {
    const validation = validateCustomerBatch(request.body.kind === 'json' ? request.body.value : undefined);
    if (!validation.ok) return error(400, 'Bad Request', validation.message);
    const batch = validation.value;
    const known = identifiers.get(caller.tenant) ?? new Set<string>();
    const problems = findRowProblems(batch, known);
    let directive: SimulateDirective = mergeDirectives(
      deps.takePlannedDirective('oration', caller.apiKey),
      readNestedSimulateDirective(batch.customers[0]?.metadata),
    );
    // Without `partial`, one bad row fails the whole import.
    const rowFailure = problems.length > 0 && !batch.partial && directive.outcome === undefined;
    if (rowFailure) directive = { ...directive, outcome: 'failed' };
    const sampled = sampleJob(deps.jobRandom, options.vendors.oration, directive, {
      createdAt: request.nowMs,
      timeScale: options.timeScale,
    });
    const plan = sampled.plan;
    const errorMessage =
      plan.outcome === 'cancelled'
        ? 'Job was cancelled'
        : rowFailure
          ? `Customer import failed: ${problems.slice(0, 3).join('; ')}`
          : (JOB_FAILURES[Math.floor(sampled.detail * JOB_FAILURES.length)] as string);
    const job: OrationJob = {
      id: idRandom.uuid(),
      apiKey: caller.apiKey,
      workspaceId: caller.tenant,
      jobProviderId: idRandom.uuid(),
      name: 'customer.createBatch',
      plan,
      errorMessage,
    };
    jobs.set(job.id, job);
    if (plan.outcome === 'succeeded') {
      for (const customer of batch.customers) known.add(String(customer.identifier));
      identifiers.set(caller.tenant, known);
    }
    deps.recordJobCreated('oration');
    return jsonResponse(202, { jobId: job.id });
  };

  const getJob = ({ request, caller }: RouteContext): SimResponse => {
    const job = jobs.get(request.params.id ?? '');
    if (!job || job.workspaceId !== caller.tenant) return error(404, 'Not Found', 'Job not found');
    return jsonResponse(200, orationJobBody(job, request.nowMs));
  };

  const routes: VendorRoute[] = [
    { method: 'POST', template: '/customers/batch', handle: createBatch },
    { method: 'GET', template: '/jobs/:id', handle: getJob, jobLookup: true },
  ];

  const authenticate = (request: SimRequest): AuthResult => {
    const apiKey = headerValue(request.headers, 'x-api-key');
    if (apiKey === undefined)
      return { ok: false, response: error(401, 'Unauthorized', 'Missing x-api-key header') };
    const entry = options.keys.oration.find((candidate) => candidate.apiKey === apiKey);
    if (!entry || deps.isRevoked('oration', apiKey)) {
      return { ok: false, response: error(401, 'Unauthorized', 'Invalid API key') };
    }
    const authorization = headerValue(request.headers, 'authorization');
    if (authorization !== undefined && entry.token !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (token !== entry.token)
        return { ok: false, response: error(401, 'Unauthorized', 'Invalid bearer token') };
    }
    const slug = headerValue(request.headers, 'x-workspace-slug');
    const workspaceId = headerValue(request.headers, 'x-workspace-id');
    if (slug === undefined && workspaceId === undefined) {
      return {
        ok: false,
        response: error(400, 'Bad Request', 'Missing x-workspace-slug or x-workspace-id header'),
      };
    }
    if (
      (slug !== undefined && slug !== entry.workspaceSlug) ||
      (workspaceId !== undefined && workspaceId !== entry.workspaceId)
    ) {
      return {
        ok: false,
        response: error(403, 'Forbidden', 'The API key does not belong to this workspace'),
      };
    }
    return { ok: true, caller: { apiKey, tenant: entry.workspaceId } };
  };

  return {
    vendor: 'oration',
    routes,
    authenticate,
    notFound: () => error(404, 'Not Found', 'Route not found'),
    methodNotAllowed: (_request, allowed) =>
      error(405, 'Method Not Allowed', `Use ${allowed.join(' or ')}`, { allow: allowed.join(', ') }),
    invalidBody: (_request, reason) =>
      reason === 'too_large'
        ? error(413, 'Payload Too Large', 'Request body too large')
        : error(400, 'Bad Request', 'Malformed JSON body'),
    rateLimited: (_request, decision) =>
      error(429, 'Too Many Requests', 'Rate limit exceeded', {
        'retry-after': String(retryAfterSeconds(decision)),
      }),
    serverError: () => error(500, 'Internal Server Error', 'Something went wrong'),
    // Oration documents no idempotency, so this is never used.
    idempotencyConflict: () => error(409, 'Conflict', 'Conflict'),
    drift: (body) => ({
      ...(body as Record<string, unknown>),
      status: DRIFT_STATUS,
      progress: 0.5,
      attempts: 1,
    }),
    jobTruth: (id, nowMs) => {
      const job = jobs.get(id);
      return job ? orationJobTruth(job, nowMs) : undefined;
    },
    allJobs: (nowMs) => [...jobs.values()].map((job) => orationJobTruth(job, nowMs)),
  };
}
