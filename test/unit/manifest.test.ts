// package.json and src/core/ids.ts describe the same commands, views and settings; this keeps them in step.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  Commands,
  ContextValues,
  TreeOnlyCommands,
  Views,
  Settings,
  DEFAULT_BASE_URL,
  EXTENSION_ID,
  DETAIL_ROLES,
} from '../../src/core/ids';
import { DEFAULT_RESTORE_AGE_DAYS, recoveryOptionsFrom } from '../../src/core/recovery';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('every command in the code is contributed, and every contributed command is in the code', () => {
  const contributed = (pkg.contributes.commands as { command: string }[]).map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(Commands).sort());
});

test('every command has a title and the Atlas Backup category', () => {
  for (const c of pkg.contributes.commands) {
    assert.ok(c.title, `${c.command} has no title`);
    assert.equal(c.category, 'Atlas Backup', `${c.command} category`);
  }
});

test('tree-only commands are hidden from the command palette', () => {
  const hidden = (pkg.contributes.menus.commandPalette as { command: string; when: string }[])
    .filter((m) => m.when === 'false')
    .map((m) => m.command);
  assert.deepEqual(hidden.sort(), [...TreeOnlyCommands].sort());
});

test('the view container and view ids match', () => {
  assert.ok(pkg.contributes.viewsContainers.activitybar.some((c: { id: string }) => c.id === Views.container));
  assert.ok(pkg.contributes.views[Views.container].some((v: { id: string }) => v.id === Views.projects));
  for (const w of pkg.contributes.viewsWelcome) assert.equal(w.view, Views.projects);
});

test('menus only reference contributed commands and views', () => {
  const ids = new Set(Object.values(Commands));
  for (const [where, items] of Object.entries(
    pkg.contributes.menus as Record<string, { command: string; when?: string }[]>,
  )) {
    for (const m of items) {
      assert.ok(ids.has(m.command as never), `${where} references unknown command ${m.command}`);
      for (const v of (m.when ?? '').matchAll(/view == ([\w.]+)/g))
        assert.equal(v[1], Views.projects, `${where}: ${m.when}`);
    }
  }
});

test('tree menus name only context values the tree gives rows', () => {
  const known = new Set<string>(Object.values(ContextValues));
  for (const r of DETAIL_ROLES) known.add(`${ContextValues.detail}.${r}`);
  const items = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
  for (const m of items) {
    const eq = [...m.when.matchAll(/viewItem == ([\w.]+)/g)].map((x) => x[1]);
    const re = [...m.when.matchAll(/viewItem =~ \/\^\(([^)]*)\)\$\//g)].flatMap((x) =>
      x[1].split('|').map((v) => v.replace(/\\\./g, '.')),
    );
    assert.ok(eq.length + re.length > 0, `${m.command}: no viewItem clause in ${m.when}`);
    for (const v of [...eq, ...re]) assert.ok(known.has(v), `${m.command}: unknown viewItem ${v}`);
  }
});

test('settings match and the base URL defaults to Atlas', () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props[`${Settings.section}.${Settings.baseUrl}`].default, DEFAULT_BASE_URL);
  assert.ok(props[`${Settings.section}.${Settings.requestTimeoutSeconds}`]);
  // The recovery thresholds: the same defaults and ranges as `audit --restore-age-days` / `--rpo-target`.
  const age = props[`${Settings.section}.${Settings.restoreAgeDays}`];
  assert.equal(age.default, DEFAULT_RESTORE_AGE_DAYS);
  assert.deepEqual(recoveryOptionsFrom(age.maximum, age.minimum), { restoreAgeDays: age.maximum, rpoTargetSeconds: 1 });
  assert.deepEqual(recoveryOptionsFrom(age.maximum + 1, 0), { restoreAgeDays: undefined, rpoTargetSeconds: undefined });
  const rpo = props[`${Settings.section}.${Settings.rpoTargetSeconds}`];
  assert.equal(rpo.default, null, 'no target unless one is set');
  assert.deepEqual(recoveryOptionsFrom(undefined, rpo.maximum).rpoTargetSeconds, rpo.maximum);
});

test('the extension id is publisher.name and engines.vscode accepts VS Code 1.100', () => {
  assert.equal(`${pkg.publisher}.${pkg.name}`, EXTENSION_ID);
  assert.match(pkg.engines.vscode, /^\^1\.(\d+)\.0$/);
  assert.ok(Number(pkg.engines.vscode.match(/^\^1\.(\d+)/)[1]) <= 100);
  assert.equal(pkg.devDependencies['@types/vscode'], '1.100.0');
});

test('a marked row keeps every menu of its plain form; Discard Draft and Push only with a draft, Restore to a Point in Time only with continuous backup', () => {
  // A cluster with a draft, its schedule row and a filtered snapshots row are the same rows with a marker: a menu
  // offered on the plain row must be offered on the marked one too, or the marker would hide it.
  // A cluster with continuous backup is marked too (Restore to a Point in Time is its own), with or without a draft.
  const marked: [string, string][] = [
    [ContextValues.cluster, ContextValues.clusterDraft],
    [ContextValues.cluster, ContextValues.clusterPointInTime],
    [ContextValues.clusterDraft, ContextValues.clusterPointInTimeDraft],
    [ContextValues.clusterPointInTime, ContextValues.clusterPointInTimeDraft],
    [ContextValues.schedule, ContextValues.scheduleDraft],
    [ContextValues.project, ContextValues.projectPolicy],
    [ContextValues.snapshots, ContextValues.snapshotsFiltered],
  ];
  const items = pkg.contributes.menus['view/item/context'] as { command: string; when: string; group?: string }[];
  const rowsOf = (when: string) =>
    [...when.matchAll(/viewItem =~ \/\^\(([^)]*)\)\$\//g), ...when.matchAll(/viewItem == ([\w.]+)()/g)].flatMap((x) =>
      x[1].split('|'),
    );
  const filters: string[] = [Commands.filterSnapshots, Commands.filterSnapshotsActive];
  for (const m of items) {
    if (filters.includes(m.command)) continue; // the filter button's two icons, one for each form
    if (m.command === Commands.setUpCompliancePolicy) continue; // a policy already set up is edited instead
    const rows = rowsOf(m.when);
    for (const [plain, mark] of marked)
      if (rows.includes(plain)) assert.ok(rows.includes(mark), `${m.command} (${m.group}) on ${plain} but not ${mark}`);
  }
  for (const command of [Commands.discardDraft, Commands.pushSchedule]) {
    const rows = items.filter((m) => m.command === command).flatMap((m) => rowsOf(m.when));
    assert.deepEqual(
      rows.sort(),
      [ContextValues.clusterDraft, ContextValues.clusterPointInTimeDraft, ContextValues.scheduleDraft],
      command,
    );
  }
  // Set Up Compliance Policy only where there is none; Edit only where there is one (and on its row).
  const on = (command: string) =>
    items
      .filter((m) => m.command === command)
      .flatMap((m) => rowsOf(m.when))
      .sort();
  assert.deepEqual(on(Commands.setUpCompliancePolicy), [ContextValues.project]);
  assert.deepEqual(on(Commands.editCompliancePolicy), [ContextValues.compliance, ContextValues.projectPolicy]);
  // Restore to a Point in Time needs continuous backup: only the clusters that have it offer it.
  const pit = items.filter((m) => m.command === Commands.restorePointInTime).flatMap((m) => rowsOf(m.when));
  assert.deepEqual(pit.sort(), [ContextValues.clusterPointInTime, ContextValues.clusterPointInTimeDraft]);
  for (const [command, row] of [
    [Commands.filterSnapshots, ContextValues.snapshots],
    [Commands.filterSnapshotsActive, ContextValues.snapshotsFiltered],
  ]) {
    const rows = items.filter((m) => m.command === command).flatMap((m) => rowsOf(m.when));
    assert.ok(rows.length && rows.every((r) => r === row), `${command} only on ${row}`);
  }
  const icons = Object.fromEntries(
    (pkg.contributes.commands as { command: string; icon?: string }[]).map((c) => [c.command, c.icon]),
  );
  assert.notEqual(icons[Commands.filterSnapshots], icons[Commands.filterSnapshotsActive], 'a filter on shows');
});
