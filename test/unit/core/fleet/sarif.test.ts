// `lint --format sarif` and `audit --format sarif` output validated against the SARIF 2.1.0 JSON schema (the
// OASIS schema as shipped by the @microsoft/jest-sarif package, read from node_modules: no network), with
// vscode-json-languageservice (the validator the schedule schema already uses), plus what GitHub code scanning needs
// beyond the schema (a relative artifact URI and a 1-based region on every result).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice/lib/esm/jsonLanguageService.js';
import { main } from '../../../../src/cli/main';
import { SARIF_SCHEMA, toSarif } from '../../../../src/core/fleet/sarif';
import { rules } from '../../../../src/core/schedule/checkSchedule';

const SCHEMA_FILE = path.join(process.cwd(), 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object;
const ls = getLanguageService({});
// Registered under the URI our `$schema` names too, so a log is checked against this very file.
ls.configure({ validate: true, schemas: [{ uri: SARIF_SCHEMA, fileMatch: ['*.sarif'], schema: schema }] });

async function schemaErrors(value: unknown): Promise<string[]> {
  const doc = TextDocument.create('file:///out.sarif', 'json', 1, JSON.stringify(value, null, 2));
  const diags = await ls.doValidation(doc, ls.parseJSONDocument(doc), { schemaValidation: 'error' });
  return diags.map((d) => `${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`);
}

async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '',
    err = '';
  const code = await main(args, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    env: {},
  });
  return { code, out, err };
}

function githubChecks(sarif: {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: {
        physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };
      }[];
    }[];
  }[];
}): void {
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  for (const r of run.results) {
    assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId, 'ruleIndex points at the rule');
    assert.ok(r.message.text.length > 0);
    const loc = r.locations[0].physicalLocation;
    assert.ok(!/^[a-z]+:|^\//i.test(loc.artifactLocation.uri), `relative URI: ${loc.artifactLocation.uri}`);
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
  }
}

test('the validator refuses what is not SARIF 2.1.0 (so the checks below can fail)', async () => {
  assert.ok((await schemaErrors({ version: '2.0.0', runs: [] })).length > 0, 'wrong version');
  assert.ok(
    (await schemaErrors({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a' }] }] }))
      .length > 0,
    'a result without a message',
  );
  assert.ok(
    (
      await schemaErrors({
        version: '2.1.0',
        runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }],
      })
    ).length > 0,
    'an unknown level',
  );
  const ours = toSarif(
    [{ ruleId: 'a', severity: 'error', message: 'm', path: 'x.json', region: { startLine: 1, startColumn: 1 } }],
    { rules, version: '1' },
  ) as { runs: { results: { level: string }[] }[] };
  ours.runs[0].results[0].level = 'fatal';
  assert.ok(
    (await schemaErrors(ours)).length > 0,
    'a log naming the schema by its $schema URI is checked against it too',
  );
});

test('lint --format sarif on files with errors and warnings is valid SARIF 2.1.0 that code scanning can place', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sarif-'));
  const file = path.join(dir, 'bad name #1.schedule.json');
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        policies: [
          {
            policyItems: [
              { frequencyType: 'hourly', frequencyInterval: 5, retentionUnit: 'days', retentionValue: 2 },
              { frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 1 },
            ],
          },
        ],
        referenceHourOfDay: 30,
      },
      null,
      2,
    ),
  );
  const r = await runCli(['lint', '--format', 'sarif', file]);
  assert.equal(r.code, 1, r.err);
  const sarif = JSON.parse(r.out);
  assert.deepEqual(await schemaErrors(sarif), []);
  assert.ok(sarif.runs[0].results.length >= 2);
  assert.ok(sarif.runs[0].results.some((x: { level: string }) => x.level === 'error'));
  githubChecks(sarif);
  assert.ok(
    sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri.endsWith(
      'bad%20name%20%231.schedule.json',
    ),
  );
});

test('a clean file is a valid SARIF log with no results', async () => {
  const r = await runCli(['lint', '--format', 'sarif', path.join(process.cwd(), 'samples')]);
  const sarif = JSON.parse(r.out);
  assert.deepEqual(await schemaErrors(sarif), []);
  assert.deepEqual(await schemaErrors(toSarif([], { rules, version: '0.0.0' })), []);
});

test("the audit's clusters as logical locations (each with its recovery posture) keep the log valid", async () => {
  const recovery = {
    rpoSeconds: 60,
    restorableFrom: '2026-11-20T12:00:00Z',
    restorableTo: '2026-11-22T12:00:00Z',
    pointInTime: true,
    restorePoints: null,
    lastRestore: null,
  };
  const log = toSarif([], {
    rules,
    version: '0.0.0',
    resources: [
      { fullyQualifiedName: 'Production/orders-rs', properties: { recovery } },
      { fullyQualifiedName: 'Staging/staging-rs', properties: { recovery: null } },
    ],
  });
  assert.deepEqual(await schemaErrors(log), []);
  assert.deepEqual(log.runs[0].logicalLocations?.[0], {
    fullyQualifiedName: 'Production/orders-rs',
    kind: 'resource',
    properties: { recovery },
  });
});
