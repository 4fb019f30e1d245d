// The schedule editor's view-model and its edits, vscode-free. The document text is the truth: `formModel` derives
// what the form shows (fields with the values the document holds, the choices Atlas allows, every problem on the
// field it is about), and `intentEdits` turns what the person did in the form into minimal jsonc edits of that text,
// so comments, formatting and undo survive. The webview only renders this and posts intents back.
import { checkSchedule } from './checkSchedule';
import { applyEdits, getNodeValue } from './jsonc';
import { allowedIntervals, FREQUENCY_TYPES, RETENTION_UNITS, SCHEDULED_TYPES } from './retention';
import { int, prop, ScheduleDocument, str, type ItemView } from './scheduleDocument';
import { intervalInWords, picture, referenceTimeLabels, retentionInWords, type Picture } from './estimates';
import { activePolicy, requirements } from './rules/compliance';
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

export interface Choice { value: string | number; label: string; allowed: boolean }

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

export interface Group { key: string; path: JsonPath; problems: ProblemView[] }

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

export interface CopyRow extends Group {
  index: number;
  zoneId: Field;
  cloudProvider: Field;
  regionName: Field;
  shouldCopyOplogs: Field;
  lastNumberOfSnapshots: Field;
  /** Frequencies or copy policy items, summarised (edited in JSON). */
  copies?: string;
}

export interface ExtraRow extends Group { index: number; frequencyType: Field; retentionDays: Field }

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

export interface FormOptions { now: number; timeZone?: string; problems?: Problem[] }

const COPY_FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'ON_DEMAND'];
const PROVIDERS = ['AWS', 'AZURE', 'GCP'];

export function pathKey(path: JsonPath): string {
  let s = '';
  for (const seg of path) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
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
    const raw = node ? getNodeValue(node) as unknown : undefined;
    let value: Field['value'];
    if (kind === 'number' && typeof raw === 'number' && Number.isFinite(raw)) value = raw;
    else if (kind === 'boolean' && typeof raw === 'boolean') value = raw;
    else if ((kind === 'text' || kind === 'choice') && (typeof raw === 'string' || (kind === 'choice' && typeof raw === 'number'))) value = raw;
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
  const restoreHint = typeof policy?.restoreWindowDays === 'number' ? `Compliance policy: at least ${policy.restoreWindowDays} days` : undefined;
  const restoreWindow = { ...field(['restoreWindowDays'], 'number', restoreHint ? { hint: restoreHint } : {}), shown: ctx.pitEnabled === true || hasRestoreWindow };
  registry.set(restoreWindow.key, restoreWindow);

  const rows: ItemRow[] = doc.items.map((it) => itemRow(it));
  function itemRow(it: ItemView): ItemRow {
    const p = it.path;
    const type = it.frequencyType;
    const allowed = type ? allowedIntervals(type, nvme) : undefined;
    const req = reqs.filter((r) => r.type === type);
    const compliance = req.length ? `Compliance policy: ${req.map((r) => r.text.replace(/^a \w+ item/, type ?? '')).join('; ')}` : undefined;
    const words = intervalInWords(type, it.frequencyInterval);
    const g = group(p, {
      index: it.index,
      ...(it.id ? { id: it.id } : {}),
      frequencyType: field([...p, 'frequencyType'], 'choice', { choices: SCHEDULED_TYPES.map((t) => ({ value: t, label: t, allowed: true })) }),
      frequencyInterval: field([...p, 'frequencyInterval'], 'choice', {
        choices: (allowed ?? []).map((v) => ({ value: v, label: intervalInWords(type, v) ?? String(v), allowed: true })),
        // The choice's label already says it in words; the hint is for a value the list does not offer.
        ...(words && !allowed?.includes(it.frequencyInterval ?? NaN) ? { hint: words } : {}),
      }),
      retentionValue: field([...p, 'retentionValue'], 'number', compliance ? { hint: compliance } : {}),
      retentionUnit: field([...p, 'retentionUnit'], 'choice', { choices: RETENTION_UNITS.map((u) => ({ value: u, label: u, allowed: true })) }),
      ...(words && it.retentionValue !== undefined && it.retentionUnit ? { summary: `${words}, kept ${retentionInWords(it.retentionValue, it.retentionUnit)}` } : {}),
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
    bucket: field(['export', 'exportBucketId'], 'text'),
    frequency: field(['export', 'frequencyType'], 'choice', { choices: ['monthly', 'yearly'].map((v) => ({ value: v, label: v, allowed: true })) }),
    orgAndGroupNames: field(['useOrgAndGroupNamesInExportPrefix'], 'boolean'),
  });

  const zones: Choice[] = (ctx.zones ?? []).map((z) => ({ value: z.zoneId, label: z.zoneName ? `${z.zoneName} (${z.zoneId})` : z.zoneId, allowed: true }));
  const copyRows: CopyRow[] = doc.elements('copySettings').map(({ node, path }) => {
    const i = path[1] as number;
    const freqs = prop(node, 'frequencies'), cpi = prop(node, 'copyPolicyItems');
    const list = (n: typeof freqs): string[] => (n?.type === 'array' ? (n.children ?? []).map((c) => (c.type === 'object' ? str(prop(c, 'frequencyType')) ?? '?' : String(getNodeValue(c)))) : []);
    const copies = cpi ? `copies ${list(cpi).join(', ') || 'no'} snapshots` : freqs ? `copies ${list(freqs).join(', ') || 'no'} snapshots (frequencies, deprecated)` : undefined;
    return group(path, {
      index: i,
      zoneId: field([...path, 'zoneId'], 'choice', { choices: zones }),
      cloudProvider: field([...path, 'cloudProvider'], 'choice', { choices: PROVIDERS.map((v) => ({ value: v, label: v, allowed: true })) }),
      regionName: field([...path, 'regionName'], 'text'),
      shouldCopyOplogs: field([...path, 'shouldCopyOplogs'], 'boolean'),
      lastNumberOfSnapshots: field([...path, 'lastNumberOfSnapshots'], 'number'),
      ...(copies ? { copies } : {}),
    });
  });
  const copies = group(['copySettings'], { rows: copyRows, policyItemsEnabled: field(['copyPolicyItemsEnabled'], 'boolean'), zones });
  registry.set('autoCopySettingsEnabled', copies);

  const extraRows: ExtraRow[] = doc.elements('extraRetentionSettings').map(({ path }) => group(path, {
    index: path[1] as number,
    frequencyType: field([...path, 'frequencyType'], 'choice', { choices: COPY_FREQUENCIES.map((v) => ({ value: v, label: v.toLowerCase().replace('_', '-'), allowed: true })) }),
    retentionDays: field([...path, 'retentionDays'], 'number'),
  }));
  const extra = group(['extraRetentionSettings'], { rows: extraRows });

  // Each problem goes to the deepest field or group whose path is a prefix of the problem's path.
  const general: ProblemView[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  problems.forEach((p, id) => {
    const view: ProblemView = { id, ruleId: p.ruleId, severity: p.severity, message: p.message, docs: p.docs, fixes: (p.fixes ?? []).map((f) => f.title) };
    counts[p.severity]++;
    for (let n = p.path.length; n > 0; n--) {
      const target = registry.get(pathKey(p.path.slice(0, n)));
      if (target) { target.problems.push(view); return; }
    }
    general.push(view);
  });

  const compliance = policy ? [
    ...reqs.map((r) => `Requires ${r.text}.`),
    ...(typeof policy.restoreWindowDays === 'number' ? [`Requires a restore window of at least ${policy.restoreWindowDays} days.`] : []),
    ...(policy.pitEnabled ? ['Requires continuous backup (point-in-time restore).'] : []),
  ] : undefined;

  const model: FormModel = {
    ok: obj !== undefined,
    cluster: { known: ctx.nvme !== undefined || ctx.pitEnabled !== undefined, ...(ctx.nvme !== undefined ? { nvme } : {}), ...(ctx.pitEnabled !== undefined ? { pitEnabled: ctx.pitEnabled } : {}) },
    general, counts, reference, restoreWindow, items, updateSnapshots, exportGroup, copies, extra,
    picture: picture(doc.items.map((it) => ({ index: it.index, item: it })), { hour: hour ?? 0, minute: minute ?? 0 }, opts.now, { timeZone }),
  };
  const atlas = prop(obj, 'atlas');
  const groupId = str(prop(atlas, 'groupId')), clusterName = str(prop(atlas, 'clusterName'));
  if (groupId && clusterName) model.target = { groupId, clusterName };
  if (compliance) model.compliance = compliance;
  return model;
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
  | { kind: 'addExtraRetention' }
  | { kind: 'fix'; problem: number; fix: number };

/** Top-level members the form may edit; anything else is refused (the webview is not trusted with arbitrary paths). */
export const EDITABLE_ROOTS = new Set(['referenceHourOfDay', 'referenceMinuteOfHour', 'restoreWindowDays', 'policies', 'updateSnapshots',
  'autoExportEnabled', 'export', 'useOrgAndGroupNamesInExportPrefix', 'copyPolicyItemsEnabled', 'autoCopySettingsEnabled', 'copySettings', 'extraRetentionSettings']);

/** Defaults for a new item: the first allowed interval that makes sense, a common retention, raised to the compliance minimum. */
export function newItem(type: string, ctx: ScheduleContext = {}): Record<string, unknown> {
  const interval: Record<string, number> = { hourly: ctx.nvme ? 12 : 6, daily: 1, weekly: 7, monthly: 40, yearly: 12 };
  const retention: Record<string, [number, string]> = { hourly: [2, 'days'], daily: [7, 'days'], weekly: [4, 'weeks'], monthly: [12, 'months'], yearly: [1, 'years'] };
  let [value, unit] = retention[type] ?? [7, 'days'];
  const policy = activePolicy(ctx);
  const req = policy ? requirements(policy).find((r) => r.type === type) : undefined;
  if (req) { value = req.retention.value; unit = req.retention.unit; }
  return { frequencyType: type, frequencyInterval: req?.interval && !ctx.nvme ? req.interval : interval[type] ?? 1, retentionUnit: unit, retentionValue: value };
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
        steps.push([[...item.path, 'frequencyInterval'], newItem(intent.frequencyType, ctx).frequencyInterval as number]);
      }
      return sequence(text, steps.map(([p, v]) => (t) => new ScheduleDocument(t).edit(p, v)));
    }
    case 'addItem': {
      if (!(SCHEDULED_TYPES as readonly string[]).includes(intent.frequencyType)) return [];
      const item = newItem(intent.frequencyType, ctx);
      if (doc.itemsNode) return doc.edit(['policies', 0, 'policyItems', doc.itemsNode.children?.length ?? 0], item, true);
      if (doc.policy) return doc.edit(['policies', 0, 'policyItems'], [item]);
      if (!doc.object) return [];
      return doc.edit(['policies'], [{ policyItems: [item] }]);
    }
    case 'addCopySetting': {
      const zone = ctx.zones?.[0];
      const setting = { zoneId: zone?.zoneId ?? '', cloudProvider: zone?.providers[0] ?? 'AWS', regionName: '', shouldCopyOplogs: false, lastNumberOfSnapshots: 1 };
      return appendTo(doc, 'copySettings', setting);
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

