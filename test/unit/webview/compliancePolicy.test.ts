// The compliance-policy form in jsdom, bundled as it ships and fed the extension's messages (the views made by the
// core, as the host makes them): problems beside the fields in the form's words, loosening marked, the dry run with
// its choice and no silent default, and the apply intent posted only once the choice is one Atlas accepts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { repoRoot } from '../cli/builtCli';
import type { BackupSchedule, CompliancePolicy } from '../../../src/core/atlas';
import {
  emptyFormValues,
  formValuesFrom,
  policyFormView,
  type FormContext,
  type PolicyFormValues,
} from '../../../src/core/compliance/policyForm';

interface El {
  querySelector(selector: string): El | null;
  textContent: string | null;
  value: string;
  checked: boolean;
  disabled: boolean;
  getAttribute(name: string): string | null;
  click(): void;
  dispatchEvent(e: unknown): boolean;
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
  Event: new (type: string, init?: { bubbles?: boolean }) => unknown;
}
type JsdomCtor = new (
  html: string,
  opts: { runScripts: 'outside-only'; pretendToBeVisual: boolean },
) => { window: Win };
const { JSDOM } = createRequire(path.join(repoRoot(), 'package.json'))('jsdom') as { JSDOM: JsdomCtor };

const HOSTILE = 'Ops <img src=x onerror=alert(1)>';
const NOW = Date.parse('2027-03-01T00:15:00Z');
type Posted = { type: string; version?: number; values?: PolicyFormValues; overwrite?: boolean };

let bundle: string | undefined;
function open() {
  const root = repoRoot();
  if (bundle === undefined) {
    const r = spawnSync(
      path.join(root, 'node_modules', '.bin', 'esbuild'),
      [
        path.join(root, 'src', 'webview', 'compliancePolicy', 'compliancePolicy.ts'),
        '--bundle',
        '--format=iife',
        '--platform=browser',
        '--loader:.css=empty',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    bundle = r.stdout;
  }
  const dom = new JSDOM('<!doctype html><body><div id="root"><p>Loading…</p></div></body>', {
    runScripts: 'outside-only',
    pretendToBeVisual: true,
  });
  const posted: Posted[] = [];
  dom.window.acquireVsCodeApi = () => ({
    postMessage: (m: Posted) => posted.push(JSON.parse(JSON.stringify(m)) as Posted),
  });
  dom.window.eval(bundle);
  const { document } = dom.window;
  const send = (data: unknown) => dom.window.dispatchEvent(new dom.window.MessageEvent('message', { data }));
  return {
    document,
    posted,
    send,
    /** Answers the webview's latest change as the host does: the core's view of those values. */
    answer(ctx: FormContext) {
      const last = [...posted].reverse().find((m) => m.type === 'change')!;
      send({ type: 'view', version: last.version, view: policyFormView(last.values!, ctx) });
    },
    type(key: string, value: string) {
      const el = document.querySelector(`[data-key="${key}"]`)!;
      el.value = value;
      el.dispatchEvent(new dom.window.Event(el.getAttribute('type') === 'text' ? 'input' : 'change'));
    },
    tick(key: string, on: boolean) {
      const el = document.querySelector(`[data-key="${key}"]`)!;
      el.checked = on;
      el.dispatchEvent(new dom.window.Event('change'));
    },
    problems: (key: string) =>
      [...document.querySelectorAll(`[data-problems="${key}"] li`)].map((li) => ({
        kind: li.getAttribute('data-kind'),
        text: li.textContent ?? '',
      })),
  };
}

const weak: BackupSchedule = {
  referenceHourOfDay: 3,
  referenceMinuteOfHour: 0,
  policies: [
    {
      id: 'p',
      policyItems: [
        { id: 'a', frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 2 },
      ],
    },
  ],
};
const ctx: FormContext = { clusters: [{ name: 'weak-rs', schedule: weak, pitEnabled: false }], now: NOW };

describe('compliance policy form webview', () => {
  test('set-up: required fields named beside them, then the dry run, a choice to make, and apply only once accepted', () => {
    const w = open();
    assert.equal(w.posted[0]?.type, 'ready');
    w.send({ type: 'init', projectName: HOSTILE, editing: false, values: emptyFormValues() });
    assert.match(w.document.querySelector('h1')?.textContent ?? '', /^Set up the Backup Compliance Policy of Ops <img/);
    assert.equal(w.document.querySelector('img'), null, 'a project name is never parsed as HTML');
    assert.equal(w.posted.at(-1)?.type, 'change', 'the form asks for its first view');
    w.answer(ctx);
    assert.match(w.problems('authorizedEmail')[0]?.text ?? '', /Email is required/);
    assert.equal(w.document.querySelector('[data-key="authorizedEmail"]')?.getAttribute('aria-invalid'), 'true');
    assert.ok(w.document.querySelector('[data-testid="apply"]')?.disabled);

    w.type('authorizedEmail', 'officer@example.com');
    w.type('authorizedUserFirstName', 'Dana');
    w.type('authorizedUserLastName', 'Reyes');
    w.tick('items.daily.enabled', true);
    w.type('items.daily.retentionValue', 'seven');
    w.answer(ctx);
    assert.deepEqual(w.problems('authorizedEmail'), []);
    assert.match(w.problems('items.daily.retentionValue')[0]?.text ?? '', /Daily item's retention must be a positive/);
    assert.doesNotMatch(w.document.getElementById('root')?.textContent ?? '', /scheduledPolicyItems/);

    w.type('items.daily.retentionValue', '7');
    w.answer(ctx);
    const dry = w.document.querySelector('[data-testid="dry-run"]')!.textContent ?? '';
    assert.match(dry, /weak-rs raised to the policy/);
    assert.match(dry, /Daily snapshot \(every day\) kept 2 days → 7 days/);
    assert.match(dry, /Keeping schedules: Atlas refuses the whole request because of this cluster/);
    assert.match(dry, /Its daily item's retention is 2 days, but the Backup Compliance Policy requires/);
    assert.doesNotMatch(dry, /policies\[0\]/, "the cluster's items in words, not JSON paths");
    assert.match(dry, /cannot be disabled without MongoDB Support/);
    const apply = () => w.document.querySelector('[data-testid="apply"]')!;
    const note = () => w.document.querySelector('[data-testid="apply-note"]')?.textContent ?? '';
    assert.ok(apply().disabled, 'no silent default: nothing chosen yet');
    assert.match(note(), /Choose what happens to schedules/);

    const choices = [...w.document.querySelectorAll('label.choice')];
    assert.deepEqual(
      choices.map((c) => c.querySelector('strong')?.textContent?.trim()),
      ['Raise them to the policy', 'Leave them as they are'],
    );
    assert.doesNotMatch(dry, /overwriteBackupPolicies|=true|=false/, 'the choice in words, not the API parameter');
    assert.deepEqual(
      choices.map((c) => c.getAttribute('title')),
      ['Sent to Atlas as overwriteBackupPolicies=true', 'Sent to Atlas as overwriteBackupPolicies=false'],
      'the parameter kept in a tooltip for those who know the API',
    );
    w.document.querySelector('[data-testid="choose-keep"]')!.click();
    assert.ok(apply().disabled, 'keeping the schedules makes Atlas refuse');
    assert.match(note(), /while weak-rs falls short/);
    apply().click();
    assert.ok(!w.posted.some((m) => m.type === 'apply'), 'a refused choice posts nothing');

    w.document.querySelector('[data-testid="choose-overwrite"]')!.click();
    assert.ok(!apply().disabled);
    apply().click();
    const sent = w.posted.at(-1)!;
    assert.equal(sent.type, 'apply');
    assert.equal(sent.overwrite, true);
    assert.equal(sent.values?.authorizedEmail, 'officer@example.com');
  });

  test('editing: what loosens the policy in force is marked beside its field before anything is sent', () => {
    const current: CompliancePolicy = {
      authorizedEmail: 'officer@example.com',
      authorizedUserFirstName: 'Dana',
      authorizedUserLastName: 'Reyes',
      pitEnabled: true,
      scheduledPolicyItems: [
        { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
      ],
      state: 'ACTIVE',
    };
    const w = open();
    w.send({ type: 'init', projectName: 'Staging', editing: true, values: formValuesFrom(current), state: 'ACTIVE' });
    assert.match(w.document.querySelector('h1')?.textContent ?? '', /^Edit /);
    assert.equal((w.document.querySelector('[data-key="items.daily.retentionValue"]') as El).value, '7');
    w.tick('pitEnabled', false);
    w.type('items.daily.retentionValue', '3');
    w.answer({ ...ctx, clusters: [], current });
    assert.equal(w.problems('pitEnabled')[0]?.kind, 'loosening');
    assert.match(w.problems('pitEnabled')[0]?.text ?? '', /Atlas refuses/);
    assert.equal(w.problems('items.daily.retentionValue')[0]?.kind, 'loosening');
    w.document.querySelector('[data-testid="choose-overwrite"]')!.click();
    assert.ok(w.document.querySelector('[data-testid="apply"]')!.disabled, 'a loosening edit cannot be applied');
  });

  test('an answer to values since changed is dropped, and a malformed message is ignored', () => {
    const w = open();
    w.send({ type: 'view', version: 'x', view: {} });
    assert.equal(w.document.getElementById('root')?.textContent, 'Loading…');
    w.send({ type: 'init', projectName: 'Staging', editing: false, values: emptyFormValues() });
    const stale = w.posted.at(-1)!;
    w.type('authorizedEmail', 'a@b.co');
    w.send({ type: 'view', version: stale.version, view: policyFormView(stale.values!, ctx) });
    assert.deepEqual(w.problems('authorizedEmail'), [], 'the stale view is not drawn');
    w.answer(ctx);
    assert.deepEqual(w.problems('authorizedEmail'), []);
    assert.match(w.problems('authorizedUserFirstName')[0]?.text ?? '', /First name is required/);
  });
});
