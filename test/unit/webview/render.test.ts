// Both webviews rendered in jsdom (a devDependency: a DOM in plain Node, so the browser code is tested without a
// browser or VS Code): each is bundled as it ships, fed the extension's messages, and its DOM and posts checked.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { repoRoot } from '../cli/builtCli';
import { computePosture } from '../../../src/core/fleet/posture';
import { formModel } from '../../../src/core/schedule/formModel';
import { checkSchedule } from '../../../src/core/schedule/index';
import type { PolicyItem } from '../../../src/core/atlas/types';
import { rpoCell } from '../../../src/core/recovery/recoveryWords';
import { lastRestoreShort, restorableShort } from '../../../src/core/fleet/reportView';
import { parsePostureMessage } from '../../../src/webview/posture/postureProtocol';
import { formatTime } from '../../../src/core/time/formatTime';

/**
 * The part of jsdom (and of the DOM) used here, typed here: jsdom is loaded at run time so the unit bundler leaves it
 * alone, and the unit tier is compiled without the DOM library (tsconfig.core.json), which keeps it out of the core.
 */
interface El {
  textContent: string | null;
  hidden: boolean;
  value: string;
  getAttribute(name: string): string | null;
  click(): void;
  dispatchEvent(event: unknown): boolean;
}
interface Doc {
  body: { dataset: Record<string, string | undefined> };
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El> & Iterable<El>;
  getElementById(id: string): El | null;
}
interface Win {
  document: Doc;
  acquireVsCodeApi?: unknown;
  eval(code: string): unknown;
  dispatchEvent(event: unknown): boolean;
  MessageEvent: new (type: string, init: { data: unknown }) => unknown;
  Event: new (type: string) => unknown;
  MutationObserver: new (callback: () => void) => { observe(target: Doc, options: object): void; disconnect(): void };
}
type JsdomCtor = new (
  html: string,
  opts: { runScripts: 'outside-only'; pretendToBeVisual: boolean },
) => { window: Win };
const { JSDOM } = createRequire(path.join(repoRoot(), 'package.json'))('jsdom') as { JSDOM: JsdomCtor };

const HOSTILE = 'Ops <img src=x onerror=alert(1)> [x](command:y)';

/**
 * Bundles a webview entry as esbuild.js does (browser, iife, CSS left out) and runs it in a fresh jsdom; `initial` is
 * the state the page carries, as webviewHtml writes it.
 */
function open(entry: string, initial?: unknown) {
  const root = repoRoot();
  const r = spawnSync(
    path.join(root, 'node_modules', '.bin', 'esbuild'),
    [
      path.join(root, 'src', 'webview', entry),
      '--bundle',
      '--format=iife',
      '--platform=browser',
      '--loader:.css=empty',
    ],
    { encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  const carried =
    initial === undefined
      ? ''
      : `<script type="application/json" id="initial-state">${JSON.stringify(initial).replace(/</g, '\\u003c')}</script>`;
  const dom = new JSDOM(`<!doctype html><body><div id="root"><p>Loading…</p></div>${carried}</body>`, {
    runScripts: 'outside-only',
    pretendToBeVisual: true,
  });
  const posted: { type: string; [k: string]: unknown }[] = [];
  let state: unknown;
  dom.window.acquireVsCodeApi = () => ({
    // As postMessage does: a copy (structured clone), here as plain objects of this realm.
    postMessage: (m: { type: string }) => posted.push(JSON.parse(JSON.stringify(m)) as { type: string }),
    getState: () => state,
    setState: (s: unknown) => (state = s),
  });
  dom.window.eval(r.stdout);
  const { document } = dom.window;
  return {
    document,
    posted,
    send: (data: unknown) => dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data })),
    /** Types `text` into a field and leaves it (the form commits on change). */
    type: (el: El, text: string) => {
      el.value = text;
      el.dispatchEvent(new dom.window.Event('change'));
    },
    /** Resolves once `ok()` holds, checked now and after every change to the DOM. */
    until: (ok: () => boolean) =>
      new Promise<void>((resolve) => {
        if (ok()) return resolve();
        const mo = new dom.window.MutationObserver(() => {
          if (!ok()) return;
          mo.disconnect();
          resolve();
        });
        mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      }),
  };
}

describe('schedule editor webview', () => {
  const TEXT = JSON.stringify({
    referenceHourOfDay: 18,
    referenceMinuteOfHour: 0,
    policies: [
      {
        policyItems: [
          { frequencyType: 'hourly', frequencyInterval: 3, retentionUnit: 'days', retentionValue: 2 },
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
        ],
      },
    ],
  });

  test('says ready, draws the state it is sent (text as text), reports what it drew, and posts intents', () => {
    const w = open('scheduleEditor/scheduleEditor.ts');
    assert.equal(w.posted[0]?.type, 'ready');
    const model = formModel(TEXT, {}, { now: Date.parse('2026-12-01T12:00:00Z'), timeZone: 'UTC' });
    w.send({ type: 'state', version: 4, title: HOSTILE, model });
    assert.equal(w.document.querySelector('h1')?.textContent, HOSTILE);
    assert.equal(w.document.querySelector('img'), null, 'a title is never parsed as HTML');
    assert.equal(w.document.querySelector('[role="status"]')?.getAttribute('data-counts'), '1/0/0');
    assert.ok(w.document.querySelectorAll('[data-key]').length > 4, 'the form has its fields');
    assert.deepEqual(w.posted.at(-1), { type: 'rendered', version: 4 });
    const openJson = [...w.document.querySelectorAll('button')].find((b) => b.textContent === 'Open as JSON');
    openJson!.click();
    assert.deepEqual(w.posted.at(-1), { type: 'openJson' });
  });

  test('the state carried in the page is drawn before any message: ready says so, and what the draw cost', () => {
    const model = formModel(TEXT, {}, { now: Date.parse('2026-12-01T12:00:00Z'), timeZone: 'UTC' });
    const w = open('scheduleEditor/scheduleEditor.ts', {
      type: 'state',
      version: 7,
      title: `${HOSTILE} </script>`,
      model,
    });
    assert.equal(w.document.querySelector('h1')?.textContent, `${HOSTILE} </script>`, 'drawn from the page, as text');
    assert.ok(w.document.querySelectorAll('[data-key]').length > 4);
    assert.equal(w.posted[0]?.type, 'ready');
    assert.equal(w.posted[0]?.drawn, true, 'the extension need not send it again');
    assert.equal(w.posted[1]?.type, 'rendered');
    assert.equal(w.posted[1]?.version, 7);
    assert.equal(typeof w.posted[1]?.ownMs, 'number');
    // Without a state in the page: ready, and nothing drawn until the extension sends one.
    const bare = open('scheduleEditor/scheduleEditor.ts');
    assert.deepEqual(
      bare.posted.map((m) => [m.type, m.drawn]),
      [['ready', undefined]],
    );
  });

  test('"abc" typed into Keep replaces the stale message about -5 with one about "abc"; nothing is sent', () => {
    const bad = TEXT.replace('"retentionValue":7', '"retentionValue":-5');
    const model = formModel(bad, {}, { now: Date.parse('2026-12-01T12:00:00Z'), timeZone: 'UTC' });
    const w = open('scheduleEditor/scheduleEditor.ts');
    w.send({ type: 'state', version: 2, title: 't', model });
    const key = 'policies[0].policyItems[1].retentionValue';
    const stale = w.document.getElementById('f-policies_0__policyItems_1__retentionValue-problems');
    assert.match(stale?.textContent ?? '', /Keep is -5, but a retention must be at least 1/);
    const sent = w.posted.length;
    w.type(w.document.querySelector(`input[data-key="${key}"]`)!, 'abc');
    assert.equal(stale?.hidden, true, 'the message about -5 is gone');
    const row = w.document.querySelector(`input[data-key="${key}"]`)!.getAttribute('aria-invalid');
    assert.equal(row, 'true');
    const local = [...w.document.querySelectorAll('.local-error')].map((e) => e.textContent).filter(Boolean);
    assert.deepEqual(local, ['Keep is "abc", but it must be a whole number']);
    assert.equal(w.posted.length, sent, 'nothing is sent for "abc"');
  });

  test("the header counts Atlas's refusal the extension passes with the rules' problems", () => {
    const problems = [
      {
        ruleId: 'push-refused',
        severity: 'error' as const,
        message: 'Atlas refused the last push: policies[0].policyItems[0].frequencyInterval is not allowed',
        path: ['policies', 0, 'policyItems', 0, 'frequencyInterval'],
        offset: 0,
        length: 1,
        docs: 'docs/rules.md#push-refused',
      },
    ];
    const clean = TEXT.replace('"frequencyInterval":3', '"frequencyInterval":6');
    const model = formModel(clean, {}, { now: Date.parse('2026-12-01T12:00:00Z'), timeZone: 'UTC', problems });
    const w = open('scheduleEditor/scheduleEditor.ts');
    w.send({ type: 'state', version: 3, title: 't', model });
    assert.equal(w.document.querySelector('[role="status"]')?.textContent, '1 error, 0 warnings');
    assert.equal(
      w.document.querySelector('#f-policies_0__policyItems_0__frequencyInterval-problems .message')?.textContent,
      'Atlas refused the last push: Interval is not allowed',
    );
  });

  test('one of anything is singular everywhere in the form: no "(1 days)"', () => {
    const ones = JSON.stringify({
      referenceHourOfDay: 1,
      referenceMinuteOfHour: 1,
      restoreWindowDays: 1,
      policies: [
        {
          policyItems: [
            { frequencyType: 'hourly', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 },
            { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 },
            { frequencyType: 'weekly', frequencyInterval: 1, retentionUnit: 'weeks', retentionValue: 1 },
            { frequencyType: 'monthly', frequencyInterval: 1, retentionUnit: 'months', retentionValue: 1 },
            { frequencyType: 'yearly', frequencyInterval: 1, retentionUnit: 'years', retentionValue: 1 },
          ],
        },
      ],
    });
    const ctx = { pitEnabled: true, nvme: false };
    const model = formModel(ones, ctx, { now: Date.parse('2026-12-01T12:00:00Z'), timeZone: 'UTC' });
    const w = open('scheduleEditor/scheduleEditor.ts');
    w.send({ type: 'state', version: 1, title: 't', model });
    const text = w.document.getElementById('root')?.textContent ?? '';
    assert.match(text, /1 day\b/, 'the form speaks of the one-day retentions');
    assert.doesNotMatch(text, /\b1 (days|weeks|months|years|hours|snapshots|errors|warnings)\b/);
  });

  test('a malformed message is ignored: nothing drawn, nothing reported', () => {
    const w = open('scheduleEditor/scheduleEditor.ts');
    w.send({ type: 'state', version: 'x', title: 't', model: {} });
    assert.equal(w.document.getElementById('root')?.textContent, 'Loading…');
    assert.deepEqual(
      w.posted.map((m) => m.type),
      ['ready'],
    );
  });
});

describe('posture webview', () => {
  const NOW = Date.parse('2026-12-01T12:00:00Z');
  const row = (projectName: string, name: string) =>
    computePosture(
      {
        groupId: 'c'.repeat(24),
        projectName,
        cluster: {
          name,
          clusterType: 'REPLICASET',
          backupEnabled: true,
          createDate: '2025-01-01T00:00:00Z',
          replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
        },
        schedule: {
          policies: [
            {
              policyItems: [
                { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
              ],
            },
          ],
        },
        newestSnapshot: new Date(NOW - 3_600_000).toISOString(),
      },
      NOW,
    );

  test('draws the rows as they come, names as text, and a row button asks to reveal its cluster', async () => {
    const w = open('posture/posture.ts');
    assert.equal(w.posted[0]?.type, 'ready');
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects' });
    w.send({
      type: 'rows',
      rows: [row(HOSTILE, 'orders-rs'), row('Staging', 'legacy-app')],
      progress: { done: 1, total: 2 },
    });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => w.document.body.dataset.state === 'done');
    const rows = [...w.document.querySelectorAll('[data-testid="rows"] tr')];
    assert.equal(rows.length, 2);
    assert.ok(
      rows.some((r) => r.textContent?.includes(HOSTILE)),
      'the project name shown as it is',
    );
    assert.equal(w.document.querySelector('img'), null, 'never parsed as HTML');
    const reveal = w.document.querySelectorAll('[data-testid="open-cluster"]');
    const orders = [...reveal].find((b) => b.textContent === 'orders-rs')!;
    orders.click();
    assert.deepEqual(w.posted.at(-1), { type: 'openCluster', groupId: 'c'.repeat(24), clusterName: 'orders-rs' });
  });

  test('the recovery columns (RPO, restorable, last restore) as text, and their quick filters with counts', async () => {
    const restored = row('Staging', 'restored');
    // A hostile delivery type (never what Atlas sends) must still come out as text.
    restored.recovery = {
      ...restored.recovery!,
      lastRestore: { finishedAt: '2026-11-30T12:00:00Z', durationSeconds: null, deliveryType: HOSTILE, drill: null },
    };
    const never = row('Staging', 'never');
    never.recovery = { ...never.recovery!, lastRestore: null };
    const w = open('posture/posture.ts');
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects' });
    w.send({ type: 'rows', rows: [restored, never], progress: { done: 1, total: 1 } });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => w.document.body.dataset.state === 'done');
    const heads = [...w.document.querySelectorAll('thead th')].map((th) => th.textContent);
    assert.deepEqual(heads.slice(-3), ['RPO', 'Restorable', 'Last restore']);
    const cells = (name: string) =>
      [...w.document.querySelectorAll(`tr[data-cluster="${name}"] td`)].map((td) => td.textContent);
    assert.equal(cells('restored').length, heads.length);
    assert.equal(cells('restored').at(-3), rpoCell(restored));
    assert.equal(cells('restored').at(-2), restorableShort(restored));
    // The webview draws ages against the real clock: the finish time is in the title and the details.
    assert.match(cells('restored').at(-1)!, /^[\d.]+ (min|h|d) ago$/, 'short: the rest is in the details');
    assert.equal(cells('never').at(-1), 'never');
    // In full in the row's details, Atlas's text as text.
    w.document.querySelector('tr[data-cluster="restored"] [data-testid="details-toggle"]')!.click();
    await w.until(() => !!w.document.querySelector('[data-details-for="restored"]'));
    const full = w.document.querySelector('[data-details-for="restored"] [data-testid="detail-last-restore"]')!;
    assert.ok(full.textContent!.startsWith(`2026-11-30 12:00 UTC (${HOSTILE},`), 'as text');
    assert.equal(w.document.querySelector('img'), null, 'never parsed as HTML');
    const pills = () => [...w.document.querySelectorAll('button[data-filter]')].map((b) => b.textContent);
    assert.ok(pills().includes('Never restored (1)'));
    assert.ok(pills().includes('No scheduled snapshots (0)'));
    assert.ok(!pills().some((t) => t?.startsWith('RPO over target')), 'no target, no filter');
    // With a target set, the filter is offered.
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects', rpoTargetSeconds: 3600 });
    w.send({ type: 'rows', rows: [restored, never], progress: { done: 1, total: 1 } });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => pills().some((t) => t?.startsWith('RPO over target')));
    assert.ok(pills().includes('RPO over target (0)'), 'counted from the findings, computed without a target');
  });

  test('the recovery columns are short and sort by their data; a row opens onto its details and back', async () => {
    // Relative to the real clock: the webview says "ago" from Date.now(), so the times must be in its past on any day.
    const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const withRestore = (name: string, days: number | null) => {
      const r = row('Staging', name);
      r.recovery = {
        ...r.recovery!,
        lastRestore:
          days === null
            ? null
            : { finishedAt: at(days), durationSeconds: null, deliveryType: 'automated', drill: days === 3 },
      };
      if (days === null)
        r.findings.push({
          ruleId: 'no-recent-restore',
          severity: 'warning',
          path: '',
          message: `Never restored: ${HOSTILE}`,
        });
      return r;
    };
    const rows = [withRestore('recent', 1), withRestore('older', 3), withRestore('never', null)];
    const w = open('posture/posture.ts');
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects' });
    w.send({ type: 'rows', rows, progress: { done: 1, total: 1 } });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => w.document.body.dataset.state === 'done');
    const order = () =>
      [...w.document.querySelectorAll('[data-testid="rows"] tr[data-cluster]')].map((t) =>
        t.getAttribute('data-cluster'),
      );
    const sortBy = async (key: string, dir: string) => {
      w.document.querySelector(`button[data-sort="${key}"]`)!.click();
      await w.until(() => !!w.document.querySelector(`th[aria-sort="${dir}"] button[data-sort="${key}"]`));
    };
    await sortBy('lastRestore', 'ascending');
    assert.deepEqual(order(), ['never', 'older', 'recent'], 'never first, then the oldest restore');
    await sortBy('lastRestore', 'descending');
    assert.deepEqual(order(), ['recent', 'older', 'never']);
    const lastCell = (name: string) =>
      w.document.querySelector(`tr[data-cluster="${name}"] [data-testid="last-restore"]`)!;
    assert.match(lastCell('older').textContent!, /^[\d.]+ d ago · drill$/);
    assert.match(
      lastCell('older').getAttribute('title')!,
      new RegExp(`^${formatTime(at(3))} \\(automated, .* ago, drill\\)$`),
    );
    assert.equal(lastCell('recent').textContent, lastRestoreShort(rows[0], Date.now()).replace(/ · drill$/, ''));
    await sortBy('restorable', 'ascending');
    await sortBy('rpo', 'ascending');
    assert.equal(order().length, 3);

    // Details: opened by the row's toggle, across the whole table, kept through a re-sort, closed again.
    const toggle = (name: string) =>
      w.document.querySelector(`tr[data-cluster="${name}"] [data-testid="details-toggle"]`)!;
    assert.equal(toggle('never').getAttribute('aria-expanded'), 'false');
    toggle('never').click();
    await w.until(() => !!w.document.querySelector('[data-details-for="never"]'));
    assert.equal(toggle('never').getAttribute('aria-expanded'), 'true');
    const details = w.document.querySelector('[data-details-for="never"] td')!;
    assert.equal(details.getAttribute('colspan'), String(w.document.querySelectorAll('thead th').length));
    // What a narrow report lets go of (its Tier, Newest and Next snapshot columns) is in the details.
    assert.equal(
      w.document.querySelector('[data-details-for="never"] [data-testid="detail-tier"]')!.textContent,
      rows[2].tier,
    );
    assert.equal(
      w.document.querySelector('tr[data-cluster="never"] td:nth-child(3)')!.getAttribute('class'),
      'col-tier',
    );
    assert.match(
      w.document.querySelector('[data-details-for="never"] [data-testid="detail-findings"]')!.textContent!,
      /warning: Never restored: .*\(no-recent-restore\)/,
    );
    assert.equal(w.document.querySelector('img'), null, 'a finding is text, never HTML');
    await sortBy('cluster', 'ascending');
    const all = [...w.document.querySelectorAll('[data-testid="rows"] tr')].map(
      (t) => t.getAttribute('data-cluster') ?? `details:${t.getAttribute('data-details-for')}`,
    );
    assert.deepEqual(all, ['never', 'details:never', 'older', 'recent'], 'the details follow their row');
    toggle('never').click();
    await w.until(() => !w.document.querySelector('[data-details-for="never"]'));
  });

  test("a row's Run Restore Drill… asks the extension to run the drill command on that cluster, with its account", async () => {
    const plain = row('Staging', 'orders-rs');
    const mine = { ...row('Sandbox', 'sandbox-001'), accountId: 'acct-2' };
    const w = open('posture/posture.ts');
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects' });
    w.send({ type: 'rows', rows: [plain, mine], progress: { done: 1, total: 1 } });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => w.document.body.dataset.state === 'done');
    for (const name of ['orders-rs', 'sandbox-001'])
      w.document.querySelector(`tr[data-cluster="${name}"] [data-testid="details-toggle"]`)!.click();
    await w.until(() => w.document.querySelectorAll('[data-testid="run-drill"]').length === 2);
    const drill = (name: string) => w.document.querySelector(`[data-details-for="${name}"] [data-testid="run-drill"]`)!;
    assert.equal(drill('orders-rs').textContent, 'Run Restore Drill…');
    drill('orders-rs').click();
    const sent = w.posted.at(-1)!;
    assert.deepEqual(sent, { type: 'runRestoreDrill', groupId: 'c'.repeat(24), clusterName: 'orders-rs' });
    assert.deepEqual(parsePostureMessage(sent), sent, 'what the extension accepts');
    drill('sandbox-001').click();
    assert.deepEqual(w.posted.at(-1), {
      type: 'runRestoreDrill',
      groupId: 'c'.repeat(24),
      clusterName: 'sandbox-001',
      accountId: 'acct-2',
    });
  });

  // Issue #20: the warnings pill did nothing on click. Every badge that names a filter is a pill that applies it, as
  // the filter buttons do, and pressing a pressed one (badge or button) shows every row again.
  test('the errors, warnings and overdue badges filter like their buttons; each filtering badge has its button', async () => {
    const make = (
      name: string,
      policyItems: { frequencyType: 'daily' | 'weekly'; retentionUnit: 'days' | 'weeks'; retentionValue: number }[],
      ageH: number,
    ) =>
      computePosture(
        {
          groupId: 'c'.repeat(24),
          projectName: 'Staging',
          cluster: {
            name,
            clusterType: 'REPLICASET',
            backupEnabled: true,
            createDate: '2025-01-01T00:00:00Z',
            replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
          },
          schedule: {
            policies: [
              {
                policyItems: policyItems.map((i) => ({
                  ...i,
                  frequencyInterval: i.frequencyType === 'daily' ? 1 : 6,
                })),
              },
            ],
          },
          newestSnapshot: new Date(NOW - ageH * 3_600_000).toISOString(),
        },
        NOW,
      );
    const daily = { frequencyType: 'daily', retentionUnit: 'days', retentionValue: 7 } as const;
    // Weekly kept 1 week under daily kept 14 days: an error; weekly kept 3 days: a warning; 30 h: overdue.
    const erring = make(
      'erring',
      [
        { ...daily, retentionValue: 14 },
        { frequencyType: 'weekly', retentionUnit: 'weeks', retentionValue: 1 },
      ],
      1,
    );
    const warned = make(
      'warned',
      [
        { ...daily, retentionValue: 2 },
        { frequencyType: 'weekly', retentionUnit: 'days', retentionValue: 3 },
      ],
      1,
    );
    const late = make('late', [daily], 30);
    const fine = make('fine', [daily], 1);
    assert.ok(erring.errors && !erring.warnings && warned.warnings && !warned.errors && late.overdue && !fine.errors);
    const w = open('posture/posture.ts');
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects' });
    w.send({ type: 'rows', rows: [erring, warned, late, fine], progress: { done: 1, total: 1 } });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => w.document.body.dataset.state === 'done');
    const shown = () => [...w.document.querySelectorAll('tr[data-cluster]')].map((r) => r.getAttribute('data-cluster'));
    const pressed = () =>
      w.document.querySelector('button[data-filter][aria-pressed="true"]')?.getAttribute('data-filter');
    const badge = (cluster: string, filter: string) =>
      w.document.querySelector(`tr[data-cluster="${cluster}"] button[data-show="${filter}"]`)!;
    const same = (a: readonly (string | null)[], b: readonly string[]) => a.join() === b.join();
    assert.ok(same(shown(), ['erring', 'fine', 'late', 'warned']), shown().join());

    badge('warned', 'warnings').click();
    await w.until(() => same(shown(), ['warned']));
    assert.equal(pressed(), 'warnings', 'the Warnings button shows the filter is on');
    assert.equal(badge('warned', 'warnings').getAttribute('aria-pressed'), 'true');
    badge('warned', 'warnings').click();
    await w.until(() => shown().length === 4);
    assert.equal(pressed(), 'all');

    badge('erring', 'errors').click();
    await w.until(() => same(shown(), ['erring']));
    assert.equal(pressed(), 'errors');
    // The pressed filter button toggles back too.
    w.document.querySelector('button[data-filter="errors"]')!.click();
    await w.until(() => shown().length === 4);

    badge('late', 'overdue').click();
    await w.until(() => same(shown(), ['late']));
    w.document.querySelector('button[data-filter="warnings"]')!.click();
    await w.until(() => same(shown(), ['warned']));
    assert.ok(w.document.querySelector('button[data-filter="warnings"]')!.textContent === 'Warnings (1)');

    // Every filtering badge names a filter a button offers, so the two can never disagree.
    const offered = new Set(
      [...w.document.querySelectorAll('button[data-filter]')].map((b) => b.getAttribute('data-filter')),
    );
    w.document.querySelector('button[data-filter="all"]')!.click();
    await w.until(() => shown().length === 4);
    const shows = [...w.document.querySelectorAll('button[data-show]')].map((b) => b.getAttribute('data-show'));
    assert.ok(shows.length >= 3);
    for (const f of shows) assert.ok(offered.has(f), `${f} is a filter button too`);
  });
});

describe('posture protocol: Run Restore Drill', () => {
  test('the extension takes a project id, a cluster name and an optional account id, and refuses anything else', () => {
    const ok = { type: 'runRestoreDrill', groupId: 'a'.repeat(24), clusterName: 'orders-rs', accountId: 'work' };
    assert.deepEqual(parsePostureMessage(ok), ok);
    for (const bad of [
      { ...ok, groupId: 'not-a-project' },
      { ...ok, clusterName: '-starts-with-a-dash' },
      { ...ok, accountId: 'a/b' },
      { ...ok, accountId: 42 },
    ])
      assert.match(
        JSON.stringify(parsePostureMessage(bad)),
        /^"runRestoreDrill: (groupId|clusterName|accountId) is not/,
      );
  });
});

describe('schedule editor webview: the export bucket', () => {
  const BUCKETS = [
    { id: 'a'.repeat(24), bucketName: 'acme-atlas-exports', cloudProvider: 'AWS' },
    { id: 'b'.repeat(24), bucketName: HOSTILE, cloudProvider: 'AZURE' },
  ];
  const text = (bucketId: string) =>
    JSON.stringify({
      policies: [
        { policyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }] },
      ],
      autoExportEnabled: true,
      export: { exportBucketId: bucketId, frequencyType: 'monthly' },
    });
  interface Select {
    tagName: string;
    value: string;
    options: Iterable<{ textContent: string | null; selected: boolean }>;
    dispatchEvent(e: unknown): boolean;
    ownerDocument: { defaultView: { Event: new (type: string) => unknown } };
  }
  const bucketSelect = (w: ReturnType<typeof open>) =>
    w.document.querySelector('[data-key="export.exportBucketId"]') as unknown as Select;

  test("with the project's buckets known, the bucket is picked by name and the id is what gets written", () => {
    const w = open('scheduleEditor/scheduleEditor.ts');
    const model = formModel(text(BUCKETS[0].id), { exportBuckets: BUCKETS }, { now: 0, timeZone: 'UTC' });
    w.send({ type: 'state', version: 1, title: 't', model });
    const sel = bucketSelect(w);
    assert.equal(sel.tagName, 'SELECT');
    const options = [...sel.options];
    assert.deepEqual(
      options.map((o) => o.textContent),
      ['acme-atlas-exports (AWS)', `${HOSTILE} (AZURE)`],
    );
    assert.equal(options.find((o) => o.selected)?.textContent, 'acme-atlas-exports (AWS)');
    assert.equal(w.document.querySelector('img'), null, 'a bucket name is never parsed as HTML');
    sel.value = '1';
    sel.dispatchEvent(new sel.ownerDocument.defaultView.Event('change'));
    assert.deepEqual(w.posted.at(-1), {
      type: 'edit',
      version: 1,
      intent: { kind: 'set', path: ['export', 'exportBucketId'], value: BUCKETS[1].id },
    });
  });

  test('an id that is no bucket of the project shows as not allowed, with the rule saying why', () => {
    const w = open('scheduleEditor/scheduleEditor.ts');
    const model = formModel(text('c'.repeat(24)), { exportBuckets: BUCKETS }, { now: 0, timeZone: 'UTC' });
    w.send({ type: 'state', version: 2, title: 't', model });
    const options = [...bucketSelect(w).options];
    assert.equal(options.find((o) => o.selected)?.textContent, `${'c'.repeat(24)} (not allowed)`);
    assert.match(
      w.document.querySelector('[data-section="Export"]')?.textContent ?? '',
      /not an export bucket of this project/,
    );
  });

  test('without the project (no context), the id is typed', () => {
    const w = open('scheduleEditor/scheduleEditor.ts');
    w.send({ type: 'state', version: 3, title: 't', model: formModel(text(BUCKETS[0].id), {}, { now: 0 }) });
    assert.equal(bucketSelect(w).tagName, 'INPUT');
  });
});

describe("problems in the form's words (the rules keep their JSON paths for lint, the Problems panel and the CLI)", () => {
  const NOW = Date.parse('2026-12-01T12:00:00Z');
  const items: PolicyItem[] = [
    { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
    { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 },
  ];
  const schedule = { referenceHourOfDay: 18, referenceMinuteOfHour: 0, policies: [{ policyItems: items }] };
  const jsonPath = /policies\[|policyItems|retentionValue|autoExportEnabled|exportBucketId|"export":/;

  test('the editor: Keep and the export checkbox say their problems in words, in the header list and the sections', () => {
    const text = JSON.stringify({ ...schedule, autoExportEnabled: true });
    const panel = checkSchedule(text);
    assert.ok(panel.some((p) => p.ruleId === 'retention-order' && /policyItems\[1\]\.retentionValue/.test(p.message)));
    assert.ok(panel.some((p) => p.ruleId === 'export-settings' && /"export":/.test(p.message)));
    const w = open('scheduleEditor/scheduleEditor.ts');
    w.send({ type: 'state', version: 1, title: 't', model: formModel(text, {}, { now: NOW, timeZone: 'UTC' }) });
    const messages = [...w.document.querySelectorAll('.problem .message')].map((e) => e.textContent ?? '');
    assert.ok(messages.length >= 2, messages.join('\n'));
    for (const m of messages) assert.doesNotMatch(m, jsonPath);
    assert.ok(
      messages.some((m) => /^Keep is 1 day \(daily\), shorter than the 2 days of the hourly item;/.test(m)),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) =>
        /^"Export snapshots to a bucket automatically" is on but no export bucket or frequency is chosen; choose an export bucket and a frequency under Export$/.test(
          m,
        ),
      ),
      messages.join('\n'),
    );
    const fixes = [...w.document.querySelectorAll('button.fix')].map((b) => b.textContent ?? '');
    for (const f of fixes) assert.doesNotMatch(f, jsonPath);
  });

  test("the posture report: a finding names the cluster's own item, in the details and the tooltip", async () => {
    const r = computePosture(
      {
        groupId: 'c'.repeat(24),
        projectName: 'Staging',
        cluster: {
          name: 'short-daily',
          clusterType: 'REPLICASET',
          backupEnabled: true,
          createDate: '2025-01-01T00:00:00Z',
          replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
        },
        schedule,
        newestSnapshot: new Date(NOW - 3_600_000).toISOString(),
      },
      NOW,
    );
    const raw = r.findings.find((f) => f.ruleId === 'retention-order');
    assert.match(
      raw?.message ?? '',
      /^policies\[0\]\.policyItems\[1\]\.retentionValue is 1 day/,
      'the CLI keeps the path',
    );
    const w = open('posture/posture.ts');
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects' });
    w.send({ type: 'rows', rows: [r], progress: { done: 1, total: 1 } });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => w.document.body.dataset.state === 'done');
    const tip = w.document.querySelector('tr[data-cluster="short-daily"] td.findings')!.getAttribute('title') ?? '';
    assert.match(tip, /The daily item's keep is 1 day \(daily\), shorter than the 2 days of the hourly item;/);
    assert.doesNotMatch(tip, jsonPath);
    w.document.querySelector('tr[data-cluster="short-daily"] [data-testid="details-toggle"]')!.click();
    await w.until(() => !!w.document.querySelector('[data-details-for="short-daily"]'));
    const list = w.document.querySelector('[data-testid="detail-findings"]')!.textContent ?? '';
    assert.match(
      list,
      /The daily item's keep is 1 day \(daily\), shorter than the 2 days of the hourly item; .*\(retention-order\)/,
    );
    assert.doesNotMatch(list, jsonPath);
  });
});

describe('posture webview: one rounding for lengths', () => {
  const NOW = Date.parse('2026-12-06T06:00:00Z');
  const DAY = 86_400_000;
  test('windows of 339.25 and 340 days read "339 d" and "340 d" (not "339.3 d" above "340 d"); short ones keep tenths', async () => {
    const withWindow = (name: string, days: number) => {
      const r = computePosture(
        {
          groupId: 'c'.repeat(24),
          projectName: 'Staging',
          cluster: {
            name,
            clusterType: 'REPLICASET',
            backupEnabled: true,
            createDate: '2025-01-01T00:00:00Z',
            replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
          },
          schedule: {
            policies: [
              {
                policyItems: [
                  { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
                ],
              },
            ],
          },
          newestSnapshot: new Date(NOW - 3_600_000).toISOString(),
        },
        NOW,
      );
      const to = NOW - 3_600_000;
      r.recovery = {
        ...r.recovery!,
        restorableFrom: new Date(to - days * DAY).toISOString(),
        restorableTo: new Date(to).toISOString(),
        restorePoints: 42,
      };
      return r;
    };
    const rows = [withWindow('legacy-app', 339.25), withWindow('billing-rs', 340), withWindow('events-rs', 2.5)];
    const w = open('posture/posture.ts');
    w.send({ type: 'start', title: 'Backup posture', scope: 'all projects' });
    w.send({ type: 'rows', rows, progress: { done: 1, total: 1 } });
    w.send({ type: 'done', cancelled: false, problems: [], generatedAt: new Date(NOW).toISOString() });
    await w.until(() => w.document.body.dataset.state === 'done');
    const cell = (name: string) =>
      w.document.querySelector(`tr[data-cluster="${name}"] [data-testid="restorable"]`)!.textContent;
    assert.equal(cell('legacy-app'), '339 d, 42 points');
    assert.equal(cell('billing-rs'), '340 d, 42 points');
    assert.equal(cell('events-rs'), '2.5 d, 42 points');
    assert.equal(restorableShort(rows[0]), cell('legacy-app'), 'the CLI and the exports say the same');
  });
});
