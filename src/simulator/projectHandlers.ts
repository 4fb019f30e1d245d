// Projects and clusters (as the v2 spec and real Atlas answer them; README.md lists the sources).
import { SimApiError } from './apiError';
import { page, pageParams, boolParam } from './paging';
import { renderCloudCluster, renderCluster, renderGroup, renderOrg } from './render';
import { findCluster, findProject, type RequestContext, type Route } from './routes';

/** The one demo organization every seeded project belongs to. */
export const ORG_NAME = 'Atlas Backup Demo Org';
/** Versions of the cluster resource Atlas still serves (2023-01-01 and 2023-02-01 sunset 2027-07-01). */
const CLUSTER_VERSIONS = ['2023-01-01', '2023-02-01', '2024-08-05'];

function orgIds(ctx: RequestContext): string[] {
  return [...new Set(ctx.state.projects.map((p) => p.orgId))];
}

function findOrg(ctx: RequestContext): string {
  const id = ctx.params.orgId;
  if (!orgIds(ctx).includes(id))
    throw new SimApiError(404, 'ORG_NOT_FOUND', `No organization with ID ${id} exists.`, { parameters: [id] });
  return id;
}

function clustersOf(ctx: RequestContext, groupId: string) {
  return [...ctx.state.clusters.values()].filter((c) => c.groupId === groupId);
}

/**
 * Clusters by project, grouped in one pass when first asked: a list of projects must not scan every cluster once per
 * project (3,127 clusters × 300 projects in the scale seed).
 */
function clustersByProject(ctx: RequestContext): (groupId: string) => ReturnType<typeof clustersOf> {
  let groups: Map<string, ReturnType<typeof clustersOf>> | undefined;
  return (groupId) => {
    if (!groups) {
      groups = new Map();
      for (const c of ctx.state.clusters.values()) {
        const list = groups.get(c.groupId);
        if (list) list.push(c);
        else groups.set(c.groupId, [c]);
      }
    }
    return groups.get(groupId) ?? [];
  };
}

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/groups',
    versions: ['2023-01-01'],
    permission: 'read',
    handler: (ctx) => {
      const p = pageParams(ctx.query);
      const of = clustersByProject(ctx);
      return {
        status: 200,
        body: page(ctx.state.projects, p, ctx.url, (g) => renderGroup(g, of(g.id).length, ctx.base)),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/groups/{groupId}',
    versions: ['2023-01-01'],
    permission: 'read',
    handler: (ctx) => {
      const g = findProject(ctx);
      return { status: 200, body: renderGroup(g, clustersOf(ctx, g.id).length, ctx.base) };
    },
  },
  {
    // 2024-08-05 ClusterDescription20240805, 2023-02-01 AdvancedClusterDescription, 2023-01-01 LegacyAtlasCluster.
    method: 'GET',
    pattern: '/groups/{groupId}/clusters',
    versions: CLUSTER_VERSIONS,
    permission: 'read',
    handler: (ctx) => {
      const p = pageParams(ctx.query);
      boolParam(ctx.query, 'includeDeletedWithRetainedBackups', false);
      const g = findProject(ctx);
      return {
        status: 200,
        body: page(clustersOf(ctx, g.id), p, ctx.url, (c) => renderCluster(c, ctx.base, ctx.version)),
      };
    },
  },
  {
    method: 'GET',
    pattern: '/groups/{groupId}/clusters/{clusterName}',
    versions: CLUSTER_VERSIONS,
    permission: 'read',
    handler: (ctx) => {
      return { status: 200, body: renderCluster(findCluster(ctx), ctx.base, ctx.version) };
    },
  },

  // ---- discovery (what MongoDB's MCP server and the Atlas CLI call first) ----
  {
    method: 'GET',
    pattern: '/orgs',
    versions: ['2023-01-01'],
    permission: 'read',
    handler: (ctx) => ({
      status: 200,
      body: page(orgIds(ctx), pageParams(ctx.query), ctx.url, (id) => renderOrg(id, ORG_NAME, ctx.base)),
    }),
  },
  {
    method: 'GET',
    pattern: '/orgs/{orgId}',
    versions: ['2023-01-01'],
    permission: 'read',
    handler: (ctx) => ({ status: 200, body: renderOrg(findOrg(ctx), ORG_NAME, ctx.base) }),
  },
  {
    method: 'GET',
    pattern: '/orgs/{orgId}/groups',
    versions: ['2023-01-01'],
    permission: 'read',
    handler: (ctx) => {
      const org = findOrg(ctx);
      const projects = ctx.state.projects.filter((g) => g.orgId === org);
      const of = clustersByProject(ctx);
      return {
        status: 200,
        body: page(projects, pageParams(ctx.query), ctx.url, (g) => renderGroup(g, of(g.id).length, ctx.base)),
      };
    },
  },
  {
    // "Return All Authorized Clusters in All Projects": one OrgGroup per project, clusters inline.
    method: 'GET',
    pattern: '/clusters',
    versions: ['2023-01-01'],
    permission: 'read',
    handler: (ctx) => {
      const p = pageParams(ctx.query);
      const of = clustersByProject(ctx);
      return {
        status: 200,
        body: page(ctx.state.projects, p, ctx.url, (g) => ({
          clusters: of(g.id).map(renderCloudCluster),
          groupId: g.id,
          groupName: g.name,
          orgId: g.orgId,
          orgName: ORG_NAME,
          planType: 'Atlas',
          tags: [],
        })),
      };
    },
  },
];
