// Every rule message the form shows, in the form's words: no JSON path, no JSON to type. The rules themselves keep
// the paths (lint, the Problems panel, SARIF and the CLI show them beside the JSON).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSchedule } from '../../../../src/core/schedule/index';
import { problemWords } from '../../../../src/core/schedule/problemWords';

const doc = (over: Record<string, unknown>) =>
  JSON.stringify({
    referenceHourOfDay: 18,
    referenceMinuteOfHour: 0,
    policies: [
      {
        policyItems: [
          { frequencyType: 'hourly', frequencyInterval: 6, retentionUnit: 'days', retentionValue: 2 },
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 },
          { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 },
        ],
      },
    ],
    ...over,
  });
const JSON_WORDS = /policies\[|policyItems|retentionValue|autoExportEnabled|exportBucketId|restoreWindowDays|"export"/;

describe('problemWords', () => {
  test('the messages of a schedule with several problems, with and without the item types', () => {
    const problems = checkSchedule(
      doc({ autoExportEnabled: true, restoreWindowDays: 0, export: undefined, referenceMinuteOfHour: undefined }),
    );
    assert.ok(problems.length >= 4, problems.map((p) => p.ruleId).join(', '));
    assert.ok(
      problems.some((p) => JSON_WORDS.test(p.message)),
      'the rules keep their paths',
    );
    for (const p of problems) {
      for (const words of [
        problemWords(p.message),
        problemWords(p.message, { itemTypes: ['hourly', 'daily', 'daily'] }),
      ])
        assert.doesNotMatch(words, JSON_WORDS, `${p.ruleId}: ${words}`);
    }
    const byRule = (id: string) => problems.find((p) => p.ruleId === id)!.message;
    assert.match(
      problemWords(byRule('duplicate-frequency'), { itemTypes: ['hourly', 'daily', 'daily'] }),
      /^The second daily item is a second daily item \(the first is the first daily item\)/,
    );
    assert.match(problemWords(byRule('duplicate-frequency')), /^Item 3 is a second daily item \(the first is item 2\)/);
  });

  test('a field named at the end of a sentence is named too; a longer path or a quoted key is left alone', () => {
    assert.equal(problemWords('Atlas needs restoreWindowDays.'), 'Atlas needs "Days of continuous restore".');
    assert.equal(problemWords('x.restoreWindowDays is odd'), 'X.restoreWindowDays is odd');
    assert.equal(problemWords('set "updateSnapshots": true'), 'Set "updateSnapshots": true');
  });
});
