// Projects and clusters (FACTS.md §1–§2).
import { page, pageParams, boolParam } from './paging';
import { renderCluster, renderGroup } from './render';
import { findCluster, findProject, type RequestContext, type Route } from './routes';

function clustersOf(ctx: RequestContext, groupId: string) {
  return [...ctx.state.clusters.values()].filter((c) => c.groupId === groupId);
}

export const projectRoutes: Route[] = [
  {
    method: 'GET', pattern: '/groups', versions: ['2023-01-01'], permission: 'read',
    handler: (ctx) => {
      const p = pageParams(ctx.query);
      return { status: 200, body: page(ctx.state.projects, p, ctx.url, (g) => renderGroup(g, clustersOf(ctx, g.id).length, ctx.base)) };
    },
  },
  {
    method: 'GET', pattern: '/groups/{groupId}', versions: ['2023-01-01'], permission: 'read',
    handler: (ctx) => {
      const g = findProject(ctx);
      return { status: 200, body: renderGroup(g, clustersOf(ctx, g.id).length, ctx.base) };
    },
  },
  {
    // 2023-01-01 (LegacyAtlasCluster) and 2023-02-01 (AdvancedClusterDescription) are declared by
    // the spec but not served here: they answer 406 like any version the operation lacks.
    method: 'GET', pattern: '/groups/{groupId}/clusters', versions: ['2024-08-05'], permission: 'read',
    handler: (ctx) => {
      const p = pageParams(ctx.query);
      boolParam(ctx.query, 'includeDeletedWithRetainedBackups', false);
      const g = findProject(ctx);
      return { status: 200, body: page(clustersOf(ctx, g.id), p, ctx.url, (c) => renderCluster(c, ctx.base)) };
    },
  },
  {
    method: 'GET', pattern: '/groups/{groupId}/clusters/{clusterName}', versions: ['2024-08-05'], permission: 'read',
    handler: (ctx) => {
      return { status: 200, body: renderCluster(findCluster(ctx), ctx.base) };
    },
  },
];
