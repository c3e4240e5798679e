import type { Hono } from 'hono';

export type RouteRef = { method: string; path: string };

/**
 * Every concrete endpoint the app serves, read from the router itself, so the reliability tests
 * cover a route the day it is added. Middleware (`ALL`) and catch-alls are left out.
 */
export function routeInventory(app: Hono<never> | { routes: Array<{ method: string; path: string }> }): RouteRef[] {
  const seen = new Set<string>();
  const routes: RouteRef[] = [];
  for (const { method, path } of app.routes) {
    if (method === 'ALL' || path.endsWith('*')) continue;
    const key = `${method} ${path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    routes.push({ method, path });
  }
  return routes;
}

/** A concrete URL for a route pattern, with each `:param` replaced. */
export function fillPath(path: string, param: (name: string) => string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_m, name: string) => encodeURIComponent(param(name)));
}
