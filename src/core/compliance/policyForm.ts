// The Backup Compliance Policy as a form (VS Code's Set Up / Edit Compliance Policy): the values the form holds, the
// policy they make, and what the form shows beside its fields and under them — validatePolicy's and
// looseningProblems' findings in the form's words (never JSON paths), and the dry run both ways (overwrite or keep the
// schedules). Pure data in, pure data out, so the webview draws it and the unit tier checks it without a browser.
import type { BackupSchedule, CompliancePolicy, CompliancePolicyItem, RetentionUnit } from '../atlas/types';
import type { Change } from '../schedule/diff';
import { frequencyTypeName } from '../schedule/describeSchedule';
import { RETENTION_UNITS, SCHEDULED_TYPES } from '../schedule/retention';
import { dryRun, type ClusterState } from './dryRun';
import type { PolicyProblem } from './validatePolicy';

export type ScheduledType = (typeof SCHEDULED_TYPES)[number];

export interface ItemValues {
  frequencyType: ScheduledType;
  /** The policy has an item of this frequency. */
  enabled: boolean;
  /** As typed or picked: numbers are checked by validatePolicy, not trusted here. */
  frequencyInterval: string;
  retentionValue: string;
  retentionUnit: string;
}

export interface PolicyFormValues {
  authorizedEmail: string;
  authorizedUserFirstName: string;
  authorizedUserLastName: string;
  copyProtectionEnabled: boolean;
  encryptionAtRestEnabled: boolean;
  pitEnabled: boolean;
  /** Empty: the policy sets no restore window. */
  restoreWindowDays: string;
  /** One row per scheduled frequency, in SCHEDULED_TYPES order (a policy has at most one item of each). */
  items: ItemValues[];
  onDemand: { enabled: boolean; retentionValue: string; retentionUnit: string };
}

/** A finding beside a field: `key` is the form's field (`authorizedEmail`, `items.daily.retentionValue`, …). */
export interface FormProblem {
  key: string;
  message: string;
  /** `loosening`: the field loosens the policy in force, which Atlas refuses. */
  kind: 'error' | 'loosening';
}

export interface ClusterView {
  name: string;
  /** `off`: Cloud Backup is off; `complies`: unchanged; `raised`: Atlas changes it (overwrite); `refuses`: keep. */
  status: 'off' | 'complies' | 'raised' | 'refuses';
  shortfalls: string[];
  changes: Pick<Change, 'summary' | 'consequence' | 'caution'>[];
  turnsOnPointInTime: boolean;
  extraSnapshots: number;
}

export interface DryRunView {
  overwrite: boolean;
  /** Nothing in it says Atlas would refuse the PUT. */
  accepted: boolean;
  /** Why Atlas would refuse, in one sentence; absent when accepted. */
  refusal?: string;
  clusters: ClusterView[];
  refusingClusters: string[];
  extraSnapshots: number;
  /** What the policy forbids once in force. */
  forbidden: string[];
}

export interface PolicyFormView {
  /** Editing the policy in force (loosening marked) rather than setting one up. */
  editing: boolean;
  problems: FormProblem[];
  /** Absent while the form has problems: a malformed policy has no meaningful dry run. */
  dryRuns?: { overwrite: DryRunView; keep: DryRunView };
}

/** The values a new policy starts from: no names (they are the person's to type) and nothing required. */
export function emptyFormValues(): PolicyFormValues {
  return formValuesFrom(undefined);
}

const DEFAULT_INTERVAL: Record<ScheduledType, string> = {
  hourly: '6',
  daily: '1',
  weekly: '6',
  monthly: '40',
  yearly: '12',
};

const str = (n: number | undefined): string => (typeof n === 'number' ? String(n) : '');

/** The form filled from a policy (the one in force when editing), or empty for a new one. */
export function formValuesFrom(policy: CompliancePolicy | undefined): PolicyFormValues {
  const byType = new Map((policy?.scheduledPolicyItems ?? []).map((i) => [i.frequencyType, i]));
  const od = policy?.onDemandPolicyItem;
  return {
    authorizedEmail: policy?.authorizedEmail ?? '',
    authorizedUserFirstName: policy?.authorizedUserFirstName ?? '',
    authorizedUserLastName: policy?.authorizedUserLastName ?? '',
    copyProtectionEnabled: policy?.copyProtectionEnabled === true,
    encryptionAtRestEnabled: policy?.encryptionAtRestEnabled === true,
    pitEnabled: policy?.pitEnabled === true,
    restoreWindowDays: str(policy?.restoreWindowDays),
    items: SCHEDULED_TYPES.map((t) => {
      const i = byType.get(t);
      return {
        frequencyType: t,
        enabled: !!i,
        frequencyInterval: i ? str(i.frequencyInterval) : DEFAULT_INTERVAL[t],
        retentionValue: i ? str(i.retentionValue) : '',
        retentionUnit: i?.retentionUnit ?? (t === 'monthly' ? 'months' : t === 'yearly' ? 'years' : 'days'),
      };
    }),
    onDemand: {
      enabled: !!od,
      retentionValue: od ? str(od.retentionValue) : '',
      retentionUnit: od?.retentionUnit ?? 'days',
    },
  };
}

/** A typed number as the policy holds it; anything else is kept as typed so validatePolicy names the field. */
function num(s: string): number {
  const t = s.trim();
  return (/^\d+$/.test(t) ? Number(t) : t) as number;
}

/** The policy the form describes: what the PUT sends. */
export function policyFromForm(v: PolicyFormValues): CompliancePolicy {
  const items: CompliancePolicyItem[] = v.items
    .filter((i) => i.enabled)
    .map((i) => ({
      frequencyType: i.frequencyType,
      frequencyInterval: num(i.frequencyInterval),
      retentionUnit: i.retentionUnit as RetentionUnit,
      retentionValue: num(i.retentionValue),
    }));
  const p: CompliancePolicy = {
    authorizedEmail: v.authorizedEmail.trim(),
    authorizedUserFirstName: v.authorizedUserFirstName.trim(),
    authorizedUserLastName: v.authorizedUserLastName.trim(),
    copyProtectionEnabled: v.copyProtectionEnabled,
    encryptionAtRestEnabled: v.encryptionAtRestEnabled,
    pitEnabled: v.pitEnabled,
    scheduledPolicyItems: items,
  };
  if (v.restoreWindowDays.trim()) p.restoreWindowDays = num(v.restoreWindowDays);
  if (v.onDemand.enabled)
    p.onDemandPolicyItem = {
      frequencyType: 'ondemand',
      frequencyInterval: 0,
      retentionUnit: v.onDemand.retentionUnit as RetentionUnit,
      retentionValue: num(v.onDemand.retentionValue),
    };
  return p;
}

const FIELD_WORDS: Record<string, string> = {
  authorizedEmail: 'Email',
  authorizedUserFirstName: 'First name',
  authorizedUserLastName: 'Last name',
  copyProtectionEnabled: 'Copy protection',
  encryptionAtRestEnabled: 'Encryption at rest',
  pitEnabled: 'Point-in-time restore',
  restoreWindowDays: 'Restore window (days)',
  onDemandPolicyItem: 'On-demand item',
  scheduledPolicyItems: 'Scheduled items',
};
const PART_WORDS: Record<string, string> = {
  frequencyType: 'frequency',
  frequencyInterval: 'interval',
  retentionValue: 'retention',
  retentionUnit: 'retention unit',
};

/** The form's key of a problem's field (`scheduledPolicyItems[1].retentionValue` → `items.daily.retentionValue`). */
function keyOf(field: string, types: readonly string[]): string {
  const m = /^scheduledPolicyItems\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (m) return `items.${types[Number(m[1])] ?? '?'}${m[2] ? `.${m[2]}` : ''}`;
  const od = /^onDemandPolicyItem(?:\.(\w+))?$/.exec(field);
  if (od) return `onDemand${od[1] ? `.${od[1]}` : ''}`;
  return field;
}

/** A message in the form's words: JSON paths become the labels the person sees. */
export function inFormWords(message: string, types: readonly string[]): string {
  const out = message
    .replace(/scheduledPolicyItems\[(\d+)\](?:\.(\w+))?/g, (_, i: string, part?: string) => {
      const name = `${frequencyTypeName(types[Number(i)]).toLowerCase()} item`;
      return part ? `${name}'s ${PART_WORDS[part] ?? part}` : name;
    })
    .replace(/onDemandPolicyItem(?:\.(\w+))?/g, (_, part?: string) =>
      part ? `on-demand item's ${PART_WORDS[part] ?? part}` : 'on-demand item',
    )
    .replace(/\b([a-zA-Z]+(?:Enabled|Days|Email|FirstName|LastName|PolicyItems))\b/g, (w: string) =>
      (FIELD_WORDS[w] ?? w).toLowerCase(),
    )
    // "(the first is hourly item)" reads better with its article.
    .replace(/\(the first is ([a-z-]+ item)\)/, '(the first is the $1)');
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function toFormProblems(list: PolicyProblem[], types: readonly string[], kind: FormProblem['kind']): FormProblem[] {
  return list.map((p) => ({ key: keyOf(p.field, types), message: inFormWords(p.message, types), kind }));
}

/**
 * A schedule rule's finding about a cluster in words: its JSON paths (`policies[0].policyItems[1].retentionValue`)
 * become the cluster's own items ("its daily item's retention").
 */
export function scheduleWords(message: string, schedule: BackupSchedule | undefined): string {
  const items = schedule?.policies?.[0]?.policyItems ?? [];
  const out = message
    .replace(/policies\[0\]\.policyItems\[(\d+)\](?:\.(\w+))?/g, (_, i: string, part?: string) => {
      const name = `its ${frequencyTypeName(items[Number(i)]?.frequencyType).toLowerCase()} item`;
      return part ? `${name}'s ${PART_WORDS[part] ?? part}` : name;
    })
    .replace(/policies\[0\]\.policyItems has no such item/g, 'its schedule has no such item')
    .replace(
      /\brestoreWindowDays is (\d+)/g,
      (_, n: string) => `its restore window is ${n} ${n === '1' ? 'day' : 'days'}`,
    );
  return out.charAt(0).toUpperCase() + out.slice(1);
}

function view(d: ReturnType<typeof dryRun>, clusters: readonly ClusterState[]): DryRunView {
  const scheduleOf = new Map(clusters.map((c) => [c.name, c.schedule]));
  const refusal = d.loosening.length
    ? 'Atlas refuses an edit that loosens the policy in force (a policy may only be tightened).'
    : d.refusingClusters.length
      ? `Atlas would refuse the whole request (BACKUP_POLICIES_NOT_MEETING_BACKUP_COMPLIANCE_POLICY_REQUIREMENTS) while ${d.refusingClusters.join(', ')} ${d.refusingClusters.length === 1 ? 'falls' : 'fall'} short of the policy.`
      : undefined;
  return {
    overwrite: d.overwriteBackupPolicies,
    accepted: d.accepted,
    ...(refusal ? { refusal } : {}),
    clusters: d.clusters.map((c) => ({
      name: c.name,
      status: !c.backedUp
        ? 'off'
        : !c.shortfalls.length && !c.changes.length && !c.turnsOnPointInTime
          ? 'complies'
          : d.overwriteBackupPolicies
            ? 'raised'
            : c.shortfalls.length
              ? 'refuses'
              : 'complies',
      shortfalls: c.shortfalls.map((m) => scheduleWords(m, scheduleOf.get(c.name))),
      changes: c.changes.map((x) => ({
        summary: x.summary,
        ...(x.consequence ? { consequence: x.consequence } : {}),
        ...(x.caution ? { caution: true } : {}),
      })),
      turnsOnPointInTime: c.turnsOnPointInTime,
      extraSnapshots: c.extraSnapshots,
    })),
    refusingClusters: d.refusingClusters,
    extraSnapshots: d.extraSnapshots,
    forbidden: d.forbidden,
  };
}

export interface FormContext {
  clusters: readonly ClusterState[];
  /** The policy in force, when editing. */
  current?: CompliancePolicy;
  now: number;
}

/** Everything the form shows for these values: problems beside the fields, then the dry run both ways. */
export function policyFormView(values: PolicyFormValues, ctx: FormContext): PolicyFormView {
  const policy = policyFromForm(values);
  const types = (policy.scheduledPolicyItems ?? []).map((i) => i.frequencyType);
  const runs = [true, false].map((overwrite) =>
    dryRun({ policy, clusters: ctx.clusters, current: ctx.current, overwriteBackupPolicies: overwrite, now: ctx.now }),
  );
  const problems = [
    ...toFormProblems(runs[0].problems, types, 'error'),
    ...toFormProblems(runs[0].loosening, types, 'loosening'),
  ];
  return {
    editing: !!ctx.current,
    problems,
    ...(runs[0].problems.length
      ? {}
      : { dryRuns: { overwrite: view(runs[0], ctx.clusters), keep: view(runs[1], ctx.clusters) } }),
  };
}

/** The words of the confirmation: what typing the name agrees to. */
export function confirmationPrompt(projectName: string, overwrite: boolean, editing: boolean): string {
  return `${editing ? 'Update' : 'Set'} the Backup Compliance Policy of ${projectName}${overwrite ? ', raising every schedule that falls short of it' : ', changing no schedule'}. The policy cannot be disabled without MongoDB Support. Type the project's name to confirm.`;
}

/** Undefined when the typed text is the project's name; else the one line that says why not. */
export function typedNameProblem(typed: string, projectName: string): string | undefined {
  return typed === projectName ? undefined : `Type the project's name exactly: ${projectName}`;
}

export { RETENTION_UNITS, SCHEDULED_TYPES };
