import * as vscode from 'vscode';
import type { AtlasClient } from '../../core/atlas';
import { hostOf } from '../../core/accounts';
import type { ScheduleContext } from '../../core/schedule';
import { readScheduleTarget } from '../../core/schedule/scheduleFile';
import { Commands } from '../../core/ids';
import { fetchScheduleContext } from '../../core/schedule/scheduleContextSource';
import { ContextUnavailable } from './scheduleDiagnostics';
import type { ContextResolver } from './scheduleDiagnostics';

const TTL_MS = 60_000;
const CLUSTER_RULES =
  'the cluster rules (NVMe, continuous backup, copy zones, item ids, compliance policy, export bucket) were not checked';

/** Picks the client for a schedule file: the signed-in account whose server the file was pulled from, else the active one. */
export type ClientForFile = (pulledFrom: string | undefined) => { client: AtlasClient; baseUrl: string } | undefined;

export class ScheduleContextCache {
  private readonly entries = new Map<string, { at: number; ctx: Promise<ScheduleContext> }>();

  constructor(
    private readonly clientFor: ClientForFile,
    private readonly trusted: () => boolean = () => vscode.workspace.isTrusted,
  ) {}

  clear(): void {
    this.entries.clear();
  }

  readonly resolve: ContextResolver = async (doc: vscode.TextDocument, signal: AbortSignal) => {
    const target = readScheduleTarget(doc.getText());
    if (!target) return undefined; // no atlas block: nothing to look up, nothing to say
    const where = `cluster "${target.clusterName}"`;
    // In Restricted Mode nothing in a workspace file may start a request, or choose where one goes.
    if (!this.trusted()) {
      throw new ContextUnavailable(
        `This workspace is not trusted, so its files start no request to Atlas: ${CLUSTER_RULES} against ${where}.`,
        { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' },
      );
    }
    const bound = this.clientFor(target.pulled?.from);
    if (!bound) {
      throw new ContextUnavailable(`Not signed in to Atlas: ${CLUSTER_RULES} against ${where}.`, {
        title: 'Sign in to Atlas',
        command: Commands.signIn,
      });
    }
    const key = `${bound.baseUrl}\n${target.groupId}/${target.clusterName}`;
    const hit = this.entries.get(key);
    let ctx = hit && Date.now() - hit.at < TTL_MS ? hit.ctx : undefined;
    if (!ctx) {
      // Not tied to this document's signal: another document may await the same entry.
      ctx = fetchScheduleContext(bound.client, target.groupId, target.clusterName);
      const mine = ctx;
      this.entries.set(key, { at: Date.now(), ctx });
      ctx.catch(() => {
        if (this.entries.get(key)?.ctx === mine) this.entries.delete(key);
      }); // a failed lookup is not cached
    }
    if (signal.aborted) return undefined;
    try {
      return await ctx;
    } catch (e) {
      throw new ContextUnavailable(
        `Couldn't read ${where} of project ${target.groupId} from ${hostOf(bound.baseUrl)}: ${e instanceof Error ? e.message : String(e)} So ${CLUSTER_RULES}.`,
        { title: 'Show Log', command: Commands.showLog },
      );
    }
  };
}
