// @entry — the Backup Compliance Policy form (browser, iife; built to dist/webview/compliancePolicy.js).
// The inputs are drawn once from `init` and keep their focus; each change posts the values, and the extension's
// `view` (src/core/compliance/policyForm.ts) fills the problems beside the fields and the dry run below them. Text
// from Atlas and from the person is set with textContent or as attribute values, never parsed as HTML.
import '../scheduleEditor/scheduleEditor.css';
import './compliancePolicy.css';
import { h } from '../common/dom';
import type {
  ClusterView,
  DryRunView,
  FormProblem,
  PolicyFormValues,
  PolicyFormView,
} from '../../core/compliance/policyForm';
import type { ToComplianceExtension, ToComplianceWebview } from './protocol';

interface VsCodeApi {
  postMessage(msg: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const post = (m: ToComplianceExtension): void => vscode.postMessage(m);

const UNITS = ['days', 'weeks', 'months', 'years'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The intervals each frequency offers, with their words (Atlas ignores non-hourly ones, but the form keeps them). */
const INTERVALS: Record<string, [string, string][]> = {
  hourly: [1, 2, 4, 6, 8, 12].map((n) => [String(n), n === 1 ? 'every hour' : `every ${n} hours`]),
  daily: [['1', 'every day']],
  weekly: WEEKDAYS.map((d, i) => [String(i + 1), `every ${d}`]),
  monthly: [
    ...Array.from({ length: 28 }, (_, i): [string, string] => [String(i + 1), `on day ${i + 1}`]),
    ['40', 'on the last day'],
  ],
  yearly: MONTHS.map((m, i) => [String(i + 1), `on 1 ${m}`]),
};
const TYPE_NAME: Record<string, string> = {
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
  yearly: 'Yearly',
};

let values: PolicyFormValues | undefined;
let projectName = '';
let editing = false;
let version = 0;
let lastView: PolicyFormView | undefined;
/** The person's choice about the schedules; undefined until they make it (no silent default). */
let overwrite: boolean | undefined;
let busy = false;

const root = document.getElementById('root')!;
/** The problem list under each field, by the form's key. */
const problemSlots = new Map<string, HTMLUListElement>();
const controls = new Map<string, HTMLInputElement | HTMLSelectElement>();
const title = h('h1');
const status = h('span', { class: 'status', role: 'status', 'data-testid': 'status' });
const dryRunBox = h('section', { class: 'dry-run', 'data-testid': 'dry-run', 'aria-label': 'Dry run' });
const applyButton = h('button', { 'data-testid': 'apply', disabled: true }, 'Set Policy…');
const applyNote = h('p', { class: 'hint', 'data-testid': 'apply-note', 'aria-live': 'polite' });
const progress = h('p', { class: 'progress', 'data-testid': 'progress', 'aria-live': 'polite' });

function changed(): void {
  if (!values) return;
  version++;
  post({ type: 'change', version, values });
  drawApply();
}

function slot(key: string): HTMLUListElement {
  const ul = h('ul', { class: 'problems', 'data-problems': key });
  problemSlots.set(key, ul);
  return ul;
}

function textInput(key: string, label: string, get: () => string, set: (v: string) => void, attrs = {}) {
  const input = h('input', { type: 'text', 'data-key': key, 'aria-label': label, ...attrs });
  input.value = get();
  input.addEventListener('input', () => {
    set(input.value);
    changed();
  });
  controls.set(key, input);
  return input;
}

function checkbox(key: string, label: string, get: () => boolean, set: (v: boolean) => void) {
  const input = h('input', { type: 'checkbox', 'data-key': key });
  input.checked = get();
  input.addEventListener('change', () => {
    set(input.checked);
    changed();
  });
  controls.set(key, input);
  return h('label', { class: 'check' }, input, ` ${label}`);
}

function select(key: string, label: string, options: [string, string][], get: () => string, set: (v: string) => void) {
  const sel = h('select', { 'data-key': key, 'aria-label': label });
  for (const [v, text] of options) sel.append(h('option', { value: v }, text));
  if (!options.some(([v]) => v === get())) sel.append(h('option', { value: get() }, get()));
  sel.value = get();
  sel.addEventListener('change', () => {
    set(sel.value);
    changed();
  });
  controls.set(key, sel);
  return sel;
}

function field(key: string, label: string, control: Node, hint?: string) {
  return h(
    'div',
    { class: 'row' },
    h('label', { class: 'field-label' }, label),
    control,
    hint ? h('span', { class: 'hint' }, hint) : undefined,
    slot(key),
  );
}

function drawForm(v: PolicyFormValues): void {
  problemSlots.clear();
  controls.clear();
  title.textContent = `${editing ? 'Edit' : 'Set up'} the Backup Compliance Policy of ${projectName}`;
  applyButton.textContent = editing ? 'Update Policy…' : 'Set Policy…';
  const who = h(
    'section',
    { 'aria-label': 'Authorised user' },
    h('h2', {}, 'Authorised user'),
    h(
      'p',
      { class: 'hint' },
      'The person Atlas asks to approve later changes, and the only one who can ask MongoDB Support to disable the policy.',
    ),
    field(
      'authorizedEmail',
      'Email',
      textInput(
        'authorizedEmail',
        'Email',
        () => v.authorizedEmail,
        (s) => (v.authorizedEmail = s),
        {
          autocomplete: 'email',
        },
      ),
    ),
    field(
      'authorizedUserFirstName',
      'First name',
      textInput(
        'authorizedUserFirstName',
        'First name',
        () => v.authorizedUserFirstName,
        (s) => (v.authorizedUserFirstName = s),
      ),
    ),
    field(
      'authorizedUserLastName',
      'Last name',
      textInput(
        'authorizedUserLastName',
        'Last name',
        () => v.authorizedUserLastName,
        (s) => (v.authorizedUserLastName = s),
      ),
    ),
  );
  const protections = h(
    'section',
    { 'aria-label': 'Protections' },
    h('h2', {}, 'Protections'),
    h(
      'div',
      { class: 'row' },
      checkbox(
        'copyProtectionEnabled',
        'Copy protection (snapshot copies in other regions cannot be deleted)',
        () => v.copyProtectionEnabled,
        (b) => (v.copyProtectionEnabled = b),
      ),
      slot('copyProtectionEnabled'),
    ),
    h(
      'div',
      { class: 'row' },
      checkbox(
        'encryptionAtRestEnabled',
        'Encryption at rest with customer key management',
        () => v.encryptionAtRestEnabled,
        (b) => (v.encryptionAtRestEnabled = b),
      ),
      slot('encryptionAtRestEnabled'),
    ),
    h(
      'div',
      { class: 'row' },
      checkbox(
        'pitEnabled',
        'Point-in-time restore (continuous cloud backup) on every cluster',
        () => v.pitEnabled,
        (b) => (v.pitEnabled = b),
      ),
      slot('pitEnabled'),
    ),
    field(
      'restoreWindowDays',
      'Restore window (days)',
      textInput(
        'restoreWindowDays',
        'Restore window (days)',
        () => v.restoreWindowDays,
        (s) => (v.restoreWindowDays = s),
        { size: 4, inputmode: 'numeric' },
      ),
      'at least; empty for none',
    ),
  );
  const rows = v.items.map((it) => {
    const k = `items.${it.frequencyType}`;
    const name = TYPE_NAME[it.frequencyType];
    return [
      h(
        'tr',
        { 'data-item': it.frequencyType },
        h(
          'td',
          {},
          checkbox(
            `${k}.enabled`,
            name,
            () => it.enabled,
            (b) => (it.enabled = b),
          ),
        ),
        h(
          'td',
          {},
          select(
            `${k}.frequencyInterval`,
            `${name} interval`,
            INTERVALS[it.frequencyType],
            () => it.frequencyInterval,
            (s) => (it.frequencyInterval = s),
          ),
        ),
        h(
          'td',
          {},
          'kept at least ',
          textInput(
            `${k}.retentionValue`,
            `${name} retention`,
            () => it.retentionValue,
            (s) => (it.retentionValue = s),
            { size: 4, inputmode: 'numeric' },
          ),
          ' ',
          select(
            `${k}.retentionUnit`,
            `${name} retention unit`,
            UNITS.map((u) => [u, u]),
            () => it.retentionUnit,
            (s) => (it.retentionUnit = s),
          ),
        ),
      ),
      h(
        'tr',
        { class: 'problem-row' },
        h(
          'td',
          { colspan: 3 },
          slot(k),
          slot(`${k}.frequencyInterval`),
          slot(`${k}.retentionValue`),
          slot(`${k}.retentionUnit`),
          slot(`${k}.frequencyType`),
        ),
      ),
    ];
  });
  const items = h(
    'section',
    { 'aria-label': 'Scheduled items' },
    h('h2', {}, 'Scheduled items'),
    h(
      'p',
      { class: 'hint' },
      'What every cluster’s schedule must at least have. A less frequent item keeps at least as long.',
    ),
    h('table', { class: 'items' }, h('tbody', {}, ...rows.flat())),
    slot('scheduledPolicyItems'),
  );
  const od = v.onDemand;
  const onDemand = h(
    'section',
    { 'aria-label': 'On-demand item' },
    h('h2', {}, 'On-demand snapshots'),
    h(
      'div',
      { class: 'row' },
      checkbox(
        'onDemand.enabled',
        'Keep on-demand snapshots at least',
        () => od.enabled,
        (b) => (od.enabled = b),
      ),
      textInput(
        'onDemand.retentionValue',
        'On-demand retention',
        () => od.retentionValue,
        (s) => (od.retentionValue = s),
        {
          size: 4,
          inputmode: 'numeric',
        },
      ),
      select(
        'onDemand.retentionUnit',
        'On-demand retention unit',
        UNITS.map((u) => [u, u]),
        () => od.retentionUnit,
        (s) => (od.retentionUnit = s),
      ),
      slot('onDemand'),
      slot('onDemand.retentionValue'),
      slot('onDemand.retentionUnit'),
    ),
  );
  root.replaceChildren(
    h('header', {}, title, status),
    h(
      'div',
      { class: 'columns' },
      h('div', { class: 'form' }, who, protections, items, onDemand),
      h('div', { class: 'side' }, dryRunBox, h('div', { class: 'row' }, applyButton), applyNote, progress),
    ),
  );
  dryRunBox.replaceChildren(h('p', { class: 'hint' }, 'Working out the dry run…'));
}

function drawProblems(problems: FormProblem[]): void {
  for (const ul of problemSlots.values()) ul.replaceChildren();
  for (const c of controls.values()) c.removeAttribute('aria-invalid');
  for (const p of problems) {
    const ul = problemSlots.get(p.key) ?? problemSlots.get(p.key.split('.').slice(0, 2).join('.'));
    const li = h(
      'li',
      { class: `problem ${p.kind === 'loosening' ? 'warning' : 'error'}`, 'data-kind': p.kind, 'data-for': p.key },
      h('span', { class: 'sev' }, p.kind === 'loosening' ? 'Atlas refuses (loosens the policy):' : '✗'),
      ` ${p.message}`,
    );
    (ul ?? problemSlots.get('scheduledPolicyItems'))?.append(li);
    controls.get(p.key)?.setAttribute('aria-invalid', 'true');
  }
  const errors = problems.filter((p) => p.kind === 'error').length,
    loose = problems.length - errors;
  status.textContent = problems.length
    ? [errors && `${errors} to fix`, loose && `${loose} loosening the policy`].filter(Boolean).join(' · ')
    : 'No problems';
  status.classList.toggle('has-errors', problems.length > 0);
}

function clusterItem(c: ClusterView, keep: ClusterView | undefined): HTMLLIElement {
  const word = {
    off: 'Cloud Backup is off; the policy applies once it is turned on',
    complies: 'already complies; unchanged',
    raised: 'raised to the policy:',
    refuses: 'falls short',
  }[c.status];
  const li = h(
    'li',
    { class: `cluster-plan ${c.status}`, 'data-cluster': c.name },
    h('strong', {}, c.name),
    ` ${word}`,
  );
  if (c.status === 'raised') {
    const ul = h('ul', { class: 'changes' });
    if (c.turnsOnPointInTime)
      ul.append(h('li', { class: 'caution' }, '! Point-in-time restore (continuous cloud backup) turned on'));
    for (const x of c.changes)
      ul.append(
        h(
          'li',
          { class: x.caution ? 'caution' : '' },
          `${x.caution ? '!' : '•'} ${x.summary}`,
          x.consequence ? h('div', { class: 'hint' }, x.consequence) : undefined,
        ),
      );
    if (c.extraSnapshots)
      ul.append(
        h(
          'li',
          { class: 'hint' },
          `about ${c.extraSnapshots > 0 ? '+' : ''}${c.extraSnapshots} snapshots kept at once`,
        ),
      );
    li.append(ul);
  }
  if (keep?.status === 'refuses')
    li.append(
      h(
        'div',
        { class: 'keep-effect', 'data-testid': 'keep-refuses' },
        'Keeping schedules: Atlas refuses the whole request because of this cluster:',
      ),
      h('ul', { class: 'changes' }, ...keep.shortfalls.map((s) => h('li', {}, `- ${s}`))),
    );
  return li;
}

function choice(run: DryRunView, label: string, effect: string): HTMLLabelElement {
  const input = h('input', {
    type: 'radio',
    name: 'schedules',
    value: run.overwrite ? 'overwrite' : 'keep',
    'data-testid': run.overwrite ? 'choose-overwrite' : 'choose-keep',
  });
  input.checked = overwrite === run.overwrite;
  input.addEventListener('change', () => {
    overwrite = run.overwrite;
    drawApply();
  });
  return h(
    'label',
    // The API's parameter for those who know it, out of the way of those who do not.
    {
      class: `choice ${run.accepted ? '' : 'refused'}`,
      title: `Sent to Atlas as overwriteBackupPolicies=${run.overwrite}`,
    },
    input,
    h('strong', {}, ` ${label}`),
    h('div', { class: 'hint' }, effect),
    run.refusal ? h('div', { class: 'local-error' }, run.refusal) : undefined,
  );
}

function drawDryRun(view: PolicyFormView): void {
  const d = view.dryRuns;
  if (!d) {
    dryRunBox.replaceChildren(
      h('h2', {}, 'Dry run'),
      h('p', { class: 'hint' }, 'Fix the problems beside the fields to see what the policy would do.'),
    );
    return;
  }
  const raised = d.overwrite.clusters.filter((c) => c.status === 'raised').length;
  dryRunBox.replaceChildren(
    h('h2', {}, 'Dry run: what happens to each cluster'),
    h(
      'ul',
      { class: 'clusters', 'data-testid': 'clusters' },
      ...d.overwrite.clusters.map((c) =>
        clusterItem(
          c,
          d.keep.clusters.find((k) => k.name === c.name),
        ),
      ),
    ),
    h('h3', {}, 'Schedules that fall short of the policy'),
    h(
      'div',
      { class: 'choices', role: 'radiogroup', 'aria-label': 'Schedules that fall short' },
      choice(
        d.overwrite,
        'Raise them to the policy',
        `Atlas raises ${raised} ${raised === 1 ? 'schedule' : 'schedules'} as shown; about ${d.overwrite.extraSnapshots} more snapshots kept at once across the project (an upper bound).`,
      ),
      choice(
        d.keep,
        'Leave them as they are',
        'Atlas changes no schedule, and refuses the whole request if any schedule falls short.',
      ),
    ),
    h('h3', {}, 'Once the policy is in force, Atlas forbids'),
    h('ul', { class: 'forbidden', 'data-testid': 'forbidden' }, ...d.overwrite.forbidden.map((f) => h('li', {}, f))),
    h('p', { class: 'warning-line' }, 'The policy cannot be disabled without MongoDB Support.'),
  );
}

function drawApply(): void {
  const d = lastView?.dryRuns;
  const stale = !lastView || lastVersion !== version;
  const run = d && overwrite !== undefined ? (overwrite ? d.overwrite : d.keep) : undefined;
  const why = busy
    ? 'Setting the policy…'
    : !d
      ? 'Fix the problems above first.'
      : overwrite === undefined
        ? 'Choose what happens to schedules that fall short.'
        : !run!.accepted
          ? (run!.refusal ?? 'Atlas would refuse this request.')
          : stale
            ? 'Checking…'
            : `Next: type ${projectName}'s name to confirm. Nothing is sent before that.`;
  applyButton.disabled = busy || stale || !run?.accepted;
  applyNote.textContent = why;
}

let lastVersion = -1;

applyButton.addEventListener('click', () => {
  if (!values || overwrite === undefined || applyButton.disabled) return;
  post({ type: 'apply', version, values, overwrite });
});

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** The extension's messages, shape-checked: anything else is ignored. */
function parse(v: unknown): ToComplianceWebview | string {
  if (!isRecord(v)) return 'not an object';
  switch (v.type) {
    case 'init':
      return typeof v.projectName === 'string' &&
        typeof v.editing === 'boolean' &&
        isRecord(v.values) &&
        Array.isArray(v.values.items)
        ? (v as ToComplianceWebview)
        : 'init: malformed';
    case 'view':
      return typeof v.version === 'number' && isRecord(v.view) && Array.isArray(v.view.problems)
        ? (v as ToComplianceWebview)
        : 'view: malformed';
    case 'status':
      return typeof v.phase === 'string' && typeof v.message === 'string'
        ? (v as ToComplianceWebview)
        : 'status: malformed';
    default:
      return 'unknown type';
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  const m = parse(e.data);
  if (typeof m === 'string') {
    console.warn(`[atlas-backup] ignored a message: ${m}`);
    return;
  }
  switch (m.type) {
    case 'init':
      projectName = m.projectName;
      editing = m.editing;
      values = m.values;
      overwrite = undefined;
      busy = false;
      drawForm(values);
      document.body.dataset.state = 'form';
      changed();
      return;
    case 'view':
      if (m.version !== version) return; // an answer to values since changed
      lastView = m.view;
      lastVersion = m.version;
      drawProblems(m.view.problems);
      drawDryRun(m.view);
      drawApply();
      document.body.dataset.state = 'ready';
      return;
    case 'status':
      busy = m.phase === 'sending' || m.phase === 'watching';
      progress.textContent = m.message;
      progress.className = `progress ${m.phase}`;
      document.body.dataset.phase = m.phase;
      drawApply();
      return;
  }
});

post({ type: 'ready' });
