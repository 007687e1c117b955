import {
  defaultRevorAccounts,
  filterAccounts,
  parseAccountFilter,
  pickPostLikeAccount,
  type RevorAccount,
} from './revor-accounts';
import {
  type RevorApiVersion,
  type RevorJob,
  type RevorJobError,
  revorJobItem,
  revorJobTruth,
} from './revor-job-state';
import { nextPaceSlot } from './revor-pacing';
import {
  createRevorResponses,
  driftRevorJob,
  revorRateLimited,
  revorRateLimitHeaders,
} from './revor-responses';
import { validateDispatch, validatePostLike } from './revor-validate';
import { sampleJob } from './sample-job';
import { headerValue, type SimRequest, type SimResponse } from './sim-http';
import { mergeDirectives, readNestedSimulateDirective, type SimulateDirective } from './simulate-directive';
import { REVOR_V2_BASE_PATH } from './simulated-vendor';
import type {
  AuthResult,
  Caller,
  RouteContext,
  VendorDeps,
  VendorModule,
  VendorRoute,
} from './vendor-module';

const DISPATCH_FAILURES: readonly RevorJobError[] = [
  {
    code: 'connect_account_reconnect_required',
    message: 'connect_account_reconnect_required',
    retryable: false,
  },
  { code: 'recipient_not_found', message: 'recipient_not_found', retryable: false },
  { code: 'delivery_failed', message: 'delivery_failed', retryable: true },
];
const POST_LIKE_FAILURES: readonly RevorJobError[] = [
  {
    code: 'connect_account_reconnect_required',
    message: 'connect_account_reconnect_required',
    retryable: false,
  },
  { code: 'profile_not_found', message: 'profile_not_found', retryable: false },
  { code: 'linkedin_rate_limited', message: 'linkedin_rate_limited', retryable: true },
];
const CANCELLED: RevorJobError = { code: 'task_cancelled', message: 'task_cancelled', retryable: false };
const RECONNECT_REQUIRED = DISPATCH_FAILURES[0] as RevorJobError;

/**
 * Revor AI's v1 outreach API (https://revor.ai/docs/api): Bearer or `x-api-key` auth, the `{ ok, request_id }`
 * envelope, per-account channel pacing, and tasks that fail as data (HTTP 200 with `item.error`).
 */
export function createRevorModule(deps: VendorDeps): VendorModule {
  const { options, idRandom } = deps;
  const jobs = new Map<string, RevorJob>();
  const accounts = new Map<string, RevorAccount[]>(
    options.keys.revor.map((key, index) => [key, defaultRevorAccounts(index + 1)]),
  );
  /** The last start slot per tenant + account + channel, for `min_channel_task_interval_seconds`. */
  const paceSlots = new Map<string, number>();

  const { success, failure } = createRevorResponses(() => `req_${idRandom.hex(24)}`);
  const responses = { success, failure };

  const paceStart = (
    caller: Caller,
    accountId: string,
    channel: string,
    intervalSeconds: number,
    nowMs: number,
  ) => {
    if (!options.revorPacing) return nowMs;
    const slotKey = `${caller.tenant}|${accountId}|${channel}`;
    const slot = nextPaceSlot({
      previousSlotMs: paceSlots.get(slotKey),
      nowMs,
      intervalSeconds,
      scale: options.timeScale,
    });
    paceSlots.set(slotKey, slot);
    return slot;
  };

  const createJob = (
    context: RouteContext,
    fields: Pick<RevorJob, 'action' | 'channel'>,
    account: RevorAccount,
    metadata: unknown,
    intervalSeconds: number,
    build: (detail: number, skipped: boolean) => Pick<RevorJob, 'result' | 'error'>,
  ): SimResponse => {
    const { request, caller } = context;
    const eligibleAt = paceStart(caller, account.account_id, fields.channel, intervalSeconds, request.nowMs);
    let directive: SimulateDirective = mergeDirectives(
      deps.takePlannedDirective('revor', caller.apiKey),
      readNestedSimulateDirective(metadata),
    );
    // A dispatch through an account that cannot send fails like the vendor's documented example.
    if (!account.can_send) directive = { ...directive, outcome: 'failed', retries: 0 };
    const sampled = sampleJob(deps.jobRandom, options.vendors.revor, directive, {
      createdAt: request.nowMs,
      eligibleAt,
      timeScale: options.timeScale,
    });
    const details = build(sampled.detail, sampled.skipped);
    const job: RevorJob = {
      id: idRandom.uuid(),
      apiKey: caller.apiKey,
      ...fields,
      plan: sampled.plan,
      result: details.result,
      error:
        sampled.plan.outcome === 'cancelled'
          ? CANCELLED
          : account.can_send
            ? details.error
            : RECONNECT_REQUIRED,
    };
    jobs.set(job.id, job);
    deps.recordJobCreated('revor');
    const item = revorJobItem(job, request.nowMs);
    return success(202, {
      item: {
        id: item.id,
        status: item.status,
        action: item.action,
        channel: item.channel,
        scheduled_at: item.scheduled_at,
      },
    });
  };

  const listAccounts = ({ request, caller }: RouteContext): SimResponse => {
    const filter = parseAccountFilter(request.query);
    if (!filter.ok) return failure(400, filter.code);
    return success(200, { items: filterAccounts(accounts.get(caller.apiKey) ?? [], filter) });
  };

  const dispatch = (context: RouteContext): SimResponse => {
    const validation = validateDispatch(
      context.request.body.kind === 'json' ? context.request.body.value : undefined,
    );
    if (!validation.ok) return failure(400, 'invalid_request', validation.message);
    const body = validation.value;
    const account = accounts
      .get(context.caller.apiKey)
      ?.find((candidate) => candidate.account_id === body.accountId);
    if (!account) return failure(404, 'account_not_found');
    if (account.channel !== body.channel) {
      return failure(409, 'account_channel_mismatch', `The account's channel is ${account.channel}`);
    }
    return createJob(
      context,
      { action: 'outreach.dispatch', channel: body.channel },
      account,
      body.metadata,
      body.intervalSeconds,
      (detail) => ({
        result: {
          account_id: account.account_id,
          channel: body.channel,
          action: 'outreach',
          // LinkedIn resolves to a direct message for a connection, an invitation otherwise.
          resolved_action:
            body.channel !== 'linkedin' ? 'message' : detail < 0.5 ? 'direct_message' : 'invitation',
          message_id: `message_${idRandom.hex(16)}`,
          status: 'accepted',
        },
        error: DISPATCH_FAILURES[Math.floor(detail * DISPATCH_FAILURES.length)] as RevorJobError,
      }),
    );
  };

  const postLike = (context: RouteContext): SimResponse => {
    const validation = validatePostLike(
      context.request.body.kind === 'json' ? context.request.body.value : undefined,
    );
    if (!validation.ok) return failure(400, 'invalid_request', validation.message);
    const body = validation.value;
    const picked = pickPostLikeAccount(accounts.get(context.caller.apiKey) ?? [], body.accountId);
    if (!picked.ok) {
      const message =
        picked.code === 'invalid_request'
          ? 'account_id is required: several LinkedIn accounts can send'
          : undefined;
      return failure(picked.status, picked.code, message);
    }
    const chosen = picked.account;
    return createJob(
      context,
      { action: 'outreach.linkedin.post_like', channel: 'linkedin' },
      chosen,
      body.metadata,
      body.intervalSeconds,
      (detail, skipped) => ({
        result: { account_id: chosen.account_id, status: skipped ? 'skipped' : 'liked' },
        error: POST_LIKE_FAILURES[Math.floor(detail * POST_LIKE_FAILURES.length)] as RevorJobError,
      }),
    );
  };

  const getJob =
    (version: RevorApiVersion) =>
    ({ request, caller }: RouteContext): SimResponse => {
      const job = jobs.get(request.params.id ?? '');
      // Another account's task looks exactly like a missing one.
      if (!job || job.apiKey !== caller.apiKey) return failure(404, 'task_not_found');
      return success(200, { item: revorJobItem(job, request.nowMs, version) });
    };

  const routes: VendorRoute[] = [
    { method: 'GET', template: '/connect/accounts', handle: listAccounts },
    { method: 'POST', template: '/outreach/dispatches', handle: dispatch, idempotent: true },
    { method: 'POST', template: '/outreach/linkedin/post-likes', handle: postLike, idempotent: true },
    { method: 'GET', template: '/outreach/jobs/:id', handle: getJob('v1'), jobLookup: true },
  ];
  // v2 (from Revor's agent-skill package) keeps the create paths and moves the lookup to /jobs/{id}.
  const v2Routes: VendorRoute[] = [
    ...routes.slice(0, 3),
    { method: 'GET', template: '/jobs/:id', handle: getJob('v2'), jobLookup: true },
  ];

  const authenticate = (request: SimRequest): AuthResult => {
    const authorization = headerValue(request.headers, 'authorization');
    let apiKey: string | undefined;
    if (authorization !== undefined) {
      apiKey = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? '';
    } else {
      apiKey = headerValue(request.headers, 'x-api-key');
    }
    if (apiKey === undefined) return { ok: false, response: failure(401, 'api_key_missing') };
    if (!options.keys.revor.includes(apiKey)) return { ok: false, response: failure(401, 'api_key_invalid') };
    if (deps.isRevoked('revor', apiKey)) return { ok: false, response: failure(401, 'api_key_revoked') };
    return { ok: true, caller: { apiKey, tenant: apiKey } };
  };

  return {
    vendor: 'revor',
    routes,
    extraMounts: [{ basePath: REVOR_V2_BASE_PATH, routes: v2Routes }],
    authenticate,
    notFound: () => failure(404, 'not_found'),
    methodNotAllowed: (_request, allowed) =>
      failure(405, 'method_not_allowed', 'method_not_allowed', { allow: allowed.join(', ') }),
    invalidBody: (_request, reason) =>
      reason === 'too_large'
        ? failure(413, 'payload_too_large')
        : failure(400, 'invalid_request', 'Malformed JSON body'),
    rateLimited: (_request, decision) => revorRateLimited(responses, decision),
    // 503 task_unavailable: the request was accepted but the worker queue is unavailable; retry with the same key.
    serverError: (request) =>
      request.method === 'POST' ? failure(503, 'task_unavailable') : failure(500, 'internal_error'),
    idempotencyConflict: () => failure(409, 'idempotency_conflict'),
    rateLimitHeaders: revorRateLimitHeaders,
    drift: driftRevorJob,
    jobTruth: (id, nowMs) => {
      const job = jobs.get(id);
      return job ? revorJobTruth(job, nowMs) : undefined;
    },
    allJobs: (nowMs) => [...jobs.values()].map((job) => revorJobTruth(job, nowMs)),
  };
}
