// @entry — the schedule editor's webview (browser, iife; built to dist/webview/scheduleEditor.js).
// A view and nothing more: it renders the FormModel the extension sends and posts intents back. Every text from the
// document or from Atlas is set with textContent or as an attribute value, never parsed as HTML.
import './scheduleEditor.css';
import type { Choice, CopyRow, Field, FormModel, Group, Intent, ProblemView } from '../../core/schedule/formModel';
import { APPLY_TO_EXISTING, plural } from '../../core/schedule/describeSchedule';
import { FIELD_LABELS } from '../../core/schedule/formWords';
import type { Lane, Picture } from '../../core/schedule/estimates';
import { h, s, type Attrs } from '../common/dom';
import { parseToWebview, type ToExtension } from './protocol';

interface VsCodeApi {
  postMessage(msg: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** When our script was requested (resource timing), else when it started: our share of the first draw starts here. */
const ourStart = (() => {
  const own = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';
  const entry = own ? performance.getEntriesByName(own)[0] : undefined;
  return entry ? entry.startTime : performance.now();
})();

const vscode = acquireVsCodeApi();
const post = (msg: ToExtension): void => vscode.postMessage(msg);
const root = document.getElementById('root')!;
let version = -1;

const idFor = (key: string): string => `f-${key.replace(/[^\w-]/g, '_')}`;

function edit(intent: Intent): void {
  post({ type: 'edit', version, intent });
}

// ---- problems ----
function problemList(problems: ProblemView[], id?: string): HTMLElement | undefined {
  if (!problems.length) return undefined;
  return h(
    'ul',
    { class: 'problems', id, role: 'list' },
    ...problems.map((p) => {
      const rule = h(
        'a',
        { href: '#', class: 'rule', title: `Open the documentation of ${p.ruleId}`, 'data-rule': p.ruleId },
        p.ruleId,
      );
      rule.addEventListener('click', (e) => {
        e.preventDefault();
        post({ type: 'openDocs', ruleId: p.ruleId });
      });
      const fixes = p.fixes.map((title, i) => {
        const b = h('button', { type: 'button', class: 'fix secondary', 'data-problem': p.id, 'data-fix': i }, title);
        b.addEventListener('click', () => edit({ kind: 'fix', problem: p.id, fix: i }));
        return b;
      });
      return h(
        'li',
        { class: `problem ${p.severity}`, 'data-rule': p.ruleId },
        h('span', { class: 'sev' }, p.severity === 'error' ? 'Error' : p.severity === 'warning' ? 'Warning' : 'Info'),
        h('span', { class: 'message' }, p.message),
        ' ',
        rule,
        ...fixes,
      );
    }),
  );
}

/** Where a table row's field problems go: a full-width row under it (set while a row is built). */
let collect: HTMLElement[] | undefined;

/** Problems of a field and its "described by" id, so a screen reader reads them with the control. */
function describe(f: Field): { attrs: Attrs; list?: HTMLElement } {
  const list = problemList(f.problems, `${idFor(f.key)}-problems`);
  if (list && collect) {
    collect.push(list);
    return withDescribed(f, list.id);
  }
  return { ...withDescribed(f, list?.id), list };
}

function withDescribed(f: Field, problemsId: string | undefined): { attrs: Attrs } {
  const hint = f.hint ? `${idFor(f.key)}-hint` : '';
  const described = [hint, problemsId ?? ''].filter(Boolean).join(' ');
  return {
    attrs: {
      'aria-invalid': f.problems.some((p) => p.severity === 'error') ? 'true' : undefined,
      'aria-describedby': described || undefined,
    },
  };
}

// ---- controls ----
function choice(f: Field, label: string, onPick: (c: Choice) => void): HTMLElement {
  const d = describe(f);
  const choices = f.choices ?? [];
  const sel = h('select', { id: idFor(f.key), 'data-key': f.key, 'aria-label': label, ...d.attrs });
  if (f.value === undefined)
    sel.append(
      h(
        'option',
        { value: '', selected: true, disabled: true },
        f.present ? `${f.odd ?? '?'} (not allowed)` : '— not set —',
      ),
    );
  choices.forEach((c, i) =>
    sel.append(
      h(
        'option',
        { value: String(i), selected: c.value === f.value, class: c.allowed ? undefined : 'not-allowed' },
        c.label,
      ),
    ),
  );
  sel.addEventListener('change', () => {
    const c = choices[Number(sel.value)];
    if (c) onPick(c);
  });
  return h(
    'span',
    { class: 'control' },
    sel,
    f.hint ? h('span', { class: 'hint', id: `${idFor(f.key)}-hint` }, f.hint) : undefined,
    d.list,
  );
}

/** True while the form is being replaced: a browser that blurs a removed field must not commit half-typed text. */
let redrawing = false;

/**
 * Commit a text field when the person is done with it: Enter, leaving the field, or the browser's change event.
 * Not on `change` alone: when the document changes under a field being typed into (an earlier edit coming back),
 * the form is drawn again and the typed text carried into the new field programmatically, and the browser then
 * fires no change for it; comparing with the document's value (the field's default) catches that. Each value is
 * sent once.
 */
function onCommit(input: HTMLInputElement, commit: () => void): void {
  let sent: string | undefined;
  const maybe = (): void => {
    if (redrawing || input.value === input.defaultValue || input.value === sent) return;
    sent = input.value;
    commit();
  };
  input.addEventListener('change', maybe);
  input.addEventListener('blur', maybe);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing) maybe();
  });
}

function numberField(f: Field, label: string, opts: { min?: number; max?: number; size?: number } = {}): HTMLElement {
  const d = describe(f);
  const input = h('input', {
    id: idFor(f.key),
    'data-key': f.key,
    type: 'text',
    inputmode: 'numeric',
    size: opts.size ?? 4,
    'aria-label': label,
    value: f.value !== undefined ? String(f.value) : (f.odd ?? ''),
    placeholder: f.present ? undefined : 'not set',
    ...d.attrs,
  });
  const local = h('span', { class: 'local-error', role: 'alert' });
  // Named as the form labels it ("Keep"), as the messages beside the fields name it.
  const name = FIELD_LABELS[String(f.path[f.path.length - 1])] ?? label;
  onCommit(input, () => {
    const t = input.value.trim();
    if (t === '' && f.present) {
      edit({ kind: 'remove', path: f.path });
      return;
    }
    // The document's problem with the old value no longer applies to what is typed: say what is wrong with this.
    const stale = document.getElementById(`${idFor(f.key)}-problems`);
    if (!/^-?\d+$/.test(t)) {
      local.textContent = `${name} is ${JSON.stringify(t.length > 24 ? `${t.slice(0, 24)}…` : t)}, but it must be a whole number`;
      if (stale) stale.hidden = true;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    local.textContent = '';
    if (stale) stale.hidden = false;
    edit({ kind: 'set', path: f.path, value: Number(t) });
  });
  return h(
    'span',
    { class: 'control' },
    input,
    f.hint ? h('span', { class: 'hint', id: `${idFor(f.key)}-hint` }, f.hint) : undefined,
    local,
    d.list,
  );
}

function textField(f: Field, label: string, size = 24): HTMLElement {
  const d = describe(f);
  const input = h('input', {
    id: idFor(f.key),
    'data-key': f.key,
    type: 'text',
    size,
    'aria-label': label,
    value: typeof f.value === 'string' ? f.value : (f.odd ?? ''),
    placeholder: f.present ? undefined : 'not set',
    ...d.attrs,
  });
  onCommit(input, () => edit({ kind: 'set', path: f.path, value: input.value }));
  return h('span', { class: 'control' }, input, d.list);
}

function checkbox(f: Field, label: string): HTMLElement {
  const d = describe(f);
  const input = h('input', {
    id: idFor(f.key),
    'data-key': f.key,
    type: 'checkbox',
    checked: f.value === true,
    ...d.attrs,
  });
  input.addEventListener('change', () => edit({ kind: 'set', path: f.path, value: input.checked }));
  return h(
    'div',
    { class: 'check' },
    input,
    h('label', { for: idFor(f.key) }, label),
    f.odd ? h('span', { class: 'hint' }, ` (document holds ${f.odd})`) : undefined,
    d.list,
  );
}

function button(text: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = h('button', { type: 'button', ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

function section(title: string, group: Group | undefined, ...body: (Node | undefined | false)[]): HTMLElement {
  const id = `s-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return h(
    'section',
    { 'aria-labelledby': id, 'data-section': title },
    h('h2', { id }, title),
    group ? problemList(group.problems) : undefined,
    ...body,
  );
}

// ---- the form ----
function render(m: FormModel, title: string): HTMLElement {
  const c = m.counts;
  const summary =
    c.error || c.warning || c.info
      ? `${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}${c.info ? `, ${c.info} info` : ''}`
      : 'No problems';
  const header = h(
    'header',
    {},
    h('h1', {}, title),
    h(
      'span',
      {
        class: `status ${c.error ? 'has-errors' : ''}`,
        role: 'status',
        'aria-live': 'polite',
        'data-counts': `${c.error}/${c.warning}/${c.info}`,
      },
      summary,
    ),
    button('Open as JSON', () => post({ type: 'openJson' }), {
      class: 'secondary',
      title: 'The same document in the text editor; undo works across both',
    }),
  );
  const cluster = m.cluster.known
    ? h(
        'p',
        { class: 'cluster' },
        `Cluster: ${m.cluster.nvme ? 'NVMe (hourly snapshots every 12 hours only)' : 'not NVMe'} · continuous backup ${m.cluster.pitEnabled ? 'on' : 'off'}`,
      )
    : h(
        'p',
        { class: 'cluster' },
        m.target
          ? 'Cluster details unknown (sign in to check against the cluster and its compliance policy).'
          : 'This file names no cluster ("atlas" block); checked without cluster context.',
      );
  if (!m.ok) {
    return h(
      'main',
      {},
      header,
      section(
        'Problems',
        undefined,
        problemList(m.general) ?? h('p', {}, 'The document is not a JSON object.'),
        h('p', {}, 'Fix the document in the text editor; the form returns as soon as it is a schedule.'),
      ),
    );
  }
  const ref = m.reference;
  const refSection = section(
    'Reference time',
    undefined,
    h(
      'div',
      { class: 'row' },
      h('label', { for: idFor(ref.hour.key) }, 'Hour (UTC)'),
      numberField(ref.hour, 'Reference hour of day (UTC)', { size: 2 }),
      h('label', { for: idFor(ref.minute.key) }, 'Minute'),
      numberField(ref.minute, 'Reference minute of hour', { size: 2 }),
      ref.utc
        ? h('span', { class: 'hint', 'data-ref-times': '' }, `${ref.utc} UTC · ${ref.local} local (${ref.timeZone})`)
        : h('span', { class: 'hint' }, 'not set: Atlas picks a time'),
    ),
  );
  const rw = m.restoreWindow;
  const restore = rw.shown
    ? section(
        'Restore window',
        undefined,
        h(
          'div',
          { class: 'row' },
          h('label', { for: idFor(rw.key) }, 'Days of continuous restore'),
          numberField(rw, 'Restore window in days', { size: 3 }),
        ),
      )
    : undefined;

  const rows = m.items.rows
    .map((r) => {
      const lists: HTMLElement[] = [];
      collect = lists;
      const tr = h(
        'tr',
        { 'data-row': r.key },
        h(
          'td',
          {},
          choice(r.frequencyType, `Item ${r.index + 1} frequency`, (c) =>
            edit({ kind: 'setItemType', index: r.index, frequencyType: String(c.value) }),
          ),
        ),
        h(
          'td',
          {},
          choice(r.frequencyInterval, `Item ${r.index + 1} interval`, (c) =>
            edit({ kind: 'set', path: r.frequencyInterval.path, value: c.value }),
          ),
        ),
        h('td', {}, numberField(r.retentionValue, `Item ${r.index + 1} retention`)),
        h(
          'td',
          {},
          choice(r.retentionUnit, `Item ${r.index + 1} retention unit`, (c) =>
            edit({ kind: 'set', path: r.retentionUnit.path, value: c.value }),
          ),
        ),
        h(
          'td',
          {},
          button('Remove', () => edit({ kind: 'remove', path: r.path }), {
            class: 'secondary',
            'aria-label': `Remove item ${r.index + 1} (${r.summary ?? r.frequencyType.value ?? ''})`,
          }),
        ),
      );
      collect = undefined;
      const rowList = problemList(r.problems);
      if (rowList) lists.unshift(rowList);
      const extra = lists.length ? h('tr', { class: 'row-problems' }, h('td', { colspan: 5 }, ...lists)) : undefined;
      return [tr, extra];
    })
    .flat()
    .filter((x): x is HTMLTableRowElement => !!x);
  const addSel = h(
    'select',
    { id: 'add-item-type', 'aria-label': 'Frequency of the new item' },
    ...m.items.addable.map((c) =>
      h(
        'option',
        { value: String(c.value), disabled: !c.allowed },
        c.allowed ? c.label : `${c.label} (already in the schedule)`,
      ),
    ),
  );
  const firstFree = m.items.addable.find((c) => c.allowed);
  if (firstFree) addSel.value = String(firstFree.value);
  const items = section(
    'Policy items',
    m.items,
    h(
      'table',
      { class: 'items' },
      h(
        'thead',
        {},
        h('tr', {}, ...['Frequency', 'Interval', 'Keep', 'Unit', ''].map((t) => h('th', { scope: 'col' }, t))),
      ),
      h('tbody', {}, ...rows),
    ),
    h(
      'div',
      { class: 'row add' },
      h('label', { for: 'add-item-type' }, 'Add item'),
      addSel,
      button('Add', () => edit({ kind: 'addItem', frequencyType: addSel.value }), {
        disabled: !firstFree,
        id: 'add-item',
      }),
    ),
    checkbox(m.updateSnapshots, `${APPLY_TO_EXISTING} (updateSnapshots)`),
  );

  const ex = m.exportGroup;
  const exportSection = section(
    'Export',
    ex,
    checkbox(ex.enabled, 'Export snapshots to a bucket automatically (autoExportEnabled)'),
    ex.enabled.value === true || ex.bucket.present
      ? h(
          'div',
          { class: 'row' },
          // With the project's buckets known, the bucket is picked by name (the document keeps its id).
          h('label', { for: idFor(ex.bucket.key) }, ex.bucket.kind === 'choice' ? 'Export bucket' : 'Export bucket id'),
          ex.bucket.kind === 'choice'
            ? choice(ex.bucket, 'Export bucket', (c) => edit({ kind: 'set', path: ex.bucket.path, value: c.value }))
            : textField(ex.bucket, 'Export bucket id'),
          h('label', { for: idFor(ex.frequency.key) }, 'Frequency'),
          choice(ex.frequency, 'Export frequency', (c) =>
            edit({ kind: 'set', path: ex.frequency.path, value: c.value }),
          ),
        )
      : undefined,
    ex.enabled.value === true
      ? checkbox(ex.orgAndGroupNames, 'Use organisation and project names in the export prefix')
      : undefined,
  );

  const cp = m.copies;
  const copySection = section(
    'Copy to other regions',
    cp,
    checkbox(cp.policyItemsEnabled, 'Copy per policy item (copyPolicyItemsEnabled)'),
    ...cp.rows.map((r) =>
      h(
        'fieldset',
        { 'data-row': r.key },
        h('legend', {}, `Copy ${r.index + 1}`),
        problemList(r.problems),
        h(
          'div',
          { class: 'row' },
          h('label', { for: idFor(r.zoneId.key) }, 'Zone'),
          choice(r.zoneId, `Copy ${r.index + 1} zone`, (c) =>
            edit({ kind: 'set', path: r.zoneId.path, value: c.value }),
          ),
          h('label', { for: idFor(r.cloudProvider.key) }, 'Provider'),
          choice(r.cloudProvider, `Copy ${r.index + 1} provider`, (c) =>
            edit({ kind: 'set', path: r.cloudProvider.path, value: c.value }),
          ),
          h('label', { for: idFor(r.regionName.key) }, 'Region'),
          textField(r.regionName, `Copy ${r.index + 1} region`, 16),
        ),
        copyWhat(r),
        checkbox(r.shouldCopyOplogs, 'Copy oplogs (for point-in-time restore in that region)'),
        button('Remove copy', () => edit({ kind: 'remove', path: r.path }), { class: 'secondary' }),
      ),
    ),
    button('Add copy setting', () => edit({ kind: 'addCopySetting' }), { class: 'secondary' }),
  );

  function copyWhat(r: CopyRow): HTMLElement {
    const n = r.index + 1;
    const modeId = `copy-${r.index}-mode`;
    const mode = h('select', {
      id: modeId,
      'data-key': `copySettings[${r.index}].mode`,
      'aria-label': `Copy ${n}: what to copy`,
    });
    if (!r.mode) mode.append(h('option', { value: '', selected: true, disabled: true }, '— choose —'));
    for (const m of r.modes)
      mode.append(
        h('option', { value: m.value, selected: m.value === r.mode, disabled: m.value === 'frequencies' }, m.label),
      );
    mode.addEventListener('change', () => {
      if (mode.value === 'last' || mode.value === 'items')
        edit({ kind: 'setCopyMode', index: r.index, mode: mode.value });
    });
    const head = h(
      'div',
      { class: 'row' },
      h('label', { for: modeId }, 'Copy'),
      mode,
      r.mode === 'last'
        ? numberField(r.lastNumberOfSnapshots, `Copy ${n} number of last snapshots`, { size: 3 })
        : undefined,
      r.mode === 'frequencies' && r.copies
        ? h('span', { class: 'hint' }, `${r.copies}; choose "${r.modes[1].label}" to convert them`)
        : undefined,
    );
    if (r.mode !== 'items') return h('div', {}, head);
    const lists: HTMLElement[] = [];
    const rows = r.items
      .map((it) => {
        collect = lists;
        const tr = h(
          'tr',
          { 'data-row': it.key },
          h(
            'td',
            {},
            choice(it.frequencyType, `Copy ${n} item ${it.index + 1} frequency`, (c) =>
              edit({ kind: 'setCopyItemType', index: r.index, item: it.index, frequencyType: String(c.value) }),
            ),
          ),
          h(
            'td',
            {},
            it.retentionValue
              ? numberField(it.retentionValue, `Copy ${n} item ${it.index + 1} retention`)
              : h('span', { class: 'hint' }, 'no retention of its own'),
          ),
          h(
            'td',
            {},
            it.retentionUnit
              ? choice(it.retentionUnit, `Copy ${n} item ${it.index + 1} retention unit`, (c) =>
                  edit({ kind: 'set', path: it.retentionUnit!.path, value: c.value }),
                )
              : undefined,
          ),
          h(
            'td',
            {},
            button('Remove', () => edit({ kind: 'remove', path: it.path }), {
              class: 'secondary',
              'aria-label': `Remove copy ${n} item ${it.index + 1} (${String(it.frequencyType.value ?? '')})`,
            }),
          ),
        );
        collect = undefined;
        const own = problemList(it.problems);
        if (own) lists.unshift(own);
        const extra = lists.length
          ? h('tr', { class: 'row-problems' }, h('td', { colspan: 4 }, ...lists.splice(0)))
          : undefined;
        return [tr, extra];
      })
      .flat()
      .filter((x): x is HTMLTableRowElement => !!x);
    const addId = `copy-${r.index}-add`;
    const add = h(
      'select',
      { id: addId, 'aria-label': `Copy ${n}: frequency of the new copied item` },
      ...r.addableItems.map((c) =>
        h(
          'option',
          { value: String(c.value), disabled: !c.allowed },
          c.allowed ? c.label : `${c.label} (already copied)`,
        ),
      ),
    );
    const free = r.addableItems.find((c) => c.allowed);
    if (free) add.value = String(free.value);
    return h(
      'div',
      {},
      head,
      r.items.length
        ? h(
            'table',
            { class: 'items copy-items', 'aria-label': `Copy ${n}: copied policy items` },
            h('thead', {}, h('tr', {}, ...['Copies', 'Keep', 'Unit', ''].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, ...rows),
          )
        : h('p', { class: 'hint' }, 'Nothing is copied yet: add an item.'),
      h(
        'div',
        { class: 'row add' },
        h('label', { for: addId }, 'Add copied item'),
        add,
        button('Add', () => edit({ kind: 'addCopyItem', index: r.index, frequencyType: add.value }), {
          disabled: !free,
          'aria-label': `Add the copied item to copy ${n}`,
        }),
      ),
    );
  }

  const xr = m.extra;
  const extraSection = section(
    'Extra retention',
    xr,
    ...xr.rows.map((r) =>
      h(
        'div',
        { class: 'row', 'data-row': r.key },
        choice(r.frequencyType, `Extra retention ${r.index + 1} frequency`, (c) =>
          edit({ kind: 'set', path: r.frequencyType.path, value: c.value }),
        ),
        h('label', { for: idFor(r.retentionDays.key) }, 'kept'),
        numberField(r.retentionDays, `Extra retention ${r.index + 1} days`),
        h('span', {}, 'days'),
        button('Remove', () => edit({ kind: 'remove', path: r.path }), {
          class: 'secondary',
          'aria-label': `Remove extra retention ${r.index + 1}`,
        }),
        problemList(r.problems),
      ),
    ),
    button('Add extra retention', () => edit({ kind: 'addExtraRetention' }), { class: 'secondary' }),
  );

  const compliance = m.compliance
    ? section('Backup Compliance Policy', undefined, h('ul', {}, ...m.compliance.map((l) => h('li', {}, l))))
    : undefined;
  const general = m.general.length ? section('Other problems', undefined, problemList(m.general)) : undefined;

  return h(
    'main',
    {},
    header,
    cluster,
    general,
    h(
      'div',
      { class: 'columns' },
      h('div', { class: 'form' }, refSection, restore, items, exportSection, copySection, extraSection, compliance),
      h('div', { class: 'side' }, pictureSection(m.picture)),
    ),
  );
}

// ---- the picture ----
function pictureSection(p: Picture): HTMLElement {
  // LABEL: room for the longest lane label, "on the last day of every month", at 11px.
  const W = 640,
    LABEL = 180,
    LANE = 34,
    TOP = 24;
  const span = p.to - p.from;
  const x = (t: number): number => LABEL + ((Math.min(Math.max(t, p.from), p.to) - p.from) / span) * (W - LABEL - 8);
  const H = TOP + p.lanes.length * LANE + 8;
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: '100%',
    role: 'img',
    'aria-labelledby': 'picture-title picture-desc',
    class: 'picture',
    'data-lanes': p.lanes.length,
  });
  svg.append(s('title', { id: 'picture-title' }, 'Snapshots over the next four weeks'));
  svg.append(
    s(
      'desc',
      { id: 'picture-desc' },
      p.lanes.map((l) => `${l.label}: about ${l.kept} kept, each for ${l.retention}`).join('; '),
    ),
  );
  const DAY = 86_400_000;
  for (let t = p.from, i = 0; t <= p.to; t += 7 * DAY, i++) {
    svg.append(s('line', { x1: x(t), x2: x(t), y1: TOP - 6, y2: H - 4, class: 'grid' }));
    svg.append(s('text', { x: x(t) + 2, y: TOP - 10, class: 'axis' }, i === 0 ? 'now' : `+${i * 7} days`));
  }
  p.lanes.forEach((lane: Lane, i) => {
    const y = TOP + i * LANE;
    const g = s('g', { class: `lane lane-${i % 6}`, 'data-lane': lane.index });
    g.append(s('text', { x: 4, y: y + 14, class: 'lane-label' }, lane.label));
    g.append(s('text', { x: 4, y: y + 27, class: 'lane-sub' }, `kept ${lane.retention} · ≈${lane.kept}`));
    if (lane.next !== undefined && lane.firstExpires !== undefined && lane.next <= p.to) {
      g.append(
        s('rect', {
          x: x(lane.next),
          y: y + 18,
          width: Math.max(2, x(lane.firstExpires) - x(lane.next)),
          height: 6,
          class: 'kept',
          rx: 2,
        }),
      );
      if (lane.firstExpires > p.to)
        g.append(s('text', { x: W - 6, y: y + 31, class: 'lane-sub', 'text-anchor': 'end' }, '→'));
    }
    for (const t of lane.runs) g.append(s('line', { x1: x(t), x2: x(t), y1: y + 4, y2: y + 16, class: 'run' }));
    if (!lane.runs.length && lane.next !== undefined) {
      g.append(
        s(
          'text',
          { x: W - 6, y: y + 14, class: 'lane-sub', 'text-anchor': 'end' },
          `next ${new Date(lane.next).toISOString().slice(0, 10)}`,
        ),
      );
    }
    svg.append(g);
  });
  const next = h(
    'table',
    { class: 'next', 'aria-label': 'Next five snapshots' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'UTC'), h('th', { scope: 'col' }, `Local (${p.timeZone})`))),
    h('tbody', {}, ...p.next.map((n) => h('tr', {}, h('td', {}, n.utc), h('td', {}, n.local)))),
  );
  return section(
    'Retention picture',
    undefined,
    p.lanes.length ? svg : h('p', {}, 'No policy item that can be drawn yet.'),
    h(
      'p',
      { class: 'total', 'data-total': p.total },
      `Estimated snapshots kept: ${p.total}`,
      h('span', { class: 'hint' }, ' (per item; one snapshot may serve several items)'),
    ),
    h(
      'ul',
      { class: 'per-item' },
      ...p.lanes.map((l) =>
        h('li', {}, `${l.label}: ≈${l.kept} kept, each for ${l.retention} (${plural(l.retentionDays, 'day')})`),
      ),
    ),
    p.skipped.length
      ? h(
          'p',
          { class: 'hint' },
          `Not drawn: item${p.skipped.length > 1 ? 's' : ''} ${p.skipped.map((i) => i + 1).join(', ')} (see the problems).`,
        )
      : undefined,
    h('h3', {}, 'Next five snapshots'),
    next,
  );
}

// ---- state in, focus kept ----
function apply(model: FormModel, title: string): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active?.getAttribute('data-key') ?? active?.id;
  // A value being typed into the focused field is the person's, not yet the document's: keep it.
  const typing =
    active instanceof HTMLInputElement && active.type === 'text' && active.value !== active.defaultValue
      ? active.value
      : undefined;
  const selection = active instanceof HTMLInputElement ? [active.selectionStart, active.selectionEnd] : undefined;
  const next = render(model, title);
  redrawing = true;
  try {
    root.replaceChildren(next);
  } finally {
    redrawing = false;
  }
  if (key) {
    const el = document.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`) ?? document.getElementById(key);
    if (el) {
      if (typing !== undefined && el instanceof HTMLInputElement) el.value = typing;
      el.focus();
      if (el instanceof HTMLInputElement && el.type === 'text' && selection && selection[0] !== null) {
        try {
          el.setSelectionRange(selection[0], selection[1]);
        } catch {
          /* not a text input */
        }
      }
    }
  }
}

/** Draws a state message; false when it is not one (ignored, and said in the console). */
function draw(data: unknown): boolean {
  const msg = parseToWebview(data);
  if (typeof msg === 'string') {
    console.warn(`[atlas-backup] ignored a message: ${msg}`);
    return false;
  }
  version = msg.version;
  apply(msg.model, msg.title);
  return true;
}

window.addEventListener('message', (e: MessageEvent) => {
  if (draw(e.data)) post({ type: 'rendered', version });
});

// The first state comes in the page itself (no round trip): draw it at once, then say ready (the extension sends
// the state again only if it changed meanwhile, or the time zone differs) and what the first draw cost us.
const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const carried = document.getElementById('initial-state')?.textContent;
let drawn = false;
if (carried) {
  try {
    drawn = draw(JSON.parse(carried));
  } catch {
    console.warn('[atlas-backup] the state in the page is not JSON');
  }
}
post(drawn ? { type: 'ready', timeZone, drawn: true } : { type: 'ready', timeZone });
if (drawn) post({ type: 'rendered', version, ownMs: Math.round(performance.now() - ourStart) });
