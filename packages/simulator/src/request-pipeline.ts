import type { IncomingMessage, ServerResponse } from 'node:http';
import { drawFault, type FaultDecision, type ResolvedFaultRates } from './faults';
import { proxyErrorResponse, readBody, serializeResponse, writeResponse } from './http-io';
import { fingerprintBody, type IdempotencyStore } from './idempotency-store';
import type { Random } from './prng';
import type { RateLimiter, RateLimitRule } from './rate-limiter';
import { createRouter, type RouteMatch, type Router } from './router';
import { headerValue, jsonResponse, parseBody, type SimRequest, type SimResponse } from './sim-http';
import { type SimulatedVendor, VENDOR_BASE_PATHS } from './simulated-vendor';
import type { StatsRecorder } from './stats';
import type { VendorModule, VendorRoute } from './vendor-module';

/** What the request pipeline works with. */
export interface PipelineDeps {
  readonly modules: readonly VendorModule[];
  readonly now: () => number;
  readonly stats: StatsRecorder;
  readonly faultRandom: Random;
  /** Read on every request, so `control.setFaults()` applies at once. */
  readonly faultRates: () => Readonly<Record<SimulatedVendor, ResolvedFaultRates>>;
  readonly rateLimits: Readonly<Record<SimulatedVendor, RateLimitRule | null>>;
  readonly rateLimiter: RateLimiter;
  readonly idempotency: IdempotencyStore;
}

/** The node:http listener plus a way to cancel delayed (slow) responses on shutdown. */
export interface RequestPipeline {
  readonly listener: (request: IncomingMessage, response: ServerResponse) => void;
  shutdown(): void;
}

interface MountedModule {
  readonly module: VendorModule;
  readonly basePath: string;
  readonly router: Router<VendorRoute>;
}

function withHeaders(
  response: SimResponse,
  ...extra: readonly (Readonly<Record<string, string>> | undefined)[]
) {
  const headers = Object.assign({}, response.headers, ...extra) as Record<string, string>;
  return { ...response, headers };
}

function endpointName(method: string, match: RouteMatch<VendorRoute>): string {
  if (match.kind === 'match') return `${method} ${match.route.template}`;
  if (match.kind === 'method_not_allowed') return `${method} ${match.template}`;
  return `${method} *`;
}

/**
 * Builds the request pipeline: find the vendor, draw a fault, read the body, authenticate, rate-limit, route,
 * replay or run the handler, then apply drift, truncation and delay.
 */
export function createRequestPipeline(deps: PipelineDeps): RequestPipeline {
  const mounted: MountedModule[] = deps.modules.flatMap((module) => [
    { module, basePath: VENDOR_BASE_PATHS[module.vendor], router: createRouter(module.routes) },
    ...(module.extraMounts ?? []).map((mount) => ({
      module,
      basePath: mount.basePath,
      router: createRouter(mount.routes),
    })),
  ]);
  const timers = new Set<NodeJS.Timeout>();

  const findMounted = (pathname: string) => {
    for (const entry of mounted) {
      if (pathname === entry.basePath || pathname.startsWith(`${entry.basePath}/`)) {
        return { entry, path: pathname.slice(entry.basePath.length) || '/' };
      }
    }
    return undefined;
  };

  const respond = (
    entry: MountedModule,
    match: RouteMatch<VendorRoute>,
    request: SimRequest,
    tooLarge: boolean,
  ) => {
    const { module } = entry;
    const auth = module.authenticate(request);
    if (!auth.ok) return auth.response;
    const { caller } = auth;
    const rule = deps.rateLimits[module.vendor];
    const decision = rule
      ? deps.rateLimiter.consume(`${module.vendor}|${caller.apiKey}`, rule, request.nowMs)
      : undefined;
    const limitHeaders = decision && module.rateLimitHeaders ? module.rateLimitHeaders(decision) : undefined;
    if (decision && !decision.allowed)
      return withHeaders(module.rateLimited(request, decision), limitHeaders);
    if (match.kind === 'not_found') return withHeaders(module.notFound(request), limitHeaders);
    if (match.kind === 'method_not_allowed') {
      return withHeaders(module.methodNotAllowed(request, match.allowed), limitHeaders);
    }
    if (tooLarge) return withHeaders(module.invalidBody(request, 'too_large'), limitHeaders);
    if (request.body.kind === 'invalid')
      return withHeaders(module.invalidBody(request, 'invalid_json'), limitHeaders);
    const { route } = match;
    const idempotencyKey = route.idempotent ? headerValue(request.headers, 'idempotency-key') : undefined;
    if (idempotencyKey === undefined) return withHeaders(route.handle({ request, caller }), limitHeaders);
    // Scope: API key + method + path + key, as both vendors that take keys document it.
    const scope = `${module.vendor}|${caller.apiKey}|${request.method} ${request.path}|${idempotencyKey}`;
    const fingerprint = fingerprintBody(request.body);
    const stored = deps.idempotency.lookup(scope, fingerprint, request.nowMs);
    if (stored.kind === 'replay') return withHeaders(stored.response, module.replayHeaders, limitHeaders);
    if (stored.kind === 'conflict') return withHeaders(module.idempotencyConflict(request), limitHeaders);
    const response = route.handle({ request, caller });
    if (response.status < 500) deps.idempotency.remember(scope, fingerprint, response, request.nowMs);
    return withHeaders(response, limitHeaders);
  };

  const deliver = (
    target: ServerResponse,
    vendor: SimulatedVendor | null,
    endpoint: string,
    response: SimResponse,
    fault: FaultDecision,
  ) => {
    const serialized = serializeResponse(response, fault.kind === 'malformed');
    const send = () => {
      deps.stats.recordRequest(vendor, endpoint, serialized.status);
      writeResponse(target, serialized);
    };
    if (fault.slowMs <= 0) {
      send();
      return;
    }
    deps.stats.recordFault('slow');
    const timer = setTimeout(() => {
      timers.delete(timer);
      send();
    }, fault.slowMs);
    timers.add(timer);
  };

  const handle = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const nowMs = deps.now();
    const method = (incoming.method ?? 'GET').toUpperCase();
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const found = findMounted(url.pathname);
    if (!found) {
      incoming.resume();
      const status = url.pathname === '/' && method === 'GET' ? 200 : 404;
      const body =
        status === 200
          ? { name: 'asyncjob simulator', vendors: VENDOR_BASE_PATHS }
          : { error: 'not_found', message: 'No simulated vendor at this path.', vendors: VENDOR_BASE_PATHS };
      deliver(outgoing, null, `${method} *`, jsonResponse(status, body), {
        kind: 'none',
        html: false,
        slowMs: 0,
      });
      return;
    }
    const { entry, path } = found;
    const vendor = entry.module.vendor;
    const match = entry.router.match(method, path);
    const endpoint = endpointName(method, match);
    const fault = drawFault(deps.faultRandom, deps.faultRates()[vendor]);
    if (fault.kind === 'reset') {
      deps.stats.recordFault('reset');
      deps.stats.recordRequest(vendor, endpoint, 'reset');
      incoming.socket.destroy();
      return;
    }
    const text = await readBody(incoming);
    const request: SimRequest = {
      method,
      path,
      query: url.searchParams,
      headers: incoming.headers,
      params: match.kind === 'match' ? match.params : {},
      body: parseBody(text ?? ''),
      nowMs,
    };
    let response: SimResponse;
    if (fault.kind === 'server_error') {
      deps.stats.recordFault('server_error');
      response = fault.html ? proxyErrorResponse(deps.faultRandom.next()) : entry.module.serverError(request);
    } else {
      response = respond(entry, match, request, text === undefined);
    }
    if (fault.kind === 'malformed') deps.stats.recordFault('malformed');
    if (
      fault.kind === 'drift' &&
      match.kind === 'match' &&
      match.route.jobLookup &&
      response.status === 200
    ) {
      deps.stats.recordFault('drift');
      response = { ...response, body: entry.module.drift(response.body) };
    }
    deliver(outgoing, vendor, endpoint, response, fault);
  };

  return {
    listener: (incoming, outgoing) => {
      handle(incoming, outgoing).catch((error: unknown) => {
        // A bug in a handler must not take the server down; answer 500 and say what broke.
        const message = error instanceof Error ? error.message : String(error);
        writeResponse(outgoing, serializeResponse(jsonResponse(500, { error: 'simulator_error', message })));
      });
    },
    shutdown() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
