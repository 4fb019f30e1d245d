// The schedule editor's view-model and its edits, vscode-free. The document text is the truth: `formModel` derives
// what the form shows (fields with the values the document holds, the choices Atlas allows, every problem on the
// field it is about), and `intentEdits` turns what the person did in the form into minimal jsonc edits of that text,
// so comments, formatting and undo survive. The webview only renders this and posts intents back.
import { checkSchedule } from './checkSchedule';
import { applyEdits, getNodeValue } from './jsonc';
import {
  allowedIntervals,
  asDuration,
  FREQUENCY_TYPES,
  frequencyRank,
  isShorter,
  RETENTION_UNITS,
  SCHEDULED_TYPES,
  smallestNotShorter,
  type RetentionUnit,
} from './retention';
import { bool, int, prop, ScheduleDocument, str, type ItemView } from './scheduleDocument';
import { convertFrequenciesFix } from './rules/copyFrequencies';
import { describeItem, describeRetention, intervalInWords, plural, referenceTimeLabels } from './describeSchedule';
import { picture, type Picture } from './estimates';
import { activePolicy, requirements } from './rules/compliance';
import { FIELD_LABELS } from './formWords';
import { problemWords } from './problemWords';
import type { JsonPath, Problem, ScheduleContext, Severity, TextEdit } from './types';

export interface ProblemView {
  /** Index into the problems of the document version the model was built from (a fix names it). */
  id: number;
  ruleId: string;
  severity: Severity;
  message: string;
  docs: string;
  fixes: string[];
}

export interface Choice {
  value: string | number;
  label: string;
  allowed: boolean;
}

export interface Field {
  path: JsonPath;
  /** `policies[0].policyItems[1].frequencyInterval`: the DOM key and the problems' address. */
  key: string;
  kind: 'number' | 'text' | 'choice' | 'boolean';
  /** The value when the document holds one of the field's type. */
  value?: string | number | boolean;
  present: boolean;
  /** What the document holds, as text, when it is not of the field's type ("\"six\"", "null"). */
  odd?: string;
  choices?: Choice[];
  /** Words beside the field: "every 6 hours", "Compliance policy: at least 7 days". */
  hint?: string;
  problems: ProblemView[];
}

export interface Group {
  key: string;
  path: JsonPath;
  problems: ProblemView[];
}

export interface ItemRow extends Group {
  index: number;
  id?: string;
  frequencyType: Field;
  frequencyInterval: Field;
  retentionValue: Field;
  retentionUnit: Field;
  /** "every 6 hours, kept 2 days" */
  summary?: string;
  compliance?: string;
}

/** What a copy setting copies: the last N snapshots, per copy policy item, or the deprecated frequencies. */
export type CopyMode = 'last' | 'items' | 'frequencies';

export interface CopyItemRow extends Group {
  index: number;
  frequencyType: Field;
  /** Absent for an on-demand item, which has no retention of its own. */
  retentionValue?: Field;
  retentionUnit?: Field;
}

export interface CopyRow extends Group {
  index: number;
  zoneId: Field;
  cloudProvider: Field;
  regionName: Field;
  shouldCopyOplogs: Field;
  lastNumberOfSnapshots: Field;
  /** The mode the document holds (the first, when it holds several: the rules say so). */
  mode?: CopyMode;
  /** The modes the form offers: "frequencies" only while the document holds them (deprecated). */
  modes: { value: CopyMode; label: string }[];
  /** The copy policy items, when the mode is "items". */
  items: CopyItemRow[];
  /** Types a new copy policy item may take; those the setting already copies are marked not allowed. */
  addableItems: Choice[];
  /** Deprecated frequencies, summarised (their quick fix converts them to copy policy items). */
  copies?: string;
}

export interface ExtraRow extends Group {
  index: number;
  frequencyType: Field;
  retentionDays: Field;
}

export interface FormModel {
  /** The document is a JSON object (else the form shows only the problems and "Open as JSON"). */
  ok: boolean;
  target?: { groupId: string; clusterName: string };
  cluster: { known: boolean; nvme?: boolean; pitEnabled?: boolean };
  /** Problems no field of the form shows (syntax, unknown fields, whole-document ones). */
  general: ProblemView[];
  counts: { error: number; warning: number; info: number };
  reference: { hour: Field; minute: Field; utc?: string; local?: string; timeZone: string };
  restoreWindow: Field & { shown: boolean };
  items: Group & { rows: ItemRow[]; addable: Choice[] };
  updateSnapshots: Field;
  exportGroup: Group & { enabled: Field; bucket: Field; frequency: Field; orgAndGroupNames: Field };
  copies: Group & { rows: CopyRow[]; policyItemsEnabled: Field; zones: Choice[] };
  extra: Group & { rows: ExtraRow[] };
  compliance?: string[];
  picture: Picture;
}

export interface FormOptions {
  now: number;
  timeZone?: string;
  problems?: Problem[];
}

const COPY_FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'];
/** `DiskBackupCopyPolicyItem.frequencyType`. */
export const COPY_ITEM_TYPES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly', 'ondemand'] as const;
const COPY_MODE_LABELS: Record<CopyMode, string> = {
  last: 'the last snapshots',
  items: 'snapshots of these policy items',
  frequencies: 'by frequency (deprecated)',
};
const PROVIDERS = ['AWS', 'AZURE', 'GCP'];

export function pathKey(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

/** "acme-atlas-exports (AWS)"; a name two buckets share also shows the id, so the choice stays unambiguous. */
function bucketChoices(buckets: NonNullable<ScheduleContext['exportBuckets']>): Choice[] {
  return buckets.map((b) => ({
    value: b.id,
    label:
      buckets.filter((o) => o.bucketName === b.bucketName).length > 1
        ? `${b.bucketName} (${b.cloudProvider}, ${b.id})`
        : `${b.bucketName} (${b.cloudProvider})`,
    allowed: true,
  }));
}

function oddText(v: unknown): string {
  if (v === undefined) return '';
  const t = JSON.stringify(v);
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** Builds the view-model of `text`. `problems` defaults to the rule engine's (the same the Problems panel shows). */
export function formModel(text: string, ctx: ScheduleContext = {}, opts: FormOptions): FormModel {
  const doc = new ScheduleDocument(text);
  const problems = opts.problems ?? checkSchedule(text, ctx);
  const obj = doc.object;
  const registry = new Map<string, { problems: ProblemView[] }>();

  const field = (path: JsonPath, kind: Field['kind'], extra: Partial<Field> = {}): Field => {
    const key = pathKey(path);
    const node = obj ? nodeAt(doc, path) : undefined;
    const raw = node ? (getNodeValue(node) as unknown) : undefined;
    let value: Field['value'];
    if (kind === 'number' && typeof raw === 'number' && Number.isFinite(raw)) value = raw;
    else if (kind === 'boolean' && typeof raw === 'boolean') value = raw;
    else if (
      (kind === 'text' || kind === 'choice') &&
      (typeof raw === 'string' || (kind === 'choice' && typeof raw === 'number'))
    )
      value = raw;
    const f: Field = { path, key, kind, present: node !== undefined, problems: [], ...extra };
    if (value !== undefined) f.value = value;
    else if (node) f.odd = oddText(raw);
    if (f.choices && value !== undefined && typeof value !== 'boolean' && !f.choices.some((c) => c.value === value)) {
      // The document may hold anything: offer what it holds, marked, instead of hiding it.
      f.choices = [...f.choices, { value, label: `${String(value)} (not allowed)`, allowed: false }];
    }
    registry.set(key, f);
    return f;
  };
  const group = <T extends object>(path: JsonPath, rest: T): Group & T => {
    const g = { key: pathKey(path), path, problems: [] as ProblemView[], ...rest };
    registry.set(g.key, g);
    return g;
  };

  const nvme = ctx.nvme === true;
  const hour = int(prop(obj, 'referenceHourOfDay'));
  const minute = int(prop(obj, 'referenceMinuteOfHour'));
  const timeZone = opts.timeZone ?? 'UTC';
  const refLabels = referenceTimeLabels({ hour: hour ?? 0, minute: minute ?? 0 }, timeZone, opts.now);
  const reference = {
    hour: field(['referenceHourOfDay'], 'number'),
    minute: field(['referenceMinuteOfHour'], 'number'),
    ...(hour !== undefined || minute !== undefined ? refLabels : {}),
    timeZone,
  };

  const policy = activePolicy(ctx);
  const reqs = policy ? requirements(policy) : [];
  const hasRestoreWindow = prop(obj, 'restoreWindowDays') !== undefined;
  const restoreHint =
    typeof policy?.restoreWindowDays === 'number'
      ? `Compliance policy: at least ${plural(policy.restoreWindowDays, 'day')}`
      : undefined;
  const restoreWindow = {
    ...field(['restoreWindowDays'], 'number', restoreHint ? { hint: restoreHint } : {}),
    shown: ctx.pitEnabled === true || hasRestoreWindow,
  };
  registry.set(restoreWindow.key, restoreWindow);

  const rows: ItemRow[] = doc.items.map((it) => itemRow(it));
  function itemRow(it: ItemView): ItemRow {
    const p = it.path;
    const type = it.frequencyType;
    const allowed = type ? allowedIntervals(type, nvme) : undefined;
    const req = reqs.filter((r) => r.type === type);
    const compliance = req.length
      ? `Compliance policy: ${req.map((r) => r.text.replace(/^a \w+ item/, type ?? '')).join('; ')}`
      : undefined;
    const words = intervalInWords(type, it.frequencyInterval);
    const g = group(p, {
      index: it.index,
      ...(it.id ? { id: it.id } : {}),
      frequencyType: field([...p, 'frequencyType'], 'choice', {
        choices: SCHEDULED_TYPES.map((t) => ({ value: t, label: t, allowed: true })),
      }),
      frequencyInterval: field([...p, 'frequencyInterval'], 'choice', {
        choices: (allowed ?? []).map((v) => ({
          value: v,
          label: intervalInWords(type, v) ?? String(v),
          allowed: true,
        })),
        // The choice's label already says it in words; the hint is for a value the list does not offer.
        ...(words && !allowed?.includes(it.frequencyInterval ?? NaN) ? { hint: words } : {}),
      }),
      retentionValue: field([...p, 'retentionValue'], 'number', compliance ? { hint: compliance } : {}),
      retentionUnit: field([...p, 'retentionUnit'], 'choice', {
        choices: RETENTION_UNITS.map((u) => ({ value: u, label: u, allowed: true })),
      }),
      ...(words && it.retentionValue !== undefined && it.retentionUnit ? { summary: describeItem(it) } : {}),
      ...(compliance ? { compliance } : {}),
    });
    return g;
  }
  const present = new Set(doc.items.map((i) => i.frequencyType));
  const items = group(['policies', 0, 'policyItems'], {
    rows,
    // One item per frequency type (duplicate-frequency): the types already present are offered as not allowed.
    addable: SCHEDULED_TYPES.map((t) => ({ value: t, label: t, allowed: !present.has(t) })),
  });
  registry.set(pathKey(['policies']), items);
  registry.set(pathKey(['policies', 0]), items);

  const updateSnapshots = field(['updateSnapshots'], 'boolean');

  const exportGroup = group(['export'], {
    enabled: field(['autoExportEnabled'], 'boolean'),
    // Picked by name among the project's buckets when they are known; the id the document holds otherwise.
    bucket: ctx.exportBuckets
      ? field(['export', 'exportBucketId'], 'choice', { choices: bucketChoices(ctx.exportBuckets) })
      : field(['export', 'exportBucketId'], 'text'),
    frequency: field(['export', 'frequencyType'], 'choice', {
      choices: ['monthly', 'yearly'].map((v) => ({ value: v, label: v, allowed: true })),
    }),
    orgAndGroupNames: field(['useOrgAndGroupNamesInExportPrefix'], 'boolean'),
  });

  const zones: Choice[] = (ctx.zones ?? []).map((z) => ({
    value: z.zoneId,
    label: z.zoneName ? `${z.zoneName} (${z.zoneId})` : z.zoneId,
    allowed: true,
  }));
  const copyRows: CopyRow[] = doc.elements('copySettings').map(({ node, path }) => {
    const i = path[1] as number;
    const freqs = prop(node, 'frequencies'),
      cpi = prop(node, 'copyPolicyItems');
    const mode = copyMode(node);
    const freqList = freqs?.type === 'array' ? (freqs.children ?? []).map((c) => String(getNodeValue(c))) : [];
    const itemRows: CopyItemRow[] =
      cpi?.type === 'array'
        ? (cpi.children ?? []).map((c, j) => {
            const ip: JsonPath = [...path, 'copyPolicyItems', j];
            const type = c.type === 'object' ? str(prop(c, 'frequencyType')) : undefined;
            const kept = type ? doc.items.find((it) => it.frequencyType === type) : undefined;
            const hint =
              kept?.retentionValue !== undefined && kept.retentionUnit
                ? `originals kept ${describeRetention(kept.retentionValue, kept.retentionUnit)}`
                : undefined;
            const timeBased = type !== 'ondemand';
            return group(ip, {
              index: j,
              frequencyType: field([...ip, 'frequencyType'], 'choice', {
                choices: COPY_ITEM_TYPES.map((t) => ({
                  value: t,
                  label: t === 'ondemand' ? 'on-demand' : t,
                  allowed: true,
                })),
              }),
              ...(timeBased
                ? {
                    retentionValue: field([...ip, 'retentionValue'], 'number', hint ? { hint } : {}),
                    retentionUnit: field([...ip, 'retentionUnit'], 'choice', {
                      choices: RETENTION_UNITS.map((u) => ({ value: u, label: u, allowed: true })),
                    }),
                  }
                : {}),
            });
          })
        : [];
    const copied = new Set(itemRows.map((r) => r.frequencyType.value));
    const modes = (['last', 'items', ...(freqs ? (['frequencies'] as const) : [])] as CopyMode[]).map((v) => ({
      value: v,
      label: COPY_MODE_LABELS[v],
    }));
    return group(path, {
      index: i,
      zoneId: field([...path, 'zoneId'], 'choice', { choices: zones }),
      cloudProvider: field([...path, 'cloudProvider'], 'choice', {
        choices: PROVIDERS.map((v) => ({ value: v, label: v, allowed: true })),
      }),
      regionName: field([...path, 'regionName'], 'text'),
      shouldCopyOplogs: field([...path, 'shouldCopyOplogs'], 'boolean'),
      lastNumberOfSnapshots: field([...path, 'lastNumberOfSnapshots'], 'number'),
      ...(mode ? { mode } : {}),
      modes,
      items: itemRows,
      addableItems: COPY_ITEM_TYPES.map((t) => ({
        value: t,
        label: t === 'ondemand' ? 'on-demand' : t,
        allowed: !copied.has(t),
      })),
      ...(freqs ? { copies: `copies ${freqList.join(', ') || 'no'} snapshots` } : {}),
    });
  });
  const copies = group(['copySettings'], {
    rows: copyRows,
    policyItemsEnabled: field(['copyPolicyItemsEnabled'], 'boolean'),
    zones,
  });
  registry.set('autoCopySettingsEnabled', copies);

  const extraRows: ExtraRow[] = doc.elements('extraRetentionSettings').map(({ path }) =>
    group(path, {
      index: path[1] as number,
      frequencyType: field([...path, 'frequencyType'], 'choice', {
        choices: COPY_FREQUENCIES.map((v) => ({ value: v, label: v.toLowerCase().replace('_', '-'), allowed: true })),
      }),
      retentionDays: field([...path, 'retentionDays'], 'number'),
    }),
  );
  const extra = group(['extraRetentionSettings'], { rows: extraRows });

  // Each problem goes to the deepest field or group whose path is a prefix of the problem's path.
  const general: ProblemView[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  problems.forEach((p, id) => {
    // In the form's words: beside a field its label ("Keep is -5"), not the JSON path the Problems panel shows.
    const view = (label?: string): ProblemView => ({
      id,
      ruleId: p.ruleId,
      severity: p.severity,
      message: problemWords(p.message, { at: p.path, label }),
      docs: p.docs,
      fixes: (p.fixes ?? []).map((f) => problemWords(f.title)),
    });
    counts[p.severity]++;
    for (let n = p.path.length; n > 0; n--) {
      const target = registry.get(pathKey(p.path.slice(0, n)));
      if (target) {
        const last = 'kind' in target && n === p.path.length ? p.path[n - 1] : undefined;
        target.problems.push(view(typeof last === 'string' ? FIELD_LABELS[last] : undefined));
        return;
      }
    }
    general.push(view());
  });

  const compliance = policy
    ? [
        ...reqs.map((r) => `Requires ${r.text}.`),
        ...(typeof policy.restoreWindowDays === 'number'
          ? [`Requires a restore window of at least ${plural(policy.restoreWindowDays, 'day')}.`]
          : []),
        ...(policy.pitEnabled ? ['Requires continuous backup (point-in-time restore).'] : []),
      ]
    : undefined;

  const model: FormModel = {
    ok: obj !== undefined,
    cluster: {
      known: ctx.nvme !== undefined || ctx.pitEnabled !== undefined,
      ...(ctx.nvme !== undefined ? { nvme } : {}),
      ...(ctx.pitEnabled !== undefined ? { pitEnabled: ctx.pitEnabled } : {}),
    },
    general,
    counts,
    reference,
    restoreWindow,
    items,
    updateSnapshots,
    exportGroup,
    copies,
    extra,
    picture: picture(
      doc.items.map((it) => ({ index: it.index, item: it })),
      { hour: hour ?? 0, minute: minute ?? 0 },
      opts.now,
      { timeZone },
    ),
  };
  const atlas = prop(obj, 'atlas');
  const groupId = str(prop(atlas, 'groupId')),
    clusterName = str(prop(atlas, 'clusterName'));
  if (groupId && clusterName) model.target = { groupId, clusterName };
  if (compliance) model.compliance = compliance;
  return model;
}

type JsonNode = NonNullable<ScheduleDocument['object']>;

/** The mode a copy setting's document holds: copy policy items first, then frequencies, then the last N. */
function copyMode(node: JsonNode): CopyMode | undefined {
  if (prop(node, 'copyPolicyItems')) return 'items';
  if (prop(node, 'frequencies')) return 'frequencies';
  if (prop(node, 'lastNumberOfSnapshots')) return 'last';
  return undefined;
}

/**
 * A new copy policy item of `type`: copies kept as long as the cluster keeps the originals (its policy item of that
 * type), else the defaults of a new policy item; an on-demand item has no retention.
 */
export function newCopyItem(doc: ScheduleDocument, type: string, ctx: ScheduleContext = {}): Record<string, unknown> {
  if (type === 'ondemand') return { frequencyType: type };
  const own = doc.items.find((i) => i.frequencyType === type);
  if (own?.retentionValue !== undefined && own.retentionUnit)
    return { frequencyType: type, retentionUnit: own.retentionUnit, retentionValue: own.retentionValue };
  const d = newItem(type, ctx);
  return { frequencyType: type, retentionUnit: d.retentionUnit, retentionValue: d.retentionValue };
}

function nodeAt(doc: ScheduleDocument, path: JsonPath) {
  let n = doc.object;
  for (const seg of path) {
    if (!n) return undefined;
    if (typeof seg === 'number') n = n.type === 'array' ? n.children?.[seg] : undefined;
    else n = prop(n, seg);
  }
  return n;
}

// ---- intents → edits ----

export type Scalar = string | number | boolean | null;

export type Intent =
  | { kind: 'set'; path: JsonPath; value: Scalar }
  | { kind: 'remove'; path: JsonPath }
  | { kind: 'setItemType'; index: number; frequencyType: string }
  | { kind: 'addItem'; frequencyType: string }
  | { kind: 'addCopySetting' }
  /** Switch what copy setting `index` copies; the fields of the other modes are removed. */
  | { kind: 'setCopyMode'; index: number; mode: 'last' | 'items' }
  | { kind: 'addCopyItem'; index: number; frequencyType: string }
  /** A copy policy item's type; retention added or removed as the type needs (on-demand has none). */
  | { kind: 'setCopyItemType'; index: number; item: number; frequencyType: string }
  | { kind: 'addExtraRetention' }
  | { kind: 'fix'; problem: number; fix: number };

/** Top-level members the form may edit; anything else is refused (the webview is not trusted with arbitrary paths). */
export const EDITABLE_ROOTS = new Set([
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'policies',
  'updateSnapshots',
  'autoExportEnabled',
  'export',
  'useOrgAndGroupNamesInExportPrefix',
  'copyPolicyItemsEnabled',
  'autoCopySettingsEnabled',
  'copySettings',
  'extraRetentionSettings',
]);

/**
 * Defaults for a new item: the first allowed interval that makes sense, a common retention, raised to the compliance
 * minimum, and fitted between the items already there (`items`), so the new row is valid at once: at least as long as
 * every more frequent item keeps (a yearly item after a monthly one kept 24 months is kept 2 years), and no longer
 * than a less frequent one (retention-order).
 */
export function newItem(
  type: string,
  ctx: ScheduleContext = {},
  items: readonly ItemView[] = [],
): Record<string, unknown> {
  const interval: Record<string, number> = { hourly: ctx.nvme ? 12 : 6, daily: 1, weekly: 7, monthly: 40, yearly: 12 };
  const retention: Record<string, [number, RetentionUnit]> = {
    hourly: [2, 'days'],
    daily: [7, 'days'],
    weekly: [4, 'weeks'],
    monthly: [12, 'months'],
    yearly: [1, 'years'],
  };
  let [value, unit] = retention[type] ?? [7, 'days'];
  const policy = activePolicy(ctx);
  const req = policy ? requirements(policy).find((r) => r.type === type) : undefined;
  if (req) {
    value = req.retention.value;
    unit = req.retention.unit;
  }
  const rank = frequencyRank(type);
  const kept = items.flatMap((it) => {
    const r = frequencyRank(it.frequencyType),
      d = asDuration(it.retentionValue, it.retentionUnit);
    return r !== undefined && r !== rank && d && d.value >= 1 ? [{ r, d }] : [];
  });
  if (rank !== undefined) {
    // Shorter than a less frequent item allows: take that item's retention (unless the compliance policy asks more).
    for (const k of kept)
      if (!req && k.r > rank && isShorter(k.d, { value, unit })) [value, unit] = [k.d.value, k.d.unit];
    for (const k of kept) if (k.r < rank && isShorter({ value, unit }, k.d)) value = smallestNotShorter(unit, k.d);
  }
  return {
    frequencyType: type,
    frequencyInterval: req?.interval && !ctx.nvme ? req.interval : (interval[type] ?? 1),
    retentionUnit: unit,
    retentionValue: value,
  };
}

/**
 * The minimal edits for an intent, relative to `text`; [] when the intent does not apply (a stale index, a path the
 * form may not touch). Fixes need the problems the form was built from.
 */
export function intentEdits(text: string, intent: Intent, ctx: ScheduleContext = {}, problems?: Problem[]): TextEdit[] {
  const doc = new ScheduleDocument(text);
  switch (intent.kind) {
    case 'set':
      if (!EDITABLE_ROOTS.has(String(intent.path[0]))) return [];
      return doc.edit(intent.path, intent.value);
    case 'remove':
      if (!EDITABLE_ROOTS.has(String(intent.path[0])) || !nodeAt(doc, intent.path)) return [];
      return doc.edit(intent.path, undefined);
    case 'setItemType': {
      const item = doc.items.find((i) => i.index === intent.index);
      if (!item || !(FREQUENCY_TYPES as readonly string[]).includes(intent.frequencyType)) return [];
      // A new type keeps the interval when it is still allowed, else takes the new type's default.
      const allowed = allowedIntervals(intent.frequencyType, ctx.nvme === true) ?? [];
      const steps: [JsonPath, Scalar][] = [[[...item.path, 'frequencyType'], intent.frequencyType]];
      if (item.frequencyInterval === undefined || !allowed.includes(item.frequencyInterval)) {
        steps.push([
          [...item.path, 'frequencyInterval'],
          newItem(intent.frequencyType, ctx).frequencyInterval as number,
        ]);
      }
      return sequence(
        text,
        steps.map(
          ([p, v]) =>
            (t) =>
              new ScheduleDocument(t).edit(p, v),
        ),
      );
    }
    case 'addItem': {
      if (!(SCHEDULED_TYPES as readonly string[]).includes(intent.frequencyType)) return [];
      const item = newItem(intent.frequencyType, ctx, doc.items);
      if (doc.itemsNode)
        return doc.edit(['policies', 0, 'policyItems', doc.itemsNode.children?.length ?? 0], item, true);
      if (doc.policy) return doc.edit(['policies', 0, 'policyItems'], [item]);
      if (!doc.object) return [];
      return doc.edit(['policies'], [{ policyItems: [item] }]);
    }
    case 'addCopySetting': {
      const zone = ctx.zones?.[0];
      const setting = {
        zoneId: zone?.zoneId ?? '',
        cloudProvider: zone?.providers[0] ?? 'AWS',
        regionName: '',
        shouldCopyOplogs: false,
        lastNumberOfSnapshots: 1,
      };
      return appendTo(doc, 'copySettings', setting);
    }
    case 'setCopyMode': {
      const cs = doc.elements('copySettings').find((e) => e.path[1] === intent.index);
      if (!cs || (intent.mode !== 'last' && intent.mode !== 'items')) return [];
      const at = (k: string): JsonPath => [...cs.path, k];
      const has = (t: string, k: string): boolean => !!nodeAt(new ScheduleDocument(t), at(k));
      const drop =
        (k: string) =>
        (t: string): TextEdit[] =>
          has(t, k) ? new ScheduleDocument(t).edit(at(k), undefined) : [];
      if (intent.mode === 'last') {
        return sequence(text, [
          drop('copyPolicyItems'),
          drop('frequencies'),
          (t) => (has(t, 'lastNumberOfSnapshots') ? [] : new ScheduleDocument(t).edit(at('lastNumberOfSnapshots'), 1)),
        ]);
      }
      const freqs = prop(cs.node, 'frequencies');
      return sequence(text, [
        drop('lastNumberOfSnapshots'),
        // Deprecated frequencies become the copy policy items they meant (the rule's own conversion).
        (t) => {
          const d = new ScheduleDocument(t);
          const f =
            freqs && !prop(cs.node, 'copyPolicyItems')
              ? prop(d.elements('copySettings').find((e) => e.path[1] === intent.index)?.node, 'frequencies')
              : undefined;
          return f ? (convertFrequenciesFix(d, f)?.edits ?? []) : [];
        },
        drop('frequencies'),
        (t) => {
          const d = new ScheduleDocument(t);
          if (nodeAt(d, at('copyPolicyItems'))) return [];
          // Copy what the cluster takes, each kept as long as the original.
          const types = [
            ...new Set(
              d.items
                .map((i) => i.frequencyType)
                .filter((x): x is string => !!x && (COPY_ITEM_TYPES as readonly string[]).includes(x)),
            ),
          ];
          return d.edit(
            at('copyPolicyItems'),
            types.map((x) => newCopyItem(d, x, ctx)),
          );
        },
        (t) => {
          const d = new ScheduleDocument(t);
          return bool(prop(d.object, 'copyPolicyItemsEnabled')) === true
            ? []
            : d.edit(['copyPolicyItemsEnabled'], true);
        },
      ]);
    }
    case 'addCopyItem': {
      const cs = doc.elements('copySettings').find((e) => e.path[1] === intent.index);
      if (!cs || !(COPY_ITEM_TYPES as readonly string[]).includes(intent.frequencyType)) return [];
      const item = newCopyItem(doc, intent.frequencyType, ctx);
      const arr = prop(cs.node, 'copyPolicyItems');
      if (arr?.type === 'array')
        return doc.edit([...cs.path, 'copyPolicyItems', arr.children?.length ?? 0], item, true);
      return doc.edit([...cs.path, 'copyPolicyItems'], [item]);
    }
    case 'setCopyItemType': {
      const cs = doc.elements('copySettings').find((e) => e.path[1] === intent.index);
      const it = cs ? nodeAt(doc, [...cs.path, 'copyPolicyItems', intent.item]) : undefined;
      if (!cs || it?.type !== 'object' || !(COPY_ITEM_TYPES as readonly string[]).includes(intent.frequencyType))
        return [];
      const ip: JsonPath = [...cs.path, 'copyPolicyItems', intent.item];
      const steps: ((t: string) => TextEdit[])[] = [
        (t) => new ScheduleDocument(t).edit([...ip, 'frequencyType'], intent.frequencyType),
      ];
      if (intent.frequencyType === 'ondemand') {
        for (const k of ['retentionUnit', 'retentionValue'])
          steps.push((t) => {
            const d = new ScheduleDocument(t);
            return nodeAt(d, [...ip, k]) ? d.edit([...ip, k], undefined) : [];
          });
      } else if (!prop(it, 'retentionValue') || !prop(it, 'retentionUnit')) {
        const d = newCopyItem(doc, intent.frequencyType, ctx);
        for (const k of ['retentionUnit', 'retentionValue'])
          steps.push((t) => {
            const x = new ScheduleDocument(t);
            return nodeAt(x, [...ip, k]) ? [] : x.edit([...ip, k], d[k]);
          });
      }
      return sequence(text, steps);
    }
    case 'addExtraRetention':
      return appendTo(doc, 'extraRetentionSettings', { frequencyType: 'MONTHLY', retentionDays: 90 });
    case 'fix': {
      const list = problems ?? checkSchedule(text, ctx);
      return list[intent.problem]?.fixes?.[intent.fix]?.edits ?? [];
    }
  }
}

function appendTo(doc: ScheduleDocument, key: string, value: Record<string, unknown>): TextEdit[] {
  if (!doc.object) return [];
  const arr = prop(doc.object, key);
  if (arr?.type === 'array') return doc.edit([key, arr.children?.length ?? 0], value, true);
  return doc.edit([key], [value]);
}

/** Runs edit steps one after another and returns one edit from `text` to the result: the span that changed. */
export function sequence(text: string, steps: ((t: string) => TextEdit[])[]): TextEdit[] {
  let t = text;
  for (const step of steps) t = applyEdits(t, step(t));
  return t === text ? [] : [minimalEdit(text, t)];
}

/** One edit replacing only what differs between `a` and `b` (their common prefix and suffix are kept). */
export function minimalEdit(a: string, b: string): TextEdit {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { offset: start, length: a.length - start - end, content: b.slice(start, b.length - end) };
}
