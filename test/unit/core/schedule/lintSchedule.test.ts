import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchedule, lintSchedule, scheduleSchema } from '../../../../src/core/schedule/index';
import { H, TYPICAL, TYPICAL_CTX, item, marked, schedule } from './fixtures';

describe('lintSchedule: schema + rules', () => {
  test('the typical schedule (comments, trailing commas, read-only fields) is clean', async () => {
    assert.deepEqual(checkSchedule(TYPICAL, TYPICAL_CTX), []);
    assert.deepEqual(await lintSchedule(TYPICAL, TYPICAL_CTX), []);
  });

  test('a schema-only problem is reported as rule "schema" on the exact value, with its path', async () => {
    const { text, expected } = marked(schedule([H], '"export": { "exportBucketId": «"not-hex"» }'));
    const ps = await lintSchedule(text);
    const schema = ps.filter((p) => p.ruleId === 'schema');
    assert.equal(schema.length, 1, JSON.stringify(ps));
    assert.equal(text.slice(schema[0].offset, schema[0].offset + schema[0].length), expected);
    assert.deepEqual(schema[0].path, ['export', 'exportBucketId']);
    assert.equal(schema[0].severity, 'error');
    assert.equal(schema[0].docs, 'docs/rules.md#schema');
  });

  test('an unknown enum value is a warning, not a schema error', async () => {
    const ps = await lintSchedule(schedule([item('fortnightly', 1, 'days', 14)]));
    assert.deepEqual(
      ps.map((p) => [p.ruleId, p.severity]),
      [['unknown-enum', 'warning']],
    );
  });

  test('deprecated copy frequencies: one warning (the rule, with a fix), not a second one from the schema', async () => {
    const ps = await lintSchedule(
      schedule([H], '"copySettings": [{ "zoneId": "64b0c0ffee0000000000e0a1", "frequencies": ["HOURLY"] }]'),
    );
    assert.deepEqual(
      ps.map((p) => [p.ruleId, p.severity]),
      [['copy-frequencies-deprecated', 'warning']],
    );
    assert.equal(ps[0].fixes?.[0].title, 'Convert frequencies to copyPolicyItems');
  });

  test('a schema problem at the same range as a rule problem is dropped (the rule says it better)', async () => {
    const text = schedule([H], '"referenceHourOfDay": 24', '"referenceMinuteOfHour": 0');
    const ps = await lintSchedule(text);
    assert.deepEqual(
      ps.map((p) => p.ruleId),
      ['reference-time-range'],
    );
  });

  test('missing required fields are reported once', async () => {
    const ps = await lintSchedule('{ "referenceHourOfDay": 1, "referenceMinuteOfHour": 0 }');
    assert.deepEqual(
      ps.map((p) => p.ruleId),
      ['policy-count'],
    );
  });

  test('syntax errors come from json-syntax only; problems are sorted by position', async () => {
    const ps = await lintSchedule('{ "policies": [ { "policyItems": [ } ], "referenceHourOfDay": 99 ');
    assert.ok(
      ps.length > 0 && ps.every((p) => p.ruleId !== 'schema' || !/expected/i.test(p.message)),
      JSON.stringify(ps),
    );
    assert.ok(ps.some((p) => p.ruleId === 'json-syntax'));
    assert.deepEqual(
      ps.map((p) => p.offset),
      [...ps.map((p) => p.offset)].sort((a, b) => a - b),
    );
  });

  test('an aborted lint rejects', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(lintSchedule(schedule([H]), {}, ac.signal), { name: 'AbortError' });
  });

  test('the schema is plain JSON and keeps enums open for values Atlas adds later', () => {
    const round = JSON.parse(JSON.stringify(scheduleSchema));
    assert.deepEqual(round, scheduleSchema);
    const text = JSON.stringify(scheduleSchema);
    for (const phrase of ['1 = Monday', '40 = the last day of the month', 'UTC', 'only 12', 'December'])
      assert.ok(text.includes(phrase), phrase);
  });
});
