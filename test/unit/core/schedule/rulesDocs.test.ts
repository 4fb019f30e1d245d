// docs/rules.md documents exactly the rules in the catalogue: every rule id has an anchor, and every anchor is a rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../../../src/core/schedule/index';

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'docs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('repository root not found');
  }
}

test('docs/rules.md has an anchor for every rule and no other', () => {
  const md = fs.readFileSync(path.join(repoRoot(), 'docs', 'rules.md'), 'utf8');
  const anchors = [...md.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((m) => m[1]).sort();
  assert.deepEqual(anchors, rules.map((r) => r.id).sort());
  for (const r of rules) {
    assert.equal(r.docs, `docs/rules.md#${r.id}`);
    assert.match(
      md,
      new RegExp(`<a id="${r.id}"></a>\`${r.id}\` — ${r.severity}`),
      `${r.id} heading names its severity`,
    );
  }
});
