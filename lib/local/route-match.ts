import type { Route } from '../routes/route.js';

/**
 * Matches a request to a route as API Gateway does: literal segments beat `{param}` segments,
 * so `/user/blacklist` wins over `/user/{id}`. Path parameters are URL-decoded.
 */
export interface RouteMatch {
  route: Route;
  pathParameters?: Record<string, string>;
}

/**
 * A segment with broken percent-encoding (`%zz`, `%ED%A0%80`) is passed on as it came rather than
 * left unmatched, so the route's own schema answers it in the route's dialect instead of a bare 404.
 */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch | 'method-not-allowed' | undefined {
  const segments = path.replace(/\/+$/, '').split('/');
  let best: { match: RouteMatch; literals: number } | undefined;
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const part = pattern[i]!;
      const actual = segments[i]!;
      if (part.startsWith('{') && part.endsWith('}')) {
        if (actual === '') ok = false;
        else params[part.slice(1, -1)] = decodeSegment(actual);
      } else if (part === actual) literals++;
      else ok = false;
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    if (!best || literals > best.literals) {
      best = { match: { route, ...(Object.keys(params).length ? { pathParameters: params } : {}) }, literals };
    }
  }
  if (best) return best.match;
  return pathMatched ? 'method-not-allowed' : undefined;
}
