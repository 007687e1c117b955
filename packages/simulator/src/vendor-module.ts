import type { JobTruth } from './job-truth';
import type { Random } from './prng';
import type { RateDecision } from './rate-limiter';
import type { RouteTemplate } from './router';
import type { SimRequest, SimResponse } from './sim-http';
import type { SimulateDirective } from './simulate-directive';
import type { SimulatedVendor } from './simulated-vendor';
import type { ResolvedSimulatorOptions } from './simulator-options';

/** Who is calling: the API key and the tenant that owns its jobs. */
export interface Caller {
  readonly apiKey: string;
  readonly tenant: string;
}

/** What a route handler receives. */
export interface RouteContext {
  readonly request: SimRequest;
  readonly caller: Caller;
}

/** One endpoint of a vendor. */
export interface VendorRoute extends RouteTemplate {
  readonly handle: (context: RouteContext) => SimResponse;
  /** The route honours `Idempotency-Key`. */
  readonly idempotent?: boolean;
  /** The route returns one job, so injected drift applies to it. */
  readonly jobLookup?: boolean;
}

/** The result of checking a request's credentials. */
export type AuthResult =
  | { readonly ok: true; readonly caller: Caller }
  | { readonly ok: false; readonly response: SimResponse };

/** One simulated vendor: its routes, its error bodies and its jobs. */
export interface VendorModule {
  readonly vendor: SimulatedVendor;
  readonly routes: readonly VendorRoute[];
  /** More base paths served by the same module (Revor v2), each with its own routes. */
  readonly extraMounts?: readonly { readonly basePath: string; readonly routes: readonly VendorRoute[] }[];
  authenticate(request: SimRequest): AuthResult;
  notFound(request: SimRequest): SimResponse;
  methodNotAllowed(request: SimRequest, allowed: readonly string[]): SimResponse;
  invalidBody(request: SimRequest, reason: 'invalid_json' | 'too_large'): SimResponse;
  rateLimited(request: SimRequest, decision: RateDecision): SimResponse;
  /** The vendor's own JSON 5xx (the HTML variant is shared). */
  serverError(request: SimRequest): SimResponse;
  idempotencyConflict(request: SimRequest): SimResponse;
  /** Headers sent on every authenticated response (Revor's rate-limit headers). */
  rateLimitHeaders?(decision: RateDecision): Record<string, string>;
  /** Headers added to a replayed idempotent response. */
  readonly replayHeaders?: Readonly<Record<string, string>>;
  /** Rewrites a job lookup body with an unknown status word and extra fields. */
  drift(body: unknown): unknown;
  jobTruth(id: string, nowMs: number): JobTruth | undefined;
  allJobs(nowMs: number): JobTruth[];
}

/** What every vendor module shares. */
export interface VendorDeps {
  readonly options: ResolvedSimulatorOptions;
  /** Durations and outcomes. */
  readonly jobRandom: Random;
  /** Ids and generated content. */
  readonly idRandom: Random;
  readonly recordJobCreated: (vendor: SimulatedVendor) => void;
  /** The next directive queued with `control.planNextJob()` for this vendor and key, or `{}`. */
  readonly takePlannedDirective: (vendor: SimulatedVendor, apiKey: string) => SimulateDirective;
  readonly isRevoked: (vendor: SimulatedVendor, apiKey: string) => boolean;
}
