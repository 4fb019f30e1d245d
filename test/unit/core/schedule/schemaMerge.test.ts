// The schema check's problems are gathered in place: vscode-json-languageservice copies an array's problems so far
// for every item (`problems = problems.concat(...)`), which made a file with a schema problem in each of 64,000 items
// cost 11 s of CPU instead of 4.5 (and grow with the square of the items). lintSchedule wraps the two merge methods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
// @ts-expect-error -- no declarations for this internal module of the language service
import * as parser from 'vscode-json-languageservice/lib/esm/parser/jsonParser.js';
import { appendProblemsInPlace, lintSchedule } from '../../../../src/core/schedule/lintSchedule';

class Result {
  problems: unknown[] = [];
  propertiesMatches = 0;
  merge(o: Result): void {
    this.problems = this.problems.concat(o.problems);
    this.propertiesMatches += o.propertiesMatches;
  }
  mergePropertyMatch(o: Result): void {
    this.problems = this.problems.concat(o.problems);
    this.propertiesMatches++;
  }
}

test('merging appends to the same list, in order, and keeps what the original method counts', () => {
  appendProblemsInPlace(Result.prototype as unknown as Record<string, unknown>);
  appendProblemsInPlace(Result.prototype as unknown as Record<string, unknown>); // wrapping twice is a no-op
  const all = new Result();
  const list = all.problems;
  for (let i = 0; i < 1000; i++) {
    const one = new Result();
    one.problems.push(i);
    one.propertiesMatches = 2;
    if (i % 2) all.mergePropertyMatch(one);
    else all.merge(one);
  }
  assert.equal(all.problems, list, 'the same array, appended to');
  assert.deepEqual(
    all.problems,
    Array.from({ length: 1000 }, (_, i) => i),
  );
  assert.equal(all.propertiesMatches, 500 + 500 * 2);
});

test("the language service's own ValidationResult is the one wrapped, once lintSchedule has run", async () => {
  await lintSchedule('{ "policies": [{ "policyItems": [] }] }'); // loads the language service
  const proto = (parser as { ValidationResult: { prototype: Record<string, { inPlace?: boolean }> } }).ValidationResult
    .prototype;
  assert.equal(proto.merge.inPlace, true);
  assert.equal(proto.mergePropertyMatch.inPlace, true);
});
