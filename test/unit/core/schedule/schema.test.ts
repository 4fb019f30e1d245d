// What a user sees from the schema in VS Code: completion of enum values (per frequency type for the interval),
// snippets for new items, hovers that explain values, no complaints about JSONC. Driven through
// vscode-json-languageservice, which is what VS Code's JSON support runs on.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ClientCapabilities, getLanguageService, TextDocument, type CompletionList } from 'vscode-json-languageservice';
import { scheduleSchema } from '../../../../src/core/schedule/index';
import { writeSchemaFile } from '../../../../src/core/schedule/writeSchemaFile';
import { knownFields } from '../../../../src/core/schedule/schema';
import { FIELD_NAMES } from '../../../../src/core/schedule/fieldNames';

const ls = getLanguageService({ clientCapabilities: ClientCapabilities.LATEST }); // markdown, as in VS Code
ls.configure({
  validate: true,
  allowComments: true,
  schemas: [{ uri: 'atlas-backup://schema', fileMatch: ['*.schedule.json'], schema: scheduleSchema }],
});

async function complete(src: string): Promise<CompletionList> {
  const offset = src.indexOf('|');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const doc = TextDocument.create('file:///x.schedule.json', 'json', 1, text);
  return ls.doComplete(doc, doc.positionAt(offset), ls.parseJSONDocument(doc)) as Promise<CompletionList>;
}

const labels = (l: CompletionList) => l.items.map((i) => i.label);

describe('schema in the editor', () => {
  test('frequencyType completes the documented values', async () => {
    const l = await complete('{ "policies": [{ "policyItems": [{ "frequencyType": | }] }] }');
    for (const v of ['"hourly"', '"daily"', '"weekly"', '"monthly"', '"yearly"'])
      assert.ok(labels(l).includes(v), `${v} in ${labels(l).join()}`);
  });

  test("frequencyInterval completes the values allowed for the item's type, with their meaning", async () => {
    const hourly = labels(
      await complete('{ "policies": [{ "policyItems": [{ "frequencyType": "hourly", "frequencyInterval": | }] }] }'),
    );
    for (const v of ['1', '2', '4', '6', '8', '12']) assert.ok(hourly.includes(v), `${v} in ${hourly.join()}`);
    const weekly = await complete(
      '{ "policies": [{ "policyItems": [{ "frequencyType": "weekly", "frequencyInterval": | }] }] }',
    );
    const monday = weekly.items.find((i) => i.label === '1');
    assert.ok(monday, labels(weekly).join());
    assert.match(JSON.stringify(monday.documentation ?? ''), /Monday/);
  });

  test('a new policy item is offered as a snippet per frequency type', async () => {
    const l = await complete('{ "policies": [{ "policyItems": [ | ] }] }');
    for (const t of ['hourly', 'daily', 'weekly', 'monthly', 'yearly'])
      assert.ok(labels(l).includes(`${t} item`), `${t} item in ${labels(l).join()}`);
  });

  test('a copy setting is offered as a snippet', async () => {
    const l = await complete('{ "policies": [{ "policyItems": [] }], "copySettings": [ | ] }');
    assert.ok(
      labels(l).some((x) => /copy setting/.test(x)),
      labels(l).join(),
    );
  });

  test('hover explains the reference time is UTC', async () => {
    const text = '{ "policies": [{ "policyItems": [] }], "referenceHourOfDay": 3, "referenceMinuteOfHour": 0 }';
    const doc = TextDocument.create('file:///x.schedule.json', 'json', 1, text);
    const hover = await ls.doHover(
      doc,
      doc.positionAt(text.indexOf('referenceHourOfDay') + 3),
      ls.parseJSONDocument(doc),
    );
    assert.match(JSON.stringify(hover?.contents ?? ''), /UTC/);
  });

  test('comments and trailing commas are not flagged when VS Code validates with the schema', async () => {
    const text = '{\n  // a comment\n  "policies": [{ "policyItems": [], }],\n}';
    const doc = TextDocument.create('file:///x.schedule.json', 'json', 1, text);
    const diags = await ls.doValidation(doc, ls.parseJSONDocument(doc));
    assert.deepEqual(
      diags.map((d) => d.message),
      [],
    );
  });

  test('writeSchemaFile writes the schema as JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-schema-'));
    try {
      const file = writeSchemaFile(path.join(dir, 'schemas'));
      assert.equal(path.basename(file), 'backup-schedule.schema.json');
      assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), JSON.parse(JSON.stringify(scheduleSchema)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('the schema VS Code validates with leaves missing fields to the rules (reported once, with a fix) and keeps everything else', async () => {
  const { editorSchema } = await import('../../../../src/core/schedule/editorSchema');
  const { scheduleSchema } = await import('../../../../src/core/schedule/schema');
  const requiredLists = (v: unknown, acc: string[] = [], inIf = false): string[] => {
    if (Array.isArray(v)) {
      v.forEach((x) => requiredLists(x, acc, inIf));
      return acc;
    }
    if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'required' && !inIf) acc.push([...(x as string[])].sort().join(','));
        requiredLists(x, acc, inIf || k === 'if');
      }
    return acc;
  };
  const full = requiredLists(scheduleSchema),
    editor = requiredLists(editorSchema());
  for (const covered of [
    'policies',
    'policyItems',
    'frequencyInterval,frequencyType,retentionUnit,retentionValue',
    'zoneId',
  ]) {
    assert.ok(full.includes(covered), `the full schema requires ${covered}`);
    assert.ok(!editor.includes(covered), `the editor schema leaves ${covered} to the rules`);
  }
  assert.ok(editor.length > 0 && editor.every((r) => full.includes(r)), 'other required lists (copy items) stay');
  assert.equal(JSON.stringify(editorSchema()).length < JSON.stringify(scheduleSchema).length, true);
  assert.match(
    JSON.stringify(editorSchema()),
    /"if":\{"properties":\{"frequencyType"/,
    'conditions keep their required',
  );
});

test("the field names the unknown-field rule knows are exactly the schema's, object by object", () => {
  assert.deepEqual(FIELD_NAMES, knownFields());
});
