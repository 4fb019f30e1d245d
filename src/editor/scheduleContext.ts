import * as vscode from 'vscode';
import type { AtlasClient } from '../atlas';
import type { ScheduleContext } from '../schedule';
import { fetchScheduleContext, scheduleTarget } from './scheduleContextSource';
import type { ContextResolver } from './scheduleDiagnostics';

const TTL_MS = 60_000;

export class ScheduleContextCache {
  private readonly entries = new Map<string, { at: number; ctx: Promise<ScheduleContext> }>();

  constructor(private readonly client: () => AtlasClient | undefined) {}

  clear(): void { this.entries.clear(); }

  readonly resolve: ContextResolver = async (doc: vscode.TextDocument, signal: AbortSignal) => {
    const client = this.client();
    const target = scheduleTarget(doc.getText());
    if (!client || !target) return undefined;
    const key = `${target.groupId}/${target.clusterName}`;
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.ctx;
    // Not tied to this document's signal: another document may await the same entry.
    const ctx = fetchScheduleContext(client, target.groupId, target.clusterName);
    this.entries.set(key, { at: Date.now(), ctx });
    ctx.catch(() => this.entries.delete(key)); // a failed lookup is not cached
    return signal.aborted ? undefined : ctx;
  };
}
