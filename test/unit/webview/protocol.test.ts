import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseToExtension, parseToWebview } from '../../../src/webview/scheduleEditor/protocol';
import { formModel } from '../../../src/core/schedule/formModel';

describe('schedule editor protocol: what the extension accepts from the webview', () => {
  test('the known messages pass as they are', () => {
    assert.deepEqual(parseToExtension({ type: 'ready', timeZone: 'Europe/Berlin' }), {
      type: 'ready',
      timeZone: 'Europe/Berlin',
    });
    const edit = {
      type: 'edit',
      version: 3,
      intent: { kind: 'set', path: ['policies', 0, 'policyItems', 1, 'retentionValue'], value: 14 },
    };
    assert.deepEqual(parseToExtension(edit), edit);
    assert.deepEqual(parseToExtension({ type: 'edit', version: 3, intent: { kind: 'fix', problem: 2, fix: 0 } }), {
      type: 'edit',
      version: 3,
      intent: { kind: 'fix', problem: 2, fix: 0 },
    });
    assert.deepEqual(parseToExtension({ type: 'openDocs', ruleId: 'frequency-interval' }), {
      type: 'openDocs',
      ruleId: 'frequency-interval',
    });
    for (const intent of [
      { kind: 'setCopyMode', index: 0, mode: 'items' },
      { kind: 'addCopyItem', index: 1, frequencyType: 'daily' },
      { kind: 'setCopyItemType', index: 0, item: 2, frequencyType: 'ondemand' },
    ]) {
      assert.deepEqual(parseToExtension({ type: 'edit', version: 1, intent }), { type: 'edit', version: 1, intent });
    }
  });

  test('anything else is refused with a reason, never thrown', () => {
    const refused = [
      null,
      'ready',
      [],
      { type: 'launch' },
      { type: 'ready', timeZone: 'x'.repeat(65) },
      { type: 'edit', version: '3', intent: { kind: 'set', path: ['referenceHourOfDay'], value: 1 } },
      { type: 'edit', version: 3, intent: { kind: 'set', path: [], value: 1 } },
      {
        type: 'edit',
        version: 3,
        intent: { kind: 'set', path: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], value: 1 },
      },
      { type: 'edit', version: 3, intent: { kind: 'set', path: ['referenceHourOfDay'], value: { nested: true } } },
      { type: 'edit', version: 3, intent: { kind: 'set', path: ['referenceHourOfDay'], value: Number.NaN } },
      { type: 'edit', version: 3, intent: { kind: 'set', path: [-1], value: 1 } },
      { type: 'edit', version: 3, intent: { kind: 'eval', code: '1' } },
      { type: 'edit', version: 3, intent: { kind: 'setCopyMode', index: 0, mode: 'frequencies' } },
      { type: 'edit', version: 3, intent: { kind: 'setCopyItemType', index: 0, frequencyType: 'daily' } },
      { type: 'edit', version: 3, intent: { kind: 'addCopyItem', index: -1, frequencyType: 'daily' } },
      { type: 'openDocs', ruleId: '../../etc/passwd' },
    ];
    for (const m of refused) assert.equal(typeof parseToExtension(m), 'string', JSON.stringify(m));
  });
});

describe('schedule editor protocol: what the webview accepts from the extension', () => {
  test('a state with a form model passes; a malformed one is refused', () => {
    const model = formModel('{ "policies": [{ "policyItems": [] }] }', {}, { now: Date.UTC(2026, 11, 1) });
    const state = { type: 'state', version: 1, title: 'x', model };
    assert.equal(typeof parseToWebview(JSON.parse(JSON.stringify(state))), 'object');
    assert.equal(typeof parseToWebview({ type: 'state', version: 1, title: 'x', model: { ok: true } }), 'string');
    assert.equal(typeof parseToWebview({ type: 'script', src: 'x' }), 'string');
    assert.equal(typeof parseToWebview(undefined), 'string');
  });
});
