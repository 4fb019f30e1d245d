// The compliance-policy form's messages, both ways. The webview holds the values being typed and sends them; the
// extension answers with what the core makes of them (problems beside the fields, the dry run both ways). The
// extension validates everything the webview sends and ignores anything else. No DOM, no vscode.
import type { PolicyFormValues, PolicyFormView, ScheduledType } from '../../core/compliance/policyForm';

export type ToComplianceWebview =
  /** The form to draw, prefilled (from the policy in force when editing). */
  | { type: 'init'; projectName: string; editing: boolean; values: PolicyFormValues; state?: string }
  /** What the core makes of the values of `version` (the latest change the webview sent). */
  | { type: 'view'; version: number; view: PolicyFormView }
  /** Where the set-up stands after the person asked to apply: sending, watching, done or failed. */
  | { type: 'status'; phase: 'sending' | 'watching' | 'done' | 'failed' | 'cancelled'; message: string };

export type ToComplianceExtension =
  | { type: 'ready' }
  | { type: 'change'; version: number; values: PolicyFormValues }
  /** Apply the values with this choice about the schedules (overwriteBackupPolicies). */
  | { type: 'apply'; version: number; values: PolicyFormValues; overwrite: boolean };

const TYPES: readonly ScheduledType[] = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'];
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length <= max;

/** The form's values as the webview sent them, or the reason they are not. */
export function parseValues(v: unknown): PolicyFormValues | string {
  if (!isRecord(v)) return 'values is not an object';
  for (const k of ['authorizedEmail', 'authorizedUserFirstName', 'authorizedUserLastName', 'restoreWindowDays'])
    if (!isStr(v[k])) return `values.${k} is not a short string`;
  for (const k of ['copyProtectionEnabled', 'encryptionAtRestEnabled', 'pitEnabled'])
    if (typeof v[k] !== 'boolean') return `values.${k} is not true or false`;
  const items = v.items;
  if (!Array.isArray(items) || items.length !== TYPES.length) return 'values.items is not one row per frequency';
  const rows: PolicyFormValues['items'] = [];
  for (const [i, raw] of (items as unknown[]).entries()) {
    if (!isRecord(raw) || raw.frequencyType !== TYPES[i]) return `values.items[${i}] is not the ${TYPES[i]} row`;
    if (typeof raw.enabled !== 'boolean') return `values.items[${i}].enabled is not true or false`;
    if (!isStr(raw.frequencyInterval, 20) || !isStr(raw.retentionValue, 20) || !isStr(raw.retentionUnit, 20))
      return `values.items[${i}] has a field that is not a short string`;
    rows.push({
      frequencyType: TYPES[i],
      enabled: raw.enabled,
      frequencyInterval: raw.frequencyInterval,
      retentionValue: raw.retentionValue,
      retentionUnit: raw.retentionUnit,
    });
  }
  const od = v.onDemand;
  if (!isRecord(od) || typeof od.enabled !== 'boolean' || !isStr(od.retentionValue, 20) || !isStr(od.retentionUnit, 20))
    return 'values.onDemand is not an on-demand row';
  return {
    authorizedEmail: v.authorizedEmail as string,
    authorizedUserFirstName: v.authorizedUserFirstName as string,
    authorizedUserLastName: v.authorizedUserLastName as string,
    copyProtectionEnabled: v.copyProtectionEnabled as boolean,
    encryptionAtRestEnabled: v.encryptionAtRestEnabled as boolean,
    pitEnabled: v.pitEnabled as boolean,
    restoreWindowDays: v.restoreWindowDays as string,
    items: rows,
    onDemand: { enabled: od.enabled, retentionValue: od.retentionValue, retentionUnit: od.retentionUnit },
  };
}

export function parseComplianceMessage(v: unknown): ToComplianceExtension | string {
  if (!isRecord(v)) return 'not an object';
  switch (v.type) {
    case 'ready':
      return { type: 'ready' };
    case 'change':
    case 'apply': {
      if (typeof v.version !== 'number' || !Number.isInteger(v.version)) return `${v.type}: version is not a number`;
      const values = parseValues(v.values);
      if (typeof values === 'string') return `${v.type}: ${values}`;
      if (v.type === 'change') return { type: 'change', version: v.version, values };
      if (typeof v.overwrite !== 'boolean') return 'apply: overwrite is not true or false';
      return { type: 'apply', version: v.version, values, overwrite: v.overwrite };
    }
    default:
      return `unknown message type ${JSON.stringify(String(v.type)).slice(0, 40)}`;
  }
}
