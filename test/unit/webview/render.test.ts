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
import { rpoCell } from '../../../src/core/recovery/recoveryWords';

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
    assert.match(cells('restored').at(-2) ?? '', / UTC → .* UTC$/);
    assert.ok(cells('restored').at(-1)!.startsWith(`2026-11-30T12:00:00Z (${HOSTILE},`), 'as text');
    assert.equal(cells('never').at(-1), 'never');
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
});
