// Turns an edited schedule into the PATCH body Atlas accepts:
// - Read-only fields (clusterId, clusterName, links, nextSnapshot) are never sent.
// - `policies` is always sent (the 2026 spec marks it required; a PATCH without it is ambiguous), with the
//   policy id Atlas has for the cluster.
// - A policy item id is identity, not data: it is sent only for an item Atlas already has (same id, same
//   frequencyType, since Atlas rejects a frequency change with INVALID_FREQUENCY_TYPE_CHANGE); any other id is
//   dropped so Atlas creates the item instead of failing with INVALID_POLICY_ITEM_ID. Copy policy items likewise,
//   matched within the copy setting of the same zone.
// - A schedule file's own fields (`$schema`, `atlas` naming the target cluster) are not Atlas's and are dropped.
// Without `current` (nothing fetched yet) ids are passed through as given.

import type {
  BackupSchedule,
  BackupScheduleUpdate,
  CopyPolicyItem,
  CopySetting,
  PolicyItem,
  SchedulePolicy,
} from './types';

const READ_ONLY_TOP_LEVEL = new Set(['clusterId', 'clusterName', 'links', 'nextSnapshot']);
/** Fields a schedule *file* may carry that are ours, not Atlas's (Atlas answers INVALID_ATTRIBUTE). */
const DOCUMENT_ONLY = new Set(['$schema', 'atlas']);

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function policyItem(item: PolicyItem, keepId: boolean): PolicyItem {
  const out: PolicyItem = {
    frequencyType: item.frequencyType,
    frequencyInterval: item.frequencyInterval,
    retentionUnit: item.retentionUnit,
    retentionValue: item.retentionValue,
  };
  return keepId && item.id ? { id: item.id, ...out } : out;
}

function copyPolicyItem(item: CopyPolicyItem, keepId: boolean): CopyPolicyItem {
  const { id, ...rest } = item;
  return keepId && id ? { id, ...clone(rest) } : clone(rest);
}

function knownItem(
  items: readonly { id?: string; frequencyType?: string }[] | undefined,
  item: { id?: string; frequencyType?: string },
): boolean {
  return !!item.id && !!items?.some((c) => c.id === item.id && c.frequencyType === item.frequencyType);
}

export function toScheduleUpdate(draft: BackupSchedule, current?: BackupSchedule): BackupScheduleUpdate {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft)) {
    if (READ_ONLY_TOP_LEVEL.has(k) || DOCUMENT_ONLY.has(k) || v === undefined) continue;
    if (k === 'policies' || k === 'copySettings') continue;
    out[k] = clone(v);
  }

  const sourcePolicies = draft.policies ?? current?.policies;
  if (!sourcePolicies) {
    throw new Error(
      'A backup schedule update must include "policies" (the cluster\'s one backup policy with its items).',
    );
  }
  const serverPolicy = current?.policies?.[0];
  out['policies'] = sourcePolicies.map((p, index): SchedulePolicy => {
    const server = current
      ? (current.policies?.find((c) => c.id && c.id === p.id) ?? (index === 0 ? serverPolicy : undefined))
      : undefined;
    const id = current ? server?.id : p.id;
    const items = (p.policyItems ?? []).map((it) =>
      policyItem(it, current ? knownItem(server?.policyItems, it) : true),
    );
    return id ? { id, policyItems: items } : { policyItems: items };
  });

  if (draft.copySettings !== undefined) {
    out['copySettings'] = draft.copySettings.map((cs): CopySetting => {
      const { copyPolicyItems, ...rest } = cs;
      const setting: CopySetting = clone(rest);
      if (copyPolicyItems !== undefined) {
        const serverItems = current?.copySettings?.find((c) => c.zoneId === cs.zoneId)?.copyPolicyItems;
        setting.copyPolicyItems = copyPolicyItems.map((it) =>
          copyPolicyItem(it, current ? knownItem(serverItems, it) : true),
        );
      }
      return setting;
    });
  }
  return out;
}
