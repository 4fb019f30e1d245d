// Markdown and CSV exports: text from Atlas cannot break out of its cell or run as a formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, toCsv, toMarkdown } from '../../../../src/core/fleet/exports';
import { markdownCell } from '../../../../src/core/common/markdown';
import { computePosture } from '../../../../src/core/fleet/posture';
import type { ClusterFacts } from '../../../../src/core/fleet/posture';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const row = (projectName: string, name: string) =>
  computePosture(
    {
      groupId: 'b'.repeat(24),
      projectName,
      cluster: {
        name,
        clusterType: 'REPLICASET',
        backupEnabled: true,
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
      },
      schedule: {
        policies: [
          {
            id: 'p'.repeat(24),
            policyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }],
          },
        ],
      },
      newestSnapshot: '2026-12-01T03:00:00Z',
    },
    NOW,
  );

test('markdown: a project name with pipes, HTML and a link stays inside its cell as text', () => {
  const md = toMarkdown([row('Ops | <img src=x onerror=alert(1)> [x](http://evil)\nnext', 'orders')], {
    generatedAt: '2026-12-01T12:00:00.000Z',
  });
  const lines = md.trimEnd().split('\n');
  const data = lines[lines.length - 1];
  // As many unescaped pipes as the header: the name did not add a column.
  const cells = (s: string) => s.split(/(?<!\\)\|/).length;
  assert.equal(cells(data), cells(lines[lines.length - 3]));
  assert.ok(data.includes('Ops \\| \\<img src=x onerror=alert(1)\\> \\[x\\](http://evil) next'), data);
  assert.ok(!/(?<!\\)<img/.test(md));
  assert.ok(lines[2].startsWith('1 cluster · 0 backup off'));
  assert.equal(markdownCell('a*b_c`d~e&f'), 'a\\*b\\_c\\`d\\~e\\&f');
});

test('csv: quotes, commas, line breaks and formula starters', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  assert.equal(csvField('-1'), "'-1");
  assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  const csv = toCsv([row('Zeta', 'b'), row('Alpha, Inc', 'a')], { nowMs: NOW });
  const lines = csv.split('\r\n');
  assert.equal(
    lines[0],
    'Project ID,Project,Cluster,Tier,Backup,Schedule,Errors,Warnings,Compliance,Newest snapshot,Overdue,Next snapshot,RPO,Restorable from,Restorable to,Restore points,Last restore,Findings',
  );
  assert.ok(
    lines[1].startsWith(
      `${'b'.repeat(24)},"Alpha, Inc",a,M10,on,1d·7d,0,0,no policy,2026-12-01T03:00:00Z,no,,24 h,2026-12-01T03:00:00Z,2026-12-01T03:00:00Z,1,never,`,
    ),
    lines[1],
  );
  assert.ok(lines[2].includes(',Zeta,b,'));
  assert.equal(lines.length, 4); // header, two rows, trailing CRLF
});

/** A CSV reader as a spreadsheet reads the file with the given list separator, quotes honoured. */
function readCells(csv: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = '',
    quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator || c === '\n') {
      cells.push(cell);
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  cells.push(cell);
  return cells;
}

// Issue #16: `x;=…` became a formula in semicolon locales (German, French Excel split unquoted cells at `;`).
test('csv: no cell starts a formula, whether the spreadsheet splits at commas, semicolons or tabs', () => {
  const hostile = [
    'x;=HYPERLINK("http://evil.example","click")',
    'a; +1+1',
    'ok;@SUM(A1)',
    'tab\t=1+1',
    '  =1+1',
    'x; -2',
  ];
  const rows = hostile.map((h, n) => row(`P${n}`, h));
  const csv = toCsv(rows, { nowMs: NOW });
  for (const sep of [',', ';', '\t']) {
    for (const cell of readCells(csv, sep)) {
      assert.doesNotMatch(
        cell,
        /^\s*[=+\-@]/,
        `separator ${JSON.stringify(sep)}: cell ${JSON.stringify(cell)} is a formula`,
      );
    }
  }
  // Read with the right separator, every value comes back whole (an apostrophe before a leading starter).
  const cells = readCells(csv, ',');
  for (const h of hostile) assert.ok(cells.includes(h) || cells.includes(`'${h}`), h);
});

// Issue #20: the CSV held "5.8 h ago", which is wrong the moment the file is opened later and cannot be sorted.
test('csv: times are ISO 8601 UTC timestamps, never ages; the Markdown keeps its age beside the timestamp', () => {
  const facts: ClusterFacts = {
    groupId: 'c'.repeat(24),
    projectName: 'Ops',
    cluster: {
      name: 'late',
      clusterType: 'REPLICASET',
      backupEnabled: true,
      replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', electableSpecs: { instanceSize: 'M10' } }] }],
    },
    schedule: {
      policies: [
        {
          id: 'p'.repeat(24),
          policyItems: [{ frequencyType: 'daily', frequencyInterval: 1, retentionUnit: 'days', retentionValue: 7 }],
        },
      ],
      nextSnapshot: '2026-12-02T03:00:00Z',
    },
    // Three days old: overdue.
    newestSnapshot: '2026-11-28T12:00:00Z',
    restoreJobs: [{ id: 'j'.repeat(24), deliveryType: 'automated', finishedAt: '2026-11-29T06:42:00Z' }],
  };
  const r = computePosture(facts, NOW);
  const csv = toCsv([r], { nowMs: NOW });
  const [header, line] = csv.split('\r\n');
  const cells = Object.fromEntries(header.split(',').map((h, i) => [h, line.split(',')[i]]));
  assert.doesNotMatch(csv, / ago\b/, csv);
  assert.equal(cells['Newest snapshot'], '2026-11-28T12:00:00Z');
  assert.equal(cells.Overdue, 'yes');
  assert.equal(cells['Next snapshot'], '2026-12-02T03:00:00Z');
  assert.equal(cells['Last restore'], '2026-11-29T06:42:00Z (automated)');
  for (const h of ['Newest snapshot', 'Next snapshot', 'Restorable from', 'Restorable to'])
    assert.match(cells[h], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, `${h}: ${cells[h]}`);
  // The same file read a day later says the same thing.
  assert.equal(toCsv([r], { nowMs: NOW + 86_400_000 }), csv);
  const md = toMarkdown([r], { generatedAt: new Date(NOW).toISOString() });
  assert.match(md, /2026-11-28T12:00:00Z \(3 d ago, overdue\)/);
  assert.match(md, /2026-11-29 06:42 UTC \(automated, 2\.2 d ago\)/);
});
