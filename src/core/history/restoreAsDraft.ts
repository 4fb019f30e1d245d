// Restoring a version from the schedule history as a draft: the old version's item ids are only meaningful while
// Atlas still has those items. After "Delete all schedules" (or any push that removed items) they are gone, and a
// draft keeping them would carry one unknown-item-id error per item before it could be pushed. So the restored draft
// keeps every setting of the old version, but an item Atlas no longer knows (by id and frequency type, as a PATCH
// matches them) becomes a new item, and the caller is told which ones did. vscode-free.
import type { BackupSchedule, CopyPolicyItem, PolicyItem } from '../atlas/types';
import { describeNamedItem } from '../schedule/describeSchedule';

/** One item of the old version that Atlas no longer has: it is restored as a new item (without its id). */
export interface ItemBecameNew {
  /** Where the item is in the restored draft, e.g. `policies[0].policyItems[2]` or a copy setting's item. */
  where: string;
  /** The id the old version had (no longer in Atlas). */
  formerId: string;
  /** e.g. "Daily snapshot (every day, kept 7 days)"; for a person. */
  describe: string;
}

export interface RestoredDraft {
  /** The old version, ready to push against `remote`: Atlas's policy id, unknown item ids dropped. */
  schedule: BackupSchedule;
  becameNew: ItemBecameNew[];
}

type Known = readonly { id?: string; frequencyType?: string }[] | undefined;

function knows(items: Known, item: { id?: string; frequencyType?: string }): boolean {
  return !!items?.some((c) => c.id === item.id && c.frequencyType === item.frequencyType);
}

/**
 * The version `old` (from the history) as a draft against Atlas's schedule `remote` now. Read-only fields Atlas sets
 * (links, nextSnapshot) are left out; everything else the old version had is kept.
 */
export function restoreAsDraft(old: BackupSchedule, remote: BackupSchedule): RestoredDraft {
  const { links: _l, nextSnapshot: _n, ...rest } = structuredClone(old);
  const schedule: BackupSchedule = rest;
  const becameNew: ItemBecameNew[] = [];
  const remotePolicy = remote.policies?.[0];
  schedule.policies = (schedule.policies ?? []).map((p, pi) => {
    const server = remote.policies?.find((r) => r.id && r.id === p.id) ?? (pi === 0 ? remotePolicy : undefined);
    const policyItems = (p.policyItems ?? []).map((item, ii): PolicyItem => {
      if (item.id === undefined || knows(server?.policyItems, item)) return item;
      becameNew.push({
        where: `policies[${pi}].policyItems[${ii}]`,
        formerId: item.id,
        describe: describeNamedItem(item),
      });
      const { id: _id, ...fresh } = item;
      return fresh;
    });
    // The policy's own id is Atlas's (a schedule has exactly one policy and a PATCH echoes its id).
    const { id: _pid, ...withoutId } = p;
    return server?.id ? { ...withoutId, id: server.id, policyItems } : { ...withoutId, policyItems };
  });
  if (schedule.copySettings) {
    schedule.copySettings = schedule.copySettings.map((cs, ci) => {
      if (!cs.copyPolicyItems) return cs;
      const serverItems = remote.copySettings?.find((c) => c.zoneId === cs.zoneId)?.copyPolicyItems;
      const copyPolicyItems = cs.copyPolicyItems.map((item, ii): CopyPolicyItem => {
        if (item.id === undefined || knows(serverItems, item)) return item;
        becameNew.push({
          where: `copySettings[${ci}].copyPolicyItems[${ii}]`,
          formerId: item.id,
          describe: `copy of a ${describeNamedItem(item)} in zone ${cs.zoneId}`,
        });
        const { id: _id, ...fresh } = item;
        return fresh;
      });
      return { ...cs, copyPolicyItems };
    });
  }
  return { schedule, becameNew };
}

/** One sentence for the person restoring: which items Atlas no longer had and so become new items. */
export function describeBecameNew(r: RestoredDraft): string | undefined {
  const n = r.becameNew.length;
  if (!n) return undefined;
  const list = r.becameNew.map((b) => b.describe).join('; ');
  return n === 1
    ? `1 item Atlas no longer has becomes a new item when pushed: ${list}.`
    : `${n} items Atlas no longer has become new items when pushed: ${list}.`;
}
