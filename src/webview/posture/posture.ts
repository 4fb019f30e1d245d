// @entry — the Backup Posture report's webview (browser, iife; built to dist/webview/posture.js).
// Draws the rows the extension sends; sorting and filtering are src/core/fleet/reportView.ts. Every text from Atlas is set
// with textContent or as an attribute value, never parsed as HTML.
import './posture.css';
import type { ClusterPosture } from '../../core/fleet/types';
import { summaryLine } from '../../core/fleet/summary';
import { lastRestoreCell, restorableCell, restorePointsCell, rpoCell } from '../../core/recovery/recoveryWords';
import {
  counts,
  DEFAULT_VIEW,
  filterCounts,
  lastRestoreShort,
  nextText,
  pressFilter,
  quickFilters,
  REPORT_COLUMNS,
  restorableShort,
  snapshotText,
  visibleRows,
  type QuickFilter,
  type ViewState,
} from '../../core/fleet/reportView';
import { h } from '../common/dom';
import { problemWords } from '../../core/schedule/problemWords';
import { formatTime } from '../../core/time/formatTime';
import type { ToPostureExtension, ToPostureWebview } from './postureProtocol';

interface VsCodeApi {
  postMessage(msg: unknown): void;
  getState(): unknown;
  setState(s: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const post = (m: ToPostureExtension): void => vscode.postMessage(m);

const saved = vscode.getState() as Partial<ViewState> | undefined;
const view: ViewState = { ...DEFAULT_VIEW, ...(saved && typeof saved === 'object' ? saved : {}) };
let rows: ClusterPosture[] = [];
let loading = true;
let progress = { done: 0, total: 1 };
let problems: { projectName: string; message: string; kind?: 'role' | 'failed' }[] = [];
let endNote = '';
/** The RPO target, when the extension says one is set: only then is "RPO over target" offered. */
let rpoTargetSeconds: number | undefined;
/** The rows whose details are open, by project id and cluster name (kept across reloads and re-sorts). */
const expanded = new Set<string>();
const keyOf = (r: ClusterPosture) => `${r.groupId}/${r.clusterName}`;

const title = h('h1', {}, 'Backup posture');
const scope = h('span', { class: 'scope' });
const summary = h('p', { class: 'summary', 'data-testid': 'summary', role: 'status' });
const status = h('p', { class: 'status', 'data-testid': 'status', 'aria-live': 'polite' });
const filters = h('div', { class: 'filters', role: 'group', 'aria-label': 'Show' });
const search = h('input', {
  type: 'search',
  placeholder: 'Filter by project, cluster, tier, rule…',
  'aria-label': 'Filter rows',
  'data-testid': 'text-filter',
});
search.value = view.text;
const exportMd = h(
  'button',
  { class: 'secondary', 'data-testid': 'export-markdown', title: 'Save the report as a Markdown table' },
  'Export Markdown',
);
const exportCsv = h(
  'button',
  { class: 'secondary', 'data-testid': 'export-csv', title: 'Save the report as CSV' },
  'Export CSV',
);
const reload = h('button', { class: 'secondary', 'data-testid': 'reload' }, 'Reload');
const thead = h('thead');
const tbody = h('tbody', { 'data-testid': 'rows' });
const table = h('table', { class: 'report', 'aria-label': 'Backup posture of every cluster' }, thead, tbody);
const problemList = h('ul', { class: 'problems', 'data-testid': 'problems' });

document
  .getElementById('root')!
  .replaceChildren(
    h('header', {}, title, scope, h('span', { class: 'spacer' }), exportMd, exportCsv, reload),
    summary,
    h('div', { class: 'toolbar' }, filters, search),
    status,
    problemList,
    table,
  );

exportMd.addEventListener('click', () => post({ type: 'export', format: 'markdown' }));
exportCsv.addEventListener('click', () => post({ type: 'export', format: 'csv' }));
reload.addEventListener('click', () => post({ type: 'reload' }));
search.addEventListener('input', () => {
  view.text = search.value;
  schedule();
});

function setView(patch: Partial<ViewState>): void {
  Object.assign(view, patch);
  vscode.setState(view);
  schedule();
}

let pending = false;
function schedule(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    render();
  });
}

function badge(text: string, kind: string): HTMLElement {
  return h('span', { class: `badge ${kind}` }, text);
}

/** A badge that is also a pill: pressing it shows only the rows it names (again: all rows), as its filter button does. */
function pill(text: string, kind: string, filter: QuickFilter, what: string): HTMLElement {
  const b = h(
    'button',
    {
      class: `badge pill ${kind}`,
      'data-show': filter,
      'aria-pressed': String(view.filter === filter),
      title: view.filter === filter ? 'Show every cluster' : `Show only the clusters ${what}`,
    },
    text,
  );
  b.addEventListener('click', () => setView({ filter: pressFilter(view.filter, filter) }));
  return b;
}

function row(r: ClusterPosture, now: number): HTMLTableRowElement {
  const open = h(
    'button',
    { class: 'link', title: `Show ${r.clusterName} in the Projects tree`, 'data-testid': 'open-cluster' },
    r.clusterName,
  );
  open.addEventListener('click', () => post({ type: 'openCluster', groupId: r.groupId, clusterName: r.clusterName }));
  const edit = h(
    'button',
    { class: 'link', title: `Open ${r.clusterName}'s backup schedule in the editor`, 'data-testid': 'edit-schedule' },
    r.scheduleSummary,
  );
  edit.disabled = r.backup === 'off';
  edit.addEventListener('click', () => post({ type: 'editSchedule', groupId: r.groupId, clusterName: r.clusterName }));
  const findings = h('td', { class: 'findings' });
  if (r.errors)
    findings.append(pill(`${r.errors} error${r.errors === 1 ? '' : 's'}`, 'error', 'errors', 'with errors'));
  if (r.warnings)
    findings.append(
      pill(`${r.warnings} warning${r.warnings === 1 ? '' : 's'}`, 'warning', 'warnings', 'with warnings'),
    );
  if (!r.errors && !r.warnings) findings.append(r.backup === 'off' ? '—' : 'none');
  const tip = [
    ...r.findings.map((f) => `${f.severity}: ${findingWords(r, f.message)} (${f.ruleId})`),
    ...r.loadErrors.map((e) => `not read: ${e}`),
  ].join('\n');
  if (tip) findings.title = tip;
  const compliance = h(
    'td',
    {},
    r.compliance === 'not compliant'
      ? pill(r.compliance, 'error', 'notCompliant', 'not compliant with their policy')
      : badge(r.compliance, r.compliance === 'compliant' ? 'ok' : 'muted'),
  );
  if (r.complianceReasons.length) compliance.title = r.complianceReasons.map((m) => findingWords(r, m)).join('\n');
  const snap = h('td', { class: r.overdue ? 'overdue' : '' }, snapshotText(r, now));
  if (r.overdue) snap.append(' ', pill('overdue', 'error', 'overdue', 'overdue for a snapshot'));
  if (r.newestSnapshot)
    snap.title = `${r.newestSnapshot}${r.overdueAfterMs ? ` · overdue after ${Math.round((r.overdueAfterMs / 3_600_000) * 10) / 10} h` : ''}`;
  const open_ = expanded.has(keyOf(r));
  const toggle = h(
    'button',
    {
      class: 'toggle',
      'aria-expanded': String(open_),
      'aria-label': `Details of ${r.clusterName}`,
      title: `${open_ ? 'Hide' : 'Show'} the details of ${r.clusterName}: findings, recovery, Run Restore Drill…`,
      'data-testid': 'details-toggle',
    },
    open_ ? '▾' : '▸',
  );
  toggle.addEventListener('click', () => {
    if (expanded.has(keyOf(r))) expanded.delete(keyOf(r));
    else expanded.add(keyOf(r));
    schedule();
  });
  const tr = h(
    'tr',
    { 'data-cluster': r.clusterName, 'data-project': r.projectName },
    h('td', { class: 'project' }, toggle, r.projectName),
    h('td', {}, open),
    h('td', {}, r.tier || '?'),
    h('td', {}, r.backup === 'off' ? pill('off', 'warning', 'off', 'with backup off') : badge(r.backup, 'ok')),
    h('td', { class: 'schedule' }, edit),
    findings,
    compliance,
    snap,
    h('td', { title: r.nextSnapshot ?? '' }, nextText(r, now)),
    h('td', { class: 'rpo', 'data-testid': 'rpo' }, rpoCell(r)),
    restorable(r),
    lastRestore(r, now),
  );
  columnClasses(tr);
  return tr;
}

/** `col-<key>` on every cell, so the stylesheet can let the least needed columns go on a narrow report. */
function columnClasses(tr: HTMLTableRowElement): void {
  [...tr.children].forEach((cell, i) => cell.classList.add(`col-${REPORT_COLUMNS[i]?.key ?? ''}`));
}

function lastRestore(r: ClusterPosture, now: number): HTMLElement {
  const text = lastRestoreShort(r, now);
  const td = h(
    'td',
    { class: 'last-restore', 'data-testid': 'last-restore' },
    text === 'never' ? badge('never', 'warning') : text,
  );
  if (r.recovery?.lastRestore) td.title = lastRestoreCell(r, now);
  return td;
}

/** A schedule rule's finding in the form's words (the CLI, CSV and JSON keep the rule's JSON paths). */
function findingWords(r: ClusterPosture, message: string): string {
  return problemWords(message, r.itemTypes ? { itemTypes: r.itemTypes } : {});
}

/** The row's details, under it across the whole table: its findings in words, its recovery in full, its actions. */
function details(r: ClusterPosture, now: number): HTMLTableRowElement {
  const facts = h('dl', { class: 'facts' });
  const fact = (term: string, value: string, testid: string) =>
    facts.append(h('dt', {}, term), h('dd', { 'data-testid': testid }, value));
  // The columns a narrow report lets go (posture.css) are always here.
  fact('Tier', r.tier || '?', 'detail-tier');
  fact('Newest snapshot', snapshotText(r, now), 'detail-newest');
  fact('Next snapshot', nextText(r, now), 'detail-next');
  if (r.recovery) {
    fact('RPO', rpoCell(r), 'detail-rpo');
    const window = restorableCell(r);
    const points = restorePointsCell(r);
    fact('Restorable', points ? `${window} · restore points: ${points}` : window, 'detail-restorable');
    fact('Last restore', lastRestoreCell(r, now), 'detail-last-restore');
  } else fact('Recovery', 'backup off: nothing restorable', 'detail-recovery');
  const findings = h(
    'ul',
    { class: 'finding-list', 'data-testid': 'detail-findings' },
    ...r.findings.map((f) =>
      h('li', { class: f.severity }, `${f.severity}: ${findingWords(r, f.message)} (${f.ruleId})`),
    ),
    ...r.loadErrors.map((e) => h('li', { class: 'warning' }, `not read: ${e}`)),
  );
  if (!findings.childElementCount) findings.append(h('li', {}, 'No findings.'));
  const drill = h(
    'button',
    {
      class: 'secondary',
      'data-testid': 'run-drill',
      title: `Restore ${r.clusterName}'s newest snapshot onto a scratch cluster, watch it to the end and keep the report`,
    },
    'Run Restore Drill…',
  );
  drill.disabled = r.backup === 'off';
  drill.addEventListener('click', () =>
    post({
      type: 'runRestoreDrill',
      groupId: r.groupId,
      clusterName: r.clusterName,
      ...(r.accountId ? { accountId: r.accountId } : {}),
    }),
  );
  return h(
    'tr',
    { class: 'details', 'data-details-for': r.clusterName },
    h(
      'td',
      { colspan: String(REPORT_COLUMNS.length) },
      h('div', { class: 'details-body' }, facts, findings, h('div', { class: 'actions' }, drill)),
    ),
  );
}

function restorable(r: ClusterPosture): HTMLElement {
  const td = h('td', { class: 'restorable', 'data-testid': 'restorable' }, restorableShort(r));
  const rec = r.recovery;
  if (rec?.restorableFrom && rec.restorableTo)
    td.title = `${rec.restorableFrom} → ${rec.restorableTo} · restore points: ${restorePointsCell(r)}`;
  return td;
}

function render(): void {
  const now = Date.now();
  const c = counts(rows);
  summary.textContent = summaryLine(c);
  const n = filterCounts(rows);
  const offered = quickFilters({ rpoTargetSet: rpoTargetSeconds !== undefined });
  filters.replaceChildren(
    ...offered.map((f) => {
      const b = h(
        'button',
        { class: 'filter', 'aria-pressed': String(view.filter === f.id), 'data-filter': f.id },
        `${f.label} (${n[f.id]})`,
      );
      b.addEventListener('click', () => setView({ filter: pressFilter(view.filter, f.id) }));
      return b;
    }),
  );
  const head = h(
    'tr',
    {},
    ...REPORT_COLUMNS.map((col) => {
      const b = h('button', { class: 'sort', 'data-sort': col.key }, col.title);
      b.addEventListener('click', () =>
        setView(view.sort === col.key ? { descending: !view.descending } : { sort: col.key, descending: false }),
      );
      return h(
        'th',
        {
          'aria-sort': view.sort === col.key ? (view.descending ? 'descending' : 'ascending') : 'none',
          scope: 'col',
        },
        b,
      );
    }),
  );
  columnClasses(head);
  thead.replaceChildren(head);
  const shown = visibleRows(rows, view);
  tbody.replaceChildren(
    ...shown.flatMap((r) => (expanded.has(keyOf(r)) ? [row(r, now), details(r, now)] : [row(r, now)])),
  );
  if (!shown.length)
    tbody.append(
      h(
        'tr',
        {},
        h(
          'td',
          { colspan: String(REPORT_COLUMNS.length), class: 'empty' },
          loading ? 'Loading…' : rows.length ? 'No cluster matches the filter.' : 'No clusters.',
        ),
      ),
    );
  status.textContent = loading
    ? `Loading… ${Math.min(progress.done, progress.total)} of ${progress.total} steps · ${rows.length} clusters so far`
    : `${endNote}${shown.length !== rows.length ? ` Showing ${shown.length} of ${rows.length}.` : ''}`;
  status.classList.toggle('loading', loading);
  problemList.replaceChildren(
    ...problems.map((p) =>
      h('li', {}, `${p.projectName}: ${p.kind === 'role' ? 'not readable with this role' : 'not read'}: ${p.message}`),
    ),
  );
  exportMd.disabled = exportCsv.disabled = loading || !rows.length;
  document.body.dataset.state = loading ? 'loading' : 'done';
}

window.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as ToPostureWebview;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'start') {
    rows = [];
    problems = [];
    loading = true;
    progress = { done: 0, total: 1 };
    endNote = '';
    title.textContent = m.title;
    scope.textContent = m.scope;
    rpoTargetSeconds = typeof m.rpoTargetSeconds === 'number' ? m.rpoTargetSeconds : undefined;
    if (rpoTargetSeconds === undefined && view.filter === 'rpoOverTarget') view.filter = 'all';
  } else if (m.type === 'rows') {
    rows.push(...m.rows);
    progress = m.progress;
  } else if (m.type === 'done') {
    loading = false;
    problems = m.problems;
    endNote = m.error
      ? `Stopped: ${m.error}`
      : m.cancelled
        ? `Cancelled: ${rows.length} clusters loaded.`
        : `Loaded ${formatTime(m.generatedAt, { local: true })}.`;
  }
  schedule();
});

render();
post({ type: 'ready' });
