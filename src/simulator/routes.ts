// The route table: every `/api/atlas/v2` operation the simulator serves, with the versions and
// the permission the v2 spec declares for it.
import { Errors, SimApiError } from './apiError';
import type { Permission, Principal } from './credentials';
import type { Cluster, Project, SimState } from './model';

export interface RequestContext {
  method: string;
  url: URL;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The resolved version date, e.g. `2024-08-05` (v1.0 requests get the version whose shape v1.0 has). */
  version: string;
  /** Which API the request came in on. */
  api: 'v2' | 'v1.0';
  principal: Principal;
  nowMs: number;
  /** `http://127.0.0.1:port`, for absolute links. */
  base: string;
  state: SimState;
  /** Parsed JSON body; throws MALFORMED_JSON on bad JSON, undefined when empty. */
  body(): unknown;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Below `/api/atlas/v2`, with `{param}` segments. */
  pattern: string;
  versions: readonly string[];
  permission: Permission;
  handler: (ctx: RequestContext) => HandlerResult;
}

interface CompiledRoute extends Route {
  segments: string[];
}

export class Router {
  private readonly routes: CompiledRoute[];
  constructor(routes: Route[]) {
    this.routes = routes.map((r) => ({ ...r, segments: r.pattern.split('/').filter(Boolean) }));
  }

  /** Finds the route; `methodMismatch` when the path exists only for other methods. */
  match(method: string, path: string): { route: Route; params: Record<string, string> } | { methodMismatch: boolean } {
    const parts = path.split('/').filter(Boolean);
    let pathExists = false;
    for (const r of this.routes) {
      if (r.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length && ok; i++) {
        const seg = r.segments[i];
        if (seg.startsWith('{')) {
          try {
            params[seg.slice(1, -1)] = decodeURIComponent(parts[i]);
          } catch {
            ok = false;
          }
        } else ok = seg === parts[i];
      }
      if (!ok) continue;
      pathExists = true;
      if (r.method === method) return { route: r, params };
    }
    return { methodMismatch: pathExists };
  }
}

const HEX24 = /^([a-f0-9]{24})$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

/** Validates path ids by the spec's patterns (400 on a mismatch). */
export function validatePathParams(params: Record<string, string>): void {
  for (const [k, v] of Object.entries(params)) {
    if (
      ['groupId', 'snapshotId', 'orgId', 'restoreJobId', 'jobId', 'exportBucketId', 'exportId'].includes(k) &&
      !HEX24.test(v)
    )
      throw Errors.invalidPathParameter(k, v);
    if ((k === 'clusterName' || k === 'name') && !CLUSTER_NAME.test(v)) {
      throw new SimApiError(
        400,
        'CLUSTER_NAME_INVALID',
        `The cluster name ${v} is invalid. The name can only contain ASCII letters, numbers, and hyphens.`,
        { parameters: [v] },
      );
    }
  }
}

export function findProject(ctx: RequestContext): Project {
  const p = ctx.state.projects.find((x) => x.id === ctx.params.groupId);
  if (!p) throw Errors.groupNotFound(ctx.params.groupId);
  return p;
}

export function findCluster(ctx: RequestContext): Cluster {
  findProject(ctx);
  const c = ctx.state.clusters.get(`${ctx.params.groupId}/${ctx.params.clusterName}`);
  if (!c) throw Errors.clusterNotFound(ctx.params.clusterName, ctx.params.groupId);
  return c;
}
