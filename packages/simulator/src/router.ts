/** What a route needs for matching: a method and a template such as `/outreach/jobs/:id`. */
export interface RouteTemplate {
  readonly method: string;
  readonly template: string;
}

/** The result of matching a request against a route table. */
export type RouteMatch<TRoute extends RouteTemplate> =
  | { readonly kind: 'match'; readonly route: TRoute; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'method_not_allowed'; readonly template: string; readonly allowed: readonly string[] }
  | { readonly kind: 'not_found' };

/** Matches requests against routes; the first template that fits the path wins, so list static paths first. */
export interface Router<TRoute extends RouteTemplate> {
  match(method: string, path: string): RouteMatch<TRoute>;
}

interface CompiledTemplate<TRoute> {
  readonly template: string;
  readonly segments: readonly string[];
  readonly routes: readonly TRoute[];
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] as string;
    const actual = segments[index] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

/** Compiles a route table once, so each request only compares segments. */
export function createRouter<TRoute extends RouteTemplate>(routes: readonly TRoute[]): Router<TRoute> {
  const templates: CompiledTemplate<TRoute>[] = [];
  for (const route of routes) {
    const existing = templates.find((entry) => entry.template === route.template);
    if (existing) (existing.routes as TRoute[]).push(route);
    else templates.push({ template: route.template, segments: splitPath(route.template), routes: [route] });
  }
  return {
    match(method, path) {
      const segments = splitPath(path);
      for (const entry of templates) {
        const params = matchSegments(entry.segments, segments);
        if (!params) continue;
        const route = entry.routes.find((candidate) => candidate.method === method);
        if (route) return { kind: 'match', route, params };
        return {
          kind: 'method_not_allowed',
          template: entry.template,
          allowed: entry.routes.map((candidate) => candidate.method),
        };
      }
      return { kind: 'not_found' };
    },
  };
}
