// The server's view of a schedule PATCH: Atlas answers the first violation it finds with one
// error. Deliberately independent of the product's own rule engine (src/core/schedule): this is the
// peer the product is tested against, so it must not share its assumptions.
// Codes are from Atlas's error-codes page unless marked GUESS (README.md lists them all).
import { Errors, SimApiError } from './apiError';
import {
  FREQUENCY_RANK,
  isNvme,
  nextId,
  retentionDays,
  type Cluster,
  type CopySetting,
  type FrequencyType,
  type PolicyItem,
  type RetentionUnit,
  type Schedule,
  type SimState,
} from './model';

const FREQUENCY_TYPES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'ondemand'] as const;
const RETENTION_UNITS = ['days', 'weeks', 'months', 'years'] as const;
const PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;
const COPY_FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'] as const;
const HEX24 = /^([a-f0-9]{24})$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function jsonAttr(field: string, why: string): SimApiError {
  return new SimApiError(
    400,
    'INVALID_JSON_ATTRIBUTE',
    `Received JSON for the ${field} attribute does not match expected format.`,
    {
      parameters: [field],
      fields: [{ field, description: why }],
    },
  );
}

export function invalidPolicy(field: string, why: string): SimApiError {
  return new SimApiError(400, 'INVALID_BACKUP_POLICY', `Invalid Backup Policy: ${field} ${why}.`, {
    parameters: [`${field} ${why}`],
    fields: [{ field, description: why }],
  });
}

const FIELDS_2023 = new Set([
  'autoExportEnabled',
  'clusterId',
  'clusterName',
  'copyPolicyItemsEnabled',
  'copySettings',
  'deleteCopiedBackups',
  'deleteCopySnapshots',
  'deleteSnapshots',
  'export',
  'extraRetentionSettings',
  'links',
  'nextSnapshot',
  'policies',
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'updateCopySnapshots',
  'updateSnapshots',
  'useOrgAndGroupNamesInExportPrefix',
]);
const FIELDS_2024 = new Set([...FIELDS_2023, 'autoCopySettingsEnabled']);

const HOURLY_INTERVALS = [1, 2, 4, 6, 8, 12];

/** Which frequencyInterval values each frequency type accepts (the rule `frequency-interval` in docs/rules.md). */
export function allowedIntervals(type: FrequencyType, nvme: boolean): number[] | undefined {
  switch (type) {
    case 'hourly':
      return nvme ? [12] : HOURLY_INTERVALS;
    case 'daily':
      return [1];
    case 'weekly':
      return [1, 2, 3, 4, 5, 6, 7];
    case 'monthly':
      return [...Array.from({ length: 28 }, (_, i) => i + 1), 40];
    case 'yearly':
      return Array.from({ length: 12 }, (_, i) => i + 1);
    case 'ondemand':
    default:
      return undefined;
  }
}

function parseItems(raw: unknown, current: Schedule, c: Cluster, state: SimState): PolicyItem[] {
  const base = 'policies[0].policyItems';
  if (raw === undefined) throw Errors.missingAttribute(base);
  if (!Array.isArray(raw)) throw jsonAttr(base, 'must be an array');
  if (raw.length === 0)
    throw new SimApiError(400, 'INVALID_NUM_OF_POLICY_ITEMS', 'Must have at least one policy item.');
  const nvme = isNvme(c);
  const seenIds = new Set<string>();
  const items = raw.map((r, i): PolicyItem => {
    const f = `${base}[${i}]`;
    if (!isObj(r)) throw jsonAttr(f, 'must be an object');
    const missing = ['frequencyInterval', 'frequencyType', 'retentionUnit', 'retentionValue'].filter(
      (k) => r[k] === undefined || r[k] === null,
    );
    if (missing.length) {
      throw new SimApiError(
        400,
        'MISSING_POLICY_ITEM_PARAMETERS',
        'Each policy item must contain all required fields.',
        {
          fields: missing.map((k) => ({ field: `${f}.${k}`, description: 'must be specified' })),
        },
      );
    }
    if (typeof r.frequencyType !== 'string' || !(FREQUENCY_TYPES as readonly string[]).includes(r.frequencyType))
      throw Errors.invalidEnum(`${f}.frequencyType`, r.frequencyType, FREQUENCY_TYPES);
    if (typeof r.retentionUnit !== 'string' || !(RETENTION_UNITS as readonly string[]).includes(r.retentionUnit))
      throw Errors.invalidEnum(`${f}.retentionUnit`, r.retentionUnit, RETENTION_UNITS);
    if (!isInt(r.frequencyInterval)) throw jsonAttr(`${f}.frequencyInterval`, 'must be an integer');
    if (!isInt(r.retentionValue)) throw jsonAttr(`${f}.retentionValue`, 'must be an integer');
    const type = r.frequencyType as FrequencyType;
    let id: string | undefined;
    if (r.id !== undefined && r.id !== null) {
      if (typeof r.id !== 'string' || !HEX24.test(r.id)) throw jsonAttr(`${f}.id`, 'must be a 24-hexadecimal id');
      const existing = current.items.find((x) => x.id === r.id);
      if (!existing || seenIds.has(r.id)) {
        throw new SimApiError(400, 'INVALID_POLICY_ITEM_ID', `The specified policy item id ${r.id} does not exist.`, {
          parameters: [r.id],
          fields: [{ field: `${f}.id`, description: 'is not an item of this policy' }],
        });
      }
      if (existing.frequencyType !== type) {
        throw new SimApiError(
          400,
          'INVALID_FREQUENCY_TYPE_CHANGE',
          'The frequency type of a policy item must not be changed.',
          {
            fields: [
              {
                field: `${f}.frequencyType`,
                description: `item ${r.id} is ${existing.frequencyType}; add a new item instead`,
              },
            ],
          },
        );
      }
      seenIds.add(r.id);
      id = r.id;
    }
    const allowed = allowedIntervals(type, nvme);
    if (allowed && !allowed.includes(r.frequencyInterval)) {
      const why =
        type === 'hourly' && nvme
          ? 'must be 12 for hourly items on NVMe clusters'
          : `must be one of ${allowed.length > 12 ? '1-28 or 40' : allowed.join(', ')} for ${type} items`;
      throw invalidPolicy(`${f}.frequencyInterval`, why);
    }
    if (r.retentionValue <= 0) throw invalidPolicy(`${f}.retentionValue`, 'must be a positive number');
    return {
      id: id ?? nextId(state, 'policyItem'),
      frequencyType: type,
      frequencyInterval: r.frequencyInterval,
      retentionUnit: r.retentionUnit as RetentionUnit,
      retentionValue: r.retentionValue,
    };
  });
  for (const t of ['hourly', 'daily'] as const) {
    const idx = items.map((x, i) => (x.frequencyType === t ? i : -1)).filter((i) => i >= 0);
    if (idx.length > 1)
      throw invalidPolicy(`${base}[${idx[1]}]`, `is a second ${t} item; a policy can have only one ${t} item`);
  }
  // "For less frequent policy items, MongoDB Cloud requires that you specify a value greater than
  // or equal to the value specified for more frequent policy items."
  const ranked = items.map((x, i) => ({ x, i })).filter(({ x }) => x.frequencyType !== 'ondemand');
  for (const a of ranked) {
    for (const b of ranked) {
      if (
        FREQUENCY_RANK[b.x.frequencyType] > FREQUENCY_RANK[a.x.frequencyType] &&
        retentionDays(b.x.retentionUnit, b.x.retentionValue) < retentionDays(a.x.retentionUnit, a.x.retentionValue)
      ) {
        throw invalidPolicy(
          `${base}[${b.i}].retentionValue`,
          `must be at least the ${a.x.frequencyType} retention (${a.x.retentionValue} ${a.x.retentionUnit}) because ${b.x.frequencyType} items are less frequent`,
        );
      }
    }
  }
  return items;
}

function parseCopySettings(
  raw: unknown,
  c: Cluster,
  version: string,
  copyPolicyItemsEnabled: boolean,
  current: Schedule,
  state: SimState,
): CopySetting[] {
  if (!Array.isArray(raw)) throw jsonAttr('copySettings', 'must be an array');
  const v2024 = version >= '2024-08-05';
  const seen = new Set<string>();
  return raw.map((r, i): CopySetting => {
    const f = `copySettings[${i}]`;
    if (!isObj(r)) throw jsonAttr(f, 'must be an object');
    const keyName = v2024 ? 'zoneId' : 'replicationSpecId';
    const key = r[keyName];
    if (key === undefined || key === null) throw Errors.missingAttribute(`${f}.${keyName}`);
    if (typeof key !== 'string' || !HEX24.test(key)) throw jsonAttr(`${f}.${keyName}`, 'must be a 24-hexadecimal id');
    const zone = c.zones.find((z) => (v2024 ? z.zoneId : z.legacySpecId) === key);
    if (!zone)
      throw Errors.validation(
        `${f}.${keyName}`,
        `is not a ${v2024 ? 'zone' : 'replication spec'} of cluster ${c.name}`,
      );
    if (r.cloudProvider === undefined) throw Errors.missingAttribute(`${f}.cloudProvider`);
    if (typeof r.cloudProvider !== 'string' || !(PROVIDERS as readonly string[]).includes(r.cloudProvider))
      throw Errors.invalidEnum(`${f}.cloudProvider`, r.cloudProvider, PROVIDERS);
    const zoneProvider = zone.regionConfigs[0].providerName;
    if (r.cloudProvider !== zoneProvider)
      throw Errors.validation(`${f}.cloudProvider`, `must be ${zoneProvider}, the provider of zone ${zone.zoneName}`);
    if (typeof r.regionName !== 'string' || !r.regionName) throw Errors.missingAttribute(`${f}.regionName`);
    if (zone.regionConfigs.some((rc) => rc.regionName === r.regionName))
      throw Errors.validation(
        `${f}.regionName`,
        `is already a region of zone ${zone.zoneName}; copies go to other regions`,
      );
    const dup = `${zone.zoneId}/${r.regionName}`;
    if (seen.has(dup)) throw Errors.validation(`${f}.regionName`, `repeats ${r.regionName} for zone ${zone.zoneName}`);
    seen.add(dup);
    const modes = (['frequencies', 'copyPolicyItems', 'lastNumberOfSnapshots'] as const).filter(
      (k) => r[k] !== undefined && r[k] !== null,
    );
    if (modes.length > 1) throw Errors.validation(`${f}.${modes[1]}`, `is mutually exclusive with ${modes[0]}`);
    const out: CopySetting = {
      zoneId: zone.zoneId,
      cloudProvider: r.cloudProvider,
      regionName: r.regionName,
    };
    if (r.shouldCopyOplogs !== undefined) {
      if (typeof r.shouldCopyOplogs !== 'boolean') throw jsonAttr(`${f}.shouldCopyOplogs`, 'must be a boolean');
      if (r.shouldCopyOplogs && !c.pitEnabled)
        throw Errors.validation(
          `${f}.shouldCopyOplogs`,
          'requires Continuous Cloud Backup (pitEnabled) on the cluster',
        );
      out.shouldCopyOplogs = r.shouldCopyOplogs;
    }
    if (r.frequencies !== undefined && r.frequencies !== null) {
      if (copyPolicyItemsEnabled)
        throw Errors.validation(
          `${f}.frequencies`,
          'is not allowed when copyPolicyItemsEnabled is true; use copyPolicyItems',
        );
      if (!Array.isArray(r.frequencies) || r.frequencies.length > 6)
        throw jsonAttr(`${f}.frequencies`, 'must be an array of at most 6 frequencies');
      r.frequencies.forEach((x, j) => {
        if (typeof x !== 'string' || !(COPY_FREQUENCIES as readonly string[]).includes(x))
          throw Errors.invalidEnum(`${f}.frequencies[${j}]`, x, COPY_FREQUENCIES);
      });
      out.frequencies = [...new Set(r.frequencies as string[])];
    }
    if (r.copyPolicyItems !== undefined && r.copyPolicyItems !== null) {
      if (!copyPolicyItemsEnabled)
        throw Errors.validation(`${f}.copyPolicyItems`, 'is allowed only when copyPolicyItemsEnabled is true');
      if (!Array.isArray(r.copyPolicyItems) || r.copyPolicyItems.length > 6)
        throw jsonAttr(`${f}.copyPolicyItems`, 'must be an array of at most 6 items');
      const old =
        current.copySettings.find((x) => x.zoneId === zone.zoneId && x.regionName === r.regionName)?.copyPolicyItems ??
        [];
      out.copyPolicyItems = r.copyPolicyItems.map((p, j) => {
        const pf = `${f}.copyPolicyItems[${j}]`;
        if (!isObj(p)) throw jsonAttr(pf, 'must be an object');
        if (typeof p.frequencyType !== 'string' || !(FREQUENCY_TYPES as readonly string[]).includes(p.frequencyType))
          throw Errors.invalidEnum(`${pf}.frequencyType`, p.frequencyType, FREQUENCY_TYPES);
        const ft = p.frequencyType as FrequencyType;
        const kept = typeof p.id === 'string' ? old.find((o) => o.id === p.id) : undefined;
        if (ft === 'ondemand') return { id: kept?.id ?? nextId(state, 'copyItem'), frequencyType: ft };
        if (p.retentionUnit === undefined || p.retentionValue === undefined)
          throw Errors.missingAttribute(`${pf}.${p.retentionUnit === undefined ? 'retentionUnit' : 'retentionValue'}`);
        if (typeof p.retentionUnit !== 'string' || !(RETENTION_UNITS as readonly string[]).includes(p.retentionUnit))
          throw Errors.invalidEnum(`${pf}.retentionUnit`, p.retentionUnit, RETENTION_UNITS);
        if (!isInt(p.retentionValue) || p.retentionValue <= 0)
          throw Errors.validation(`${pf}.retentionValue`, 'must be a positive integer');
        return {
          id: kept?.id ?? nextId(state, 'copyItem'),
          frequencyType: ft,
          retentionUnit: p.retentionUnit as RetentionUnit,
          retentionValue: p.retentionValue,
        };
      });
    }
    if (r.lastNumberOfSnapshots !== undefined && r.lastNumberOfSnapshots !== null) {
      if (!isInt(r.lastNumberOfSnapshots) || r.lastNumberOfSnapshots < 1 || r.lastNumberOfSnapshots > 500)
        throw Errors.validation(`${f}.lastNumberOfSnapshots`, 'must be an integer between 1 and 500');
      out.lastNumberOfSnapshots = r.lastNumberOfSnapshots;
    }
    return out;
  });
}

function bool(body: Obj, k: string): boolean | undefined {
  const v = body[k];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw jsonAttr(k, 'must be a boolean');
  return v;
}

export interface PatchResult {
  next: Schedule;
  updateSnapshots: boolean;
}

/**
 * Applies a PATCH body to the current schedule. Only the fields sent change (`policies` is
 * required); read-only fields (clusterId, clusterName, links, nextSnapshot) are ignored; unknown
 * fields are refused as Atlas refuses unknown attributes.
 */
export function patchSchedule(
  body: unknown,
  c: Cluster,
  current: Schedule,
  version: string,
  state: SimState,
): PatchResult {
  if (body === undefined) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  if (!isObj(body)) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
  const known = version >= '2024-08-05' ? FIELDS_2024 : FIELDS_2023;
  const unknown = Object.keys(body).find((k) => !known.has(k));
  if (unknown)
    throw new SimApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${unknown} specified.`, {
      parameters: [unknown],
      fields: [{ field: unknown, description: 'is not a field of this schedule version' }],
    });

  const next: Schedule = {
    ...current,
    items: current.items,
    copySettings: current.copySettings,
    extraRetentionSettings: current.extraRetentionSettings,
  };

  // policies (required by the spec even on PATCH)
  if (body.policies === undefined || body.policies === null) throw Errors.missingAttribute('policies');
  if (!Array.isArray(body.policies)) throw jsonAttr('policies', 'must be an array');
  if (body.policies.length !== 1)
    throw new SimApiError(400, 'INVALID_NUM_OF_POLICIES', 'Must have exactly one policy.');
  const policy: unknown = body.policies[0];
  if (!isObj(policy)) throw jsonAttr('policies[0]', 'must be an object');
  if (policy.id !== undefined && policy.id !== null && policy.id !== current.policyId) {
    const id = typeof policy.id === 'string' ? policy.id : JSON.stringify(policy.id);
    throw new SimApiError(400, 'INVALID_POLICY_ID', `The policy id ${id} is invalid.`, {
      parameters: [id],
      fields: [{ field: 'policies[0].id', description: `this cluster's policy is ${current.policyId}` }],
    });
  }
  next.items = parseItems(policy.policyItems, current, c, state);

  // reference time: both or neither, UTC hour 0-23, minute 0-59
  const hasH = body.referenceHourOfDay !== undefined && body.referenceHourOfDay !== null;
  const hasM = body.referenceMinuteOfHour !== undefined && body.referenceMinuteOfHour !== null;
  if (hasH !== hasM) {
    throw new SimApiError(
      400,
      'INVALID_REFERENCE_TIME_OF_DAY_MISSING_FIELDS',
      'To specify snapshot schedule reference time of day, both the hour and minute must be specified.',
      {
        fields: [
          {
            field: hasH ? 'referenceMinuteOfHour' : 'referenceHourOfDay',
            description: 'must be specified together with the other',
          },
        ],
      },
    );
  }
  if (hasH) {
    if (!isInt(body.referenceHourOfDay) || body.referenceHourOfDay < 0 || body.referenceHourOfDay > 23) {
      throw new SimApiError(
        400,
        'INVALID_REFERENCE_HOUR_OF_DAY',
        'Snapshot schedule reference hour must be between 0 and 23, inclusive.',
        { fields: [{ field: 'referenceHourOfDay', description: 'must be 0-23' }] },
      );
    }
    if (!isInt(body.referenceMinuteOfHour) || body.referenceMinuteOfHour < 0 || body.referenceMinuteOfHour > 59) {
      throw new SimApiError(
        400,
        'INVALID_REFERENCE_MINUTE_OF_HOUR',
        'Snapshot schedule reference minute must be between 0 and 59, inclusive.',
        { fields: [{ field: 'referenceMinuteOfHour', description: 'must be 0-59' }] },
      );
    }
    next.referenceHourOfDay = body.referenceHourOfDay;
    next.referenceMinuteOfHour = body.referenceMinuteOfHour;
  }

  if (body.restoreWindowDays !== undefined && body.restoreWindowDays !== null) {
    if (!isInt(body.restoreWindowDays) || body.restoreWindowDays <= 0) {
      throw new SimApiError(400, 'INVALID_RESTORE_WINDOW', 'The restore window days should be a positive number.', {
        fields: [{ field: 'restoreWindowDays', description: 'must be a positive integer' }],
      });
    }
    next.restoreWindowDays = body.restoreWindowDays;
  }
  if (c.pitEnabled) {
    const hourly = next.items.find((x) => x.frequencyType === 'hourly');
    if (!hourly)
      throw invalidPolicy(
        'policies[0].policyItems',
        'must include an hourly item while Continuous Cloud Backup (pitEnabled) is on',
      );
    const window = next.restoreWindowDays;
    if (window !== undefined && window > retentionDays(hourly.retentionUnit, hourly.retentionValue)) {
      throw new SimApiError(
        400,
        'INVALID_RESTORE_WINDOW',
        `The restore window (${window} days) can't exceed the hourly snapshot retention time (${hourly.retentionValue} ${hourly.retentionUnit}).`,
        {
          fields: [{ field: 'restoreWindowDays', description: 'must not exceed the hourly retention' }],
        },
      );
    }
  }

  for (const k of [
    'autoExportEnabled',
    'useOrgAndGroupNamesInExportPrefix',
    'autoCopySettingsEnabled',
    'copyPolicyItemsEnabled',
  ] as const) {
    const v = bool(body, k);
    if (v !== undefined) next[k] = v;
  }
  const updateSnapshots = bool(body, 'updateSnapshots') ?? false;
  for (const k of ['updateCopySnapshots', 'deleteSnapshots', 'deleteCopySnapshots']) bool(body, k);
  if (body.deleteCopySnapshots === true && !next.copyPolicyItemsEnabled)
    throw Errors.validation('deleteCopySnapshots', 'requires copyPolicyItemsEnabled to be true');
  if (
    body.deleteCopiedBackups !== undefined &&
    body.deleteCopiedBackups !== null &&
    !Array.isArray(body.deleteCopiedBackups)
  )
    throw jsonAttr('deleteCopiedBackups', 'must be an array');

  if (body.copySettings !== undefined && body.copySettings !== null)
    next.copySettings = parseCopySettings(body.copySettings, c, version, next.copyPolicyItemsEnabled, current, state);

  if (body.export !== undefined && body.export !== null) {
    if (!isObj(body.export)) throw jsonAttr('export', 'must be an object');
    const e = body.export;
    if (e.exportBucketId !== undefined && (typeof e.exportBucketId !== 'string' || !HEX24.test(e.exportBucketId)))
      throw jsonAttr('export.exportBucketId', 'must be a 24-hexadecimal id');
    if (
      e.frequencyType !== undefined &&
      (typeof e.frequencyType !== 'string' || !['monthly', 'yearly'].includes(e.frequencyType))
    )
      throw Errors.invalidEnum('export.frequencyType', e.frequencyType, ['monthly', 'yearly']);
    next.export = {
      exportBucketId: e.exportBucketId,
      frequencyType: e.frequencyType,
    };
  }
  if (next.autoExportEnabled) {
    if (!next.export?.exportBucketId) throw Errors.missingAttribute('export.exportBucketId');
    if (!next.export.frequencyType) throw Errors.missingAttribute('export.frequencyType');
  }

  if (body.extraRetentionSettings !== undefined && body.extraRetentionSettings !== null) {
    if (!Array.isArray(body.extraRetentionSettings)) throw jsonAttr('extraRetentionSettings', 'must be an array');
    next.extraRetentionSettings = body.extraRetentionSettings.map((r, i) => {
      const f = `extraRetentionSettings[${i}]`;
      if (!isObj(r)) throw jsonAttr(f, 'must be an object');
      if (typeof r.frequencyType !== 'string' || !(COPY_FREQUENCIES as readonly string[]).includes(r.frequencyType))
        throw Errors.invalidEnum(`${f}.frequencyType`, r.frequencyType, COPY_FREQUENCIES);
      if (!isInt(r.retentionDays) || r.retentionDays <= 0)
        throw Errors.validation(`${f}.retentionDays`, 'must be a positive integer');
      return { frequencyType: r.frequencyType, retentionDays: r.retentionDays };
    });
  }
  return { next, updateSnapshots };
}
