// The posture report's messages, both ways. The extension validates everything the webview sends (ids against
// Atlas's patterns) and ignores anything else: the webview is a view, not a trusted peer. No DOM, no vscode.
import type { ClusterPosture } from '../../core/fleet/types';

export type ToPostureWebview =
  /** A new load starts: forget the rows shown. `rpoTargetSeconds`: the RPO target, when one is set. */
  | { type: 'start'; title: string; scope: string; rpoTargetSeconds?: number }
  /** Rows ready since the last message, and how far the load is. */
  | { type: 'rows'; rows: ClusterPosture[]; progress: { done: number; total: number } }
  /** The load ended: `cancelled`, or with the problems of projects that could not be read. */
  | {
      type: 'done';
      cancelled: boolean;
      problems: { projectName: string; message: string; kind?: 'role' | 'failed' }[];
      generatedAt: string;
      error?: string;
    };

export type ToPostureExtension =
  | { type: 'ready' }
  | { type: 'openCluster'; groupId: string; clusterName: string }
  | { type: 'editSchedule'; groupId: string; clusterName: string }
  /** Run Restore Drill… on the row's cluster (the host runs the command `atlasBackup.runRestoreDrill`). */
  | { type: 'runRestoreDrill'; groupId: string; clusterName: string; accountId?: string }
  | { type: 'export'; format: 'markdown' | 'csv' }
  | { type: 'reload' };

const GROUP_ID = /^[a-f0-9]{24}$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,63}$/;
/** The extension's own account ids (never a "/": they are the first segment of the tree's row ids). */
const ACCOUNT_ID = /^[^/\s]{1,200}$/;

export function parsePostureMessage(v: unknown): ToPostureExtension | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not an object';
  const m = v as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'reload':
      return { type: 'reload' };
    case 'export':
      return m.format === 'markdown' || m.format === 'csv'
        ? { type: 'export', format: m.format }
        : 'export: format is not markdown or csv';
    case 'openCluster':
    case 'editSchedule':
    case 'runRestoreDrill':
      if (typeof m.groupId !== 'string' || !GROUP_ID.test(m.groupId)) return `${m.type}: groupId is not a project id`;
      if (typeof m.clusterName !== 'string' || !CLUSTER_NAME.test(m.clusterName))
        return `${m.type}: clusterName is not a cluster name`;
      if (m.type !== 'runRestoreDrill' || m.accountId === undefined)
        return { type: m.type, groupId: m.groupId, clusterName: m.clusterName };
      return typeof m.accountId === 'string' && ACCOUNT_ID.test(m.accountId)
        ? { type: m.type, groupId: m.groupId, clusterName: m.clusterName, accountId: m.accountId }
        : `${m.type}: accountId is not an account id`;
    default:
      return `unknown message type ${JSON.stringify(String(m.type)).slice(0, 40)}`;
  }
}
