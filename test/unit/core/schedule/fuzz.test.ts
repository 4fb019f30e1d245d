// Thousands of random and mutated documents: checkSchedule and lintSchedule never throw, never report an
// `internal` problem, keep every range inside the text, and offer fixes that apply. Seeded, so a failure
// reproduces: the failing seed and document are in the assertion message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyEdits,
  checkSchedule,
  lintSchedule,
  type Problem,
  type ScheduleContext,
} from '../../../../src/core/schedule/index';
import { TYPICAL, TYPICAL_CTX } from './fixtures';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261122;
const rnd = mulberry32(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];

const KEYS = [
  'policies',
  'policyItems',
  'frequencyType',
  'frequencyInterval',
  'retentionUnit',
  'retentionValue',
  'id',
  'referenceHourOfDay',
  'referenceMinuteOfHour',
  'restoreWindowDays',
  'autoExportEnabled',
  'export',
  'exportBucketId',
  'copySettings',
  'zoneId',
  'cloudProvider',
  'frequencies',
  'copyPolicyItems',
  'lastNumberOfSnapshots',
  'shouldCopyOplogs',
  'copyPolicyItemsEnabled',
  'deleteCopySnapshots',
  'extraRetentionSettings',
  'deleteCopiedBackups',
  '__proto__',
  'constructor',
  'toString',
  '',
  'x'.repeat(300),
];
const ATOMS = [
  'null',
  'true',
  'false',
  '0',
  '-1',
  '1',
  '3',
  '12',
  '40',
  '2147483648',
  '1e308',
  '1e999',
  '-1e999',
  '3.5',
  '-0',
  '""',
  '"hourly"',
  '"daily"',
  '"weekly"',
  '"monthly"',
  '"yearly"',
  '"ondemand"',
  '"days"',
  '"weeks"',
  '"months"',
  '"years"',
  '"AWS"',
  '"GCP"',
  '"64b0c0ffee0000000000e0a1"',
  '"\\u0000"',
  '"\\ud800"',
  '"é 😀"',
  '"ACTIVE"',
  '"HOURLY"',
  '99999999999999999999999',
];

function value(depth: number): string {
  if (depth <= 0 || rnd() < 0.35) return pick(ATOMS);
  if (rnd() < 0.5) return `[${Array.from({ length: int(5) }, () => value(depth - 1)).join(', ')}]`;
  return `{${Array.from({ length: int(6) }, () => `${JSON.stringify(pick(KEYS))}: ${value(depth - 1)}`).join(', ')}}`;
}

function scheduleLike(): string {
  const items = Array.from(
    { length: int(8) },
    () =>
      `{ "frequencyType": ${pick(ATOMS)}, "frequencyInterval": ${pick(ATOMS)}, "retentionUnit": ${pick(ATOMS)}, "retentionValue": ${pick(ATOMS)}${rnd() < 0.3 ? `, "id": ${pick(ATOMS)}` : ''} }`,
  );
  const extra = Array.from({ length: int(6) }, () => `${JSON.stringify(pick(KEYS))}: ${value(3)}`);
  return `{ "policies": [{ "policyItems": [${items.join(', ')}] }]${extra.map((e) => `, ${e}`).join('')} }`;
}

function mutate(text: string): string {
  let t = text;
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(t.length + 1);
    switch (int(6)) {
      case 0:
        t = t.slice(0, at);
        break; // truncation
      case 1:
        t = t.slice(0, at) + t.slice(at + 1 + int(20));
        break;
      case 2:
        t =
          t.slice(0, at) + pick(['{', '}', '[', ']', ',', ':', '"', '/*', '//', '\n', 'null', '-', 'e']) + t.slice(at);
        break;
      case 3: {
        // type swap: replace the next value token with another atom or container
        const m = /("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)/g;
        m.lastIndex = at;
        const hit = m.exec(t);
        if (hit)
          t = t.slice(0, hit.index) + pick([...ATOMS, '[]', '{}', value(2)]) + t.slice(hit.index + hit[0].length);
        break;
      }
      case 4:
        t = t.slice(0, at) + t.slice(int(t.length));
        break;
      default:
        t = t.replace(/\d+/g, (d) => (rnd() < 0.3 ? pick(['0', '-7', '1e999', '40', '13', '2147483648']) : d));
    }
  }
  return t;
}

function deep(n: number): string {
  const open = rnd() < 0.5 ? '[' : '{"a":';
  return `{ "policies": ${open.repeat(n)}1${(open === '[' ? ']' : '}').repeat(n)} }`;
}

// Contexts come from our own code, but a half-loaded cluster or policy must not crash the rules either.
const CONTEXTS: ScheduleContext[] = [
  {},
  TYPICAL_CTX,
  { nvme: true, pitEnabled: false },
  {
    compliance: { scheduledPolicyItems: [null as never, {}] },
    zones: [null as never, { zoneId: 'x' } as never],
    serverItems: [null as never],
    serverItemIds: [null as never],
  },
];

function checkInvariants(text: string, problems: Problem[], where: string): void {
  for (const p of problems) {
    assert.notEqual(p.ruleId, 'internal', `${where}: ${p.message}\n--- document ---\n${text.slice(0, 2000)}`);
    assert.ok(
      p.offset >= 0 && p.length >= 0 && p.offset + p.length <= text.length,
      `${where}: range ${p.offset}+${p.length} outside ${text.length}`,
    );
    assert.equal(typeof p.message, 'string');
    for (const f of p.fixes ?? []) {
      const fixed = applyEdits(text, f.edits);
      assert.equal(typeof fixed, 'string');
    }
  }
}

test(
  `fuzz (seed ${SEED}): random, schedule-like, mutated and deeply nested documents`,
  { timeout: 60_000 },
  async () => {
    const docs: string[] = [];
    for (let i = 0; i < 1000; i++) docs.push(value(5));
    for (let i = 0; i < 1000; i++) docs.push(scheduleLike());
    for (let i = 0; i < 2000; i++) docs.push(mutate(rnd() < 0.7 ? TYPICAL : scheduleLike()));
    for (let i = 0; i < 20; i++) docs.push(deep(50 + int(400)));
    docs.push(
      '',
      ' ',
      '\uFEFF{}',
      '{',
      '}',
      '[',
      'null',
      '"policies"',
      '{"policies": [{"policyItems": [{}]}]}',
      '{"policies": {}}',
      '/* only a comment */',
    );
    let linted = 0;
    for (const [i, text] of docs.entries()) {
      const ctx = CONTEXTS[i % CONTEXTS.length];
      checkInvariants(text, checkSchedule(text, ctx), `checkSchedule #${i}`);
      if (i % 5 === 0) {
        checkInvariants(text, await lintSchedule(text, ctx), `lintSchedule #${i}`);
        linted++;
      }
    }
    assert.ok(docs.length > 4000 && linted > 800);
  },
);

test('pathologically deep nesting is one json-syntax problem, not a stack overflow', async () => {
  for (const n of [300, 5_000, 100_000]) {
    const text = `{ "policies": ${'['.repeat(n)}${']'.repeat(n)} }`;
    for (const ps of [checkSchedule(text), await lintSchedule(text)]) {
      assert.deepEqual(
        ps.map((p) => p.ruleId),
        ['json-syntax'],
      );
      assert.match(ps[0].message, /nested deeper than 256 levels/);
    }
  }
  // Brackets inside strings and comments do not count.
  const quoted = `{ "policies": [{ "policyItems": [] }], "x": "${'['.repeat(1000)}" /* ${'{'.repeat(1000)} */ }`;
  assert.deepEqual(
    checkSchedule(quoted).map((p) => p.ruleId),
    ['empty-policy', 'unknown-field'],
  );
});
